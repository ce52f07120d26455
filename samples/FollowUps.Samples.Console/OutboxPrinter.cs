namespace FollowUps.Samples;

/// <summary>Prints the outbox as an operator sees it (<see cref="IFollowUpOperator"/>): each account's follow-ups by state, and one follow-up's history.</summary>
internal static class OutboxPrinter
{
    public static async Task PrintAsync(TextWriter output, IFollowUpOperator operations, IEnumerable<string> accountIds)
    {
        FollowUpRecord? sent = null;
        foreach (var accountId in accountIds.Distinct())
        {
            var byState = new SortedDictionary<FollowUpState, int>();
            var query = new FollowUpQuery { AccountId = accountId, Limit = FollowUpQuery.MaxLimit };
            for (var page = await operations.ListAsync(query); page.Count > 0; page = await operations.ListAsync(query = query with { After = FollowUpCursor.After(page[^1]) }))
            {
                foreach (var record in page)
                {
                    byState[record.State] = byState.GetValueOrDefault(record.State) + 1;
                    sent ??= record.State == FollowUpState.Sent ? record : null;
                }
            }

            output.WriteLine($"Outbox of account {accountId}: {string.Join(", ", byState.Select(pair => $"{pair.Value} {pair.Key}"))}.");
        }

        if (sent is not null)
        {
            output.WriteLine($"History of {sent.Key}:");
            foreach (var entry in await operations.ReadHistoryAsync(sent.Key))
            {
                var what = entry.Outcome is { } outcome ? $" {outcome.Status}{(outcome.ProviderMessageId is { } id ? $" as {id}" : "")}" : "";
                output.WriteLine($"  {entry.At:u}  {entry.State}, attempt {entry.Attempt}{what}");
            }
        }
    }
}
