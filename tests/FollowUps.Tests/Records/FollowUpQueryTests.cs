using System.Text.Json;

namespace FollowUps.Tests.Records;

/// <summary>A listing query: what it matches, what it refuses, and a cursor an admin page can carry between requests.</summary>
public sealed class FollowUpQueryTests
{
    private static readonly DateTimeOffset ClaimedAt = new(2026, 11, 28, 15, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Cursor_ThroughJson_ComesBackTheSame()
    {
        var cursor = FollowUpCursor.After(Record(new FollowUpKey("acct/1", "camp 1", "contact-ä", FollowUpKind.MissedCallEmail)));

        var json = JsonSerializer.Serialize(cursor, FollowUpsJson.Options);

        JsonSerializer.Deserialize<FollowUpCursor>(json, FollowUpsJson.Options).Should().Be(cursor);
        json.Should().NotContain("Targets", "a cursor carries the claim time and key only");
    }

    [Theory]
    [InlineData(" ", 100, "AccountId")]
    [InlineData("acct-1", 0, "Limit")]
    [InlineData("acct-1", FollowUpQuery.MaxLimit + 1, "Limit")]
    public void Validate_BlankAccountOrLimitOutOfRange_IsRefusedNamingIt(string account, int limit, string named)
    {
        var query = new FollowUpQuery { AccountId = account, Limit = limit };

        query.Invoking(q => q.Validate()).Should().Throw<ArgumentException>().Which.ParamName.Should().Be(named);
    }

    [Fact]
    public void Matches_ClaimTimeBounds_BeforeIsExclusiveAndSinceInclusive()
    {
        var record = Record(new FollowUpKey("acct-1", "camp-1", "contact-1", FollowUpKind.Sms));
        var query = new FollowUpQuery { AccountId = "acct-1" };

        (query with { ClaimedBefore = ClaimedAt }).Matches(record).Should().BeFalse();
        (query with { ClaimedBefore = ClaimedAt.AddTicks(1) }).Matches(record).Should().BeTrue();
        (query with { ClaimedSince = ClaimedAt }).Matches(record).Should().BeTrue();
        (query with { ClaimedSince = ClaimedAt.AddTicks(1) }).Matches(record).Should().BeFalse();
        (query with { States = [FollowUpState.Sent] }).Matches(record).Should().BeFalse();
        (query with { States = [] }).Matches(record).Should().BeTrue("no states means every state");
        (query with { CampaignId = "camp-2" }).Matches(record).Should().BeFalse();
        (query with { AccountId = "acct-2" }).Matches(record).Should().BeFalse();
    }

    private static FollowUpRecord Record(FollowUpKey key) => new()
    {
        Key = key,
        CallId = "call-1",
        Targets = [new(SuppressionTargetKind.ContactId, key.ContactId)],
        State = FollowUpState.Waiting,
        ClaimedAt = ClaimedAt,
        Deadline = ClaimedAt.AddDays(1),
    };
}
