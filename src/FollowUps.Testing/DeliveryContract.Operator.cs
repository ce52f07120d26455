using Xunit;

namespace FollowUps.Testing;

/// <summary>The operator's controls end to end on your store: list, settle by hand, cancel for a paused campaign or a suspended account.</summary>
public abstract partial class DeliveryContract
{
    /// <summary>
    /// An operator lists an account's follow-ups (by state, and page by page), settles an unknown one as sent, and cancels
    /// what has not gone out, first for one campaign, then for the whole account; each action is in the history with who
    /// asked and why, and nothing cancelled is sent.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Operator_ListsSettlesAndCancels_EachInTheHistory()
    {
        await using var run = await StartAsync(message => message.Key.ContactId switch
        {
            "contact-1" => SendResult.Unknown("No answer within 30 seconds."),
            "contact-2" => SendResult.TransientFailure("503 Service Unavailable"),
            _ => SendResult.Sent($"SM-{message.Key.ContactId}"),
        });
        await run.Engine.HandleCallCompletedAsync(Call("contact-1"), SmsOnly);
        await run.Engine.HandleCallCompletedAsync(Call("contact-2"), SmsOnly);
        await run.Engine.EnqueueCallCompletedAsync(Call("contact-3"), SmsOnly);
        await run.Engine.HandleCallCompletedAsync(Call("contact-4"), SmsOnly);
        await run.Engine.EnqueueCallCompletedAsync(Call("contact-5") with { CampaignId = "campaign-2" }, SmsOnly);
        var note = new OperatorNote("ops@acme.example", "Twilio's console shows it delivered.");

        var unknown = await run.Operator.ListAsync(new FollowUpQuery { AccountId = "account-1", States = [FollowUpState.Unknown] });
        var paged = new List<FollowUpKey>();
        var query = new FollowUpQuery { AccountId = "account-1", Limit = 2 };
        for (var page = await run.Operator.ListAsync(query); page.Count > 0; page = await run.Operator.ListAsync(query = query with { After = FollowUpCursor.After(page[^1]) }))
        {
            paged.AddRange(page.Select(r => r.Key));
        }

        var settled = await run.Operator.SettleAsSentAsync(Key("contact-1"), note, "SM-found");
        var byCampaign = await run.Operator.CancelWaitingAsync("account-1", "campaign-1", new OperatorNote("ops@acme.example", "Campaign paused."));
        var byAccount = await run.Operator.CancelWaitingAsync("account-1", null, new OperatorNote("ops@acme.example", "Account suspended."));
        run.Clock.Advance(TimeSpan.FromHours(1));
        await run.Dispatcher.RunOnceAsync();

        Assert.Equal([Key("contact-1")], unknown.Select(r => r.Key));
        Assert.Equal(5, paged.Distinct().Count());
        Assert.Equal(5, paged.Count);
        Assert.True(settled.Applied, settled.Detail);
        Assert.Equal((2, 1), (byCampaign, byAccount));
        var states = new List<(FollowUpState?, string?)>();
        foreach (var key in new[] { Key("contact-1"), Key("contact-2"), Key("contact-3"), Key("contact-4"), Key("contact-5") with { CampaignId = "campaign-2" } })
        {
            var record = await run.Store.FindAsync(key, CancellationToken.None);
            states.Add((record?.State, record?.Outcome?.DecidedBy));
        }

        Assert.Equal(
            [
                (FollowUpState.Sent, "ops@acme.example"),
                (FollowUpState.Cancelled, "ops@acme.example"),
                (FollowUpState.Cancelled, "ops@acme.example"),
                (FollowUpState.Sent, null),
                (FollowUpState.Cancelled, "ops@acme.example"),
            ],
            states);
        var settledEntry = (await run.Operator.ReadHistoryAsync(Key("contact-1")))[^1];
        Assert.Equal((FollowUpState.Sent, "SM-found", OutcomeReason.OperatorDecision), (settledEntry.State, settledEntry.Outcome?.ProviderMessageId, settledEntry.Outcome?.Reason));
        Assert.Contains("Twilio's console shows it delivered.", settledEntry.Outcome?.Detail, StringComparison.Ordinal);
        var cancelledEntry = (await run.Operator.ReadHistoryAsync(Key("contact-5") with { CampaignId = "campaign-2" }))[^1];
        Assert.Contains("Account suspended.", cancelledEntry.Outcome?.Detail, StringComparison.Ordinal);
        Assert.Equal(["contact-1", "contact-2", "contact-4"], run.Sms.Messages.Select(m => m.Key.ContactId).Order());
    }
}
