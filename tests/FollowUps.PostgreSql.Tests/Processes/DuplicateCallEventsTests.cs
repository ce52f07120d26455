using System.Globalization;
using FollowUps.PostgreSql.Tests.Processes.Children;
using FollowUps.PostgreSql.Tests.Support;

namespace FollowUps.PostgreSql.Tests.Processes;

/// <summary>
/// Eight host processes on one database, each handling two call events for each of the same 100 contacts (1,600 calls
/// for 100 contacts): each contact gets exactly one SMS and one email, and every report tells the truth.
/// </summary>
[Collection(ChildProcessTestGroup.Name)]
public sealed class DuplicateCallEventsTests
{
    private const int Processes = 8, Contacts = 100;

    [Fact]
    public async Task HandleCallCompleted_EightProcessesEachCallingTheSameContactsTwice_OneFollowUpPerContactAndKindReachesTheProvider()
    {
        var schema = PostgresServer.NewSchemaName();
        var account = $"account-{Guid.NewGuid():N}";
        var connection = await Fleet.ConnectionStringAsync();
        await using var provider = LoopbackProvider.Start();
        await using var fleet = new Fleet();
        for (var i = 0; i < Processes; i++)
        {
            fleet.Start("engine", connection, schema, provider, $"host-{i}", account, Contacts.ToString(CultureInfo.InvariantCulture));
        }

        await fleet.GoAsync();
        var outcomes = (await Task.WhenAll(fleet.Children.Select(async child => ReportedOutcome.Parse(child.Name, await child.WaitForExitAsync())))).SelectMany(o => o).ToList();

        outcomes.Should().HaveCount(Processes * 2 * Contacts * 3, "every call's report has an outcome for each kind, and no child threw");
        outcomes.Where(o => o.Kind == FollowUpKind.MissedCallEmail).Should().OnlyContain(o => o.Status == OutcomeStatus.Skipped && o.Reason == OutcomeReason.ChannelDisabled, "the campaign sends no missed-call email");
        var followUps = outcomes.Where(o => o.Kind != FollowUpKind.MissedCallEmail).ToList();
        followUps.Should().OnlyContain(
            o => (o.Status == OutcomeStatus.Sent && o.Reason == OutcomeReason.None)
                || (o.Status == OutcomeStatus.Skipped && (o.Reason == OutcomeReason.AlreadySent || o.Reason == OutcomeReason.InProgress)),
            "a call either sent the follow-up or found another call holding or having sent it");
        var sent = followUps.Where(o => o.Status == OutcomeStatus.Sent).ToDictionary(o => Key(account, o.Contact, o.Kind));
        var expected = Enumerable.Range(0, Contacts).SelectMany(contact => ProcessCalls.SentKinds.Select(kind => Key(account, contact, kind))).ToList();
        sent.Keys.Should().BeEquivalentTo(expected, "exactly one call of all 1,600 reports each contact's SMS and email as sent");

        provider.ReceivedByKey().Should().BeEquivalentTo(expected.ToDictionary(key => key.ToString(), _ => 1), "one request per contact and kind reached the provider");
        foreach (var request in provider.Requests)
        {
            var reported = sent.Values.Single(o => o.MessageId == request.MessageId);
            (Key(account, reported.Contact, reported.Kind).ToString(), reported.Child).Should().Be((request.Key, request.Sender), "the call told it sent is the one whose request reached the provider");
        }

        await using var store = await TestStores.CreateAsync(schema, databaseClock: true);
        var records = await store.ListAsync(new FollowUpQuery { AccountId = account, Limit = FollowUpQuery.MaxLimit }, default);
        records.Should().HaveCount(expected.Count).And.OnlyContain(r => r.State == FollowUpState.Sent && r.Attempts == 1 && r.LeaseOwner == null, "the database agrees: every follow-up sent, once");
        records.Select(r => (r.Key, r.Outcome!.ProviderMessageId)).Should().BeEquivalentTo(sent.Select(pair => (pair.Key, pair.Value.MessageId)));
    }

    private static FollowUpKey Key(string account, int contact, FollowUpKind kind) => new(account, ProcessCalls.CampaignId, ProcessCalls.ContactId(contact), kind);

    /// <summary>One outcome line an engine child printed (<see cref="EngineChild"/>).</summary>
    private sealed record ReportedOutcome(string Child, int Contact, FollowUpKind Kind, OutcomeStatus Status, OutcomeReason Reason, string? MessageId)
    {
        public static List<ReportedOutcome> Parse(string child, IReadOnlyList<string> lines)
        {
            lines.Should().Contain(ChildProcess.DoneLine, $"{child} handled every call");
            return lines.Where(line => line.StartsWith(EngineChild.OutcomeWord + " ", StringComparison.Ordinal)).Select(line => line.Split(' ') switch
            {
                [_, var contact, var kind, var status, var reason, var id] => new ReportedOutcome(
                    child, int.Parse(contact, CultureInfo.InvariantCulture), Enum.Parse<FollowUpKind>(kind), Enum.Parse<OutcomeStatus>(status), Enum.Parse<OutcomeReason>(reason), id == "-" ? null : id),
                _ => throw new FormatException($"{child} printed '{line}'."),
            }).ToList();
        }
    }
}
