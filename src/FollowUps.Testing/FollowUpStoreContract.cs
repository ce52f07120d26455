using FollowUps.Testing.Internal;
using Xunit;

namespace FollowUps.Testing;

/// <summary>
/// The promises every <see cref="IFollowUpStore"/> (the outbox) keeps, as an xunit suite. Derive a test class, make
/// <see cref="CreateStoreAsync(TimeProvider)"/> return your store on the clock it is handed, and run the tests. Each test
/// uses fresh account ids, so a store backed by a shared database needs no clean-up between tests.
/// </summary>
public abstract partial class FollowUpStoreContract
{
    internal static readonly DateTimeOffset ClaimedAt = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset CompletedAt = ClaimedAt.AddSeconds(2);

    /// <summary>The clock each test's store stamps its history with; the tests move it.</summary>
    private readonly ManualClock _clock = new(ClaimedAt);

    /// <summary>Creates the store under test.</summary>
    /// <param name="time">The clock the store must read for what it stamps itself (its history); the tests move it.</param>
    /// <returns>The store.</returns>
    protected abstract Task<IFollowUpStore> CreateStoreAsync(TimeProvider time);

    private Task<IFollowUpStore> CreateStoreAsync() => CreateStoreAsync(_clock);

    /// <summary>The first claim of a key wins; every later one loses and gets the record that holds the key.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Claim_SameKeyTwice_OnlyFirstWins()
    {
        var store = await CreateStoreAsync();
        var first = Claim(NewKey(FollowUpKind.Sms));

        var won = await store.ClaimAsync(first, CancellationToken.None);
        var lost = await store.ClaimAsync(first with { LeaseOwner = "another-claimer", CallId = "call-2" }, CancellationToken.None);

        Assert.True(won.Won);
        Assert.False(lost.Won);
        Assert.Equal("call-1", lost.Record.CallId);
    }

    /// <summary>A claim retried after its answer was lost finds its own record, by its owner token, and knows it won.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Claim_RetriedWithTheSameOwner_Wins()
    {
        var store = await CreateStoreAsync();
        var claim = Claim(NewKey(FollowUpKind.Email));

        await store.ClaimAsync(claim, CancellationToken.None);

        Assert.True((await store.ClaimAsync(claim, CancellationToken.None)).Won);
    }

    /// <summary>Of many concurrent claims of one key, exactly one wins.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Claim_HundredConcurrentClaims_ExactlyOneWins()
    {
        var store = await CreateStoreAsync();
        var key = NewKey(FollowUpKind.Sms);

        var claims = await Task.WhenAll(Enumerable.Range(0, 100)
            .Select(i => Task.Run(() => store.ClaimAsync(Claim(key) with { LeaseOwner = $"owner-{i}" }, CancellationToken.None))));

        Assert.Single(claims, claim => claim.Won);
        Assert.All(claims, claim => Assert.Equal(claims.Single(c => c.Won).Record.LeaseOwner, claim.Record.LeaseOwner));
    }

    /// <summary>Kinds, contacts and campaigns are claimed independently.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Claim_KeysDifferingInOnePart_AreIndependent()
    {
        var store = await CreateStoreAsync();
        var key = NewKey(FollowUpKind.Sms);

        Assert.True((await store.ClaimAsync(Claim(key), CancellationToken.None)).Won);
        Assert.True((await store.ClaimAsync(Claim(key with { Kind = FollowUpKind.Email }), CancellationToken.None)).Won);
        Assert.True((await store.ClaimAsync(Claim(key with { ContactId = "other-contact" }), CancellationToken.None)).Won);
        Assert.True((await store.ClaimAsync(Claim(key with { CampaignId = "other-campaign" }), CancellationToken.None)).Won);
    }

    /// <summary>A key never claimed has no record.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Find_NeverClaimed_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.FindAsync(NewKey(FollowUpKind.Email), CancellationToken.None));
    }

    /// <summary>A claimed follow-up reads back whole: its call, targets, stored message, lease, times.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Find_Claimed_ReadsBackWhatWasClaimed()
    {
        var store = await CreateStoreAsync();
        var sms = Claim(NewKey(FollowUpKind.Sms));
        var email = Claim(sms.Key with { Kind = FollowUpKind.Email });
        await store.ClaimAsync(sms, CancellationToken.None);
        await store.ClaimAsync(email, CancellationToken.None);

        AssertSame(sms, await store.FindAsync(sms.Key, CancellationToken.None));
        AssertSame(email, await store.FindAsync(email.Key, CancellationToken.None));
    }

    /// <summary>A call's follow-ups are found by its id, in its account only.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task FindByCall_TwoKindsClaimedByOneCall_FindsBothInKindOrder()
    {
        var store = await CreateStoreAsync();
        var sms = Claim(NewKey(FollowUpKind.Sms));
        var email = Claim(sms.Key with { Kind = FollowUpKind.Email });
        await store.ClaimAsync(email, CancellationToken.None);
        await store.ClaimAsync(sms, CancellationToken.None);
        await store.ClaimAsync(Claim(NewKey(FollowUpKind.Sms)), CancellationToken.None);

        var found = await store.FindByCallAsync(sms.Key.AccountId, "call-1", CancellationToken.None);

        Assert.Equal([FollowUpKind.Sms, FollowUpKind.Email], found.Select(record => record.Key.Kind));
        Assert.Empty(await store.FindByCallAsync(NewId("account"), "call-1", CancellationToken.None));
    }

    internal static FollowUpKey NewKey(FollowUpKind kind) => new(NewId("account"), NewId("campaign"), NewId("contact"), kind);

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A claim as the engine makes it: held by a new owner for a minute, its message rendered and stored.</summary>
    internal static FollowUpRecord Claim(FollowUpKey key, DateTimeOffset? at = null)
    {
        var now = at ?? ClaimedAt;
        return new FollowUpRecord
        {
            Key = key,
            CallId = "call-1",
            Targets = [new(SuppressionTargetKind.ContactId, key.ContactId), new(SuppressionTargetKind.Phone, "+14155552671"), new(SuppressionTargetKind.Email, "ann@example.com")],
            Sms = key.Kind == FollowUpKind.Sms
                ? new SmsMessage { Key = key, To = "+14155552671", Body = "Hi Ann, it's Dana from Acme Dental. Book here: https://cal.example.com/x\nReply STOP to opt out.", Template = SmsTemplateKind.MeetingRequest }
                : null,
            Email = key.Kind == FollowUpKind.Sms
                ? null
                : new EmailMessage
                {
                    Key = key,
                    To = "ann@example.com",
                    FromName = "Dana at Acme Dental",
                    Subject = "Your visit",
                    TextBody = "Hi Ann,\n\nSee you soon.\n",
                    HtmlBody = "<p>Hi Ann,</p>\n<p>See you soon.</p>\n",
                    UnsubscribeUrl = "https://acme.example/unsubscribe?token=abc",
                },
            State = FollowUpState.Claimed,
            LeaseOwner = NewId("owner"),
            LeaseExpiresAt = now.AddMinutes(1),
            DueAt = now,
            ClaimedAt = now,
            Deadline = now.AddHours(24),
        };
    }

    private static async Task<FollowUpRecord> ClaimAsync(IFollowUpStore store, FollowUpKind kind)
    {
        var claim = Claim(NewKey(kind));
        Assert.True((await store.ClaimAsync(claim, CancellationToken.None)).Won);
        return claim;
    }

    private static async Task<FollowUpRecord> StartSendingAsync(IFollowUpStore store, FollowUpRecord held)
    {
        var sending = held with { State = FollowUpState.Sending, Attempts = held.Attempts + 1, AttemptStartedAt = ClaimedAt.AddSeconds(held.Attempts + 1), DueAt = null, WaitReason = WaitReason.None };
        Assert.True(await store.TryUpdateAsync(held, sending, CancellationToken.None));
        return sending;
    }

    /// <summary>A follow-up claimed, sent and ended in <paramref name="state"/> with <paramref name="outcome"/>.</summary>
    private static async Task<FollowUpRecord> SettleAsync(IFollowUpStore store, FollowUpKind kind, FollowUpState state, FollowUpOutcome outcome)
    {
        var sending = await StartSendingAsync(store, await ClaimAsync(store, kind));
        var ended = Ended(sending, state, outcome);
        Assert.True(await store.TryUpdateAsync(sending, ended, CancellationToken.None));
        return ended;
    }

    private static FollowUpRecord Ended(FollowUpRecord record, FollowUpState state, FollowUpOutcome outcome) => record with
    {
        State = state,
        LeaseOwner = null,
        LeaseExpiresAt = null,
        DueAt = null,
        CompletedAt = CompletedAt,
        Outcome = outcome,
    };

    /// <summary>Every field of <paramref name="expected"/>, as the store read it back.</summary>
    private static void AssertSame(FollowUpRecord expected, FollowUpRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal((expected.Key, expected.CallId, expected.State, expected.Attempts, expected.LeaseOwner, expected.WaitReason), (actual.Key, actual.CallId, actual.State, actual.Attempts, actual.LeaseOwner, actual.WaitReason));
        Assert.Equal((expected.LeaseExpiresAt, expected.DueAt, expected.ClaimedAt, expected.Deadline, expected.CompletedAt), (actual.LeaseExpiresAt, actual.DueAt, actual.ClaimedAt, actual.Deadline, actual.CompletedAt));
        Assert.Equal(expected.AttemptStartedAt, actual.AttemptStartedAt);
        Assert.Equal(expected.Targets, actual.Targets);
        Assert.Equal(expected.Sms, actual.Sms);
        Assert.Equal(expected.Email, actual.Email);
        Assert.Equal(expected.Outcome, actual.Outcome);
        Assert.Equal(expected.Delivery, actual.Delivery);
        Assert.Equal(expected.CancelRequest, actual.CancelRequest);
    }
}
