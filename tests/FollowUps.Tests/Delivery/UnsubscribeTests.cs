using System.Web;
using CsCheck;
using FollowUps.Delivery;

namespace FollowUps.Tests.Delivery;

/// <summary>The unsubscribe path end to end: a link in a sent email, followed, becomes a suppression entry that stops every later email.</summary>
public sealed class UnsubscribeTests
{
    private const string SigningKey = "unsubscribe-test-key-0123456789abcdef";

    [Fact]
    public async Task Unsubscribe_TokenFromASentEmail_SuppressesTheAddressForEveryLaterEmail()
    {
        var harness = Harness();
        await harness.HandleAsync(Sample.Answered());
        var token = TokenOf(harness.Email.Messages.Single());

        var entry = await harness.Suppressions.UnsubscribeAsync(token);

        entry.Should().BeEquivalentTo(new
        {
            AccountId = "account-1",
            Target = new SuppressionTarget(SuppressionTargetKind.Email, "ann.lee@example.com"),
            Reason = SuppressionReason.Unsubscribed,
        });
        var later = await harness.HandleAsync(Sample.Missed(callId: "call-9") with { CampaignId = "campaign-2" });
        later.MissedCallEmail.Reason.Should().Be(OutcomeReason.Suppressed);
        harness.Email.Messages.Should().ContainSingle("the second email was never sent");
    }

    [Fact]
    public async Task Unsubscribe_SameTokenTwice_KeepsOneEntry()
    {
        var harness = Harness();
        var token = UnsubscribeToken.Create(SigningKey, "account-1", "ann.lee@example.com");

        var first = await harness.Suppressions.UnsubscribeAsync(token);
        var second = await harness.Suppressions.UnsubscribeAsync(token);

        second.Should().NotBeNull();
        (await harness.Suppressions.FindAsync("account-1", SuppressionTargetKind.Email, "ann.lee@example.com")).Should().Be(first);
    }

    public static TheoryData<string> ForgedTokens => new()
    {
        "",
        "not-a-token",
        UnsubscribeToken.Create("another-key-that-is-long-enough-0123456789", "account-1", "ann.lee@example.com"),
        UnsubscribeToken.Create(SigningKey, "account-1", "ann.lee@example.com")[..^2],
        UnsubscribeToken.Create(SigningKey, "account-1", "ann.lee@example.com").Replace("v1.", "v2.", StringComparison.Ordinal),
        Retarget(UnsubscribeToken.Create(SigningKey, "account-1", "ann.lee@example.com"), "bob@example.com"),
    };

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task Unsubscribe_TokenNotSignedWithTheKey_ReturnsNullAndAddsNothing(string token)
    {
        var harness = Harness();

        var entry = await harness.Suppressions.UnsubscribeAsync(token);

        entry.Should().BeNull();
        (await harness.Suppressions.FindAsync("account-1", SuppressionTargetKind.Email, "ann.lee@example.com")).Should().BeNull();
        (await harness.Suppressions.FindAsync("account-1", SuppressionTargetKind.Email, "bob@example.com")).Should().BeNull();
    }

    [Fact]
    public async Task Unsubscribe_TokenSignedWithARetiredKey_StillUnsubscribes()
    {
        const string oldKey = "the-key-before-the-rotation-0123456789";
        var harness = new EngineHarness(configure: o =>
        {
            (o.UnsubscribeUrl, o.UnsubscribeSigningKey) = ("https://acme.example/unsubscribe", SigningKey);
            o.RetiredUnsubscribeSigningKeys.Add(oldKey);
        });

        var entry = await harness.Suppressions.UnsubscribeAsync(UnsubscribeToken.Create(oldKey, "account-1", "ann.lee@example.com"));

        entry.Should().NotBeNull();
        entry!.Reason.Should().Be(SuppressionReason.Unsubscribed);
    }

    [Fact]
    public async Task Unsubscribe_NoSigningKeyConfigured_RefusesEveryToken()
    {
        var harness = new EngineHarness();

        var entry = await harness.Suppressions.UnsubscribeAsync(UnsubscribeToken.Create(SigningKey, "account-1", "ann.lee@example.com"));

        entry.Should().BeNull();
    }

    [Fact]
    public void Token_RoundTripsAnyAccountAndAddress()
    {
        var token = UnsubscribeToken.Create(SigningKey, "acct.with.dots/and?query&chars", "zoë@exämple.com");

        UnsubscribeToken.Read(SigningKey, token).Should().Be(("acct.with.dots/and?query&chars", "zoë@exämple.com"));
        token.Should().MatchRegex("^v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$", "it is safe in a query string as it is");
    }

    [Fact]
    public void Token_AnyOtherTextOrAnyChangedCharacter_ReadsAsNullWithoutThrowing()
    {
        var valid = UnsubscribeToken.Create(SigningKey, "account-1", "ann.lee@example.com");

        Gen.String.Sample(text => UnsubscribeToken.Read(SigningKey, text) is null, iter: 20_000);
        Gen.Int[0, valid.Length - 1].Select(Gen.Char).Sample(
            (at, c) => c == valid[at] || UnsubscribeToken.Read(SigningKey, string.Concat(valid.AsSpan(0, at), c.ToString(), valid.AsSpan(at + 1))) is null,
            iter: 20_000);
    }

    private static EngineHarness Harness() =>
        new(configure: o => (o.UnsubscribeUrl, o.UnsubscribeSigningKey) = ("https://acme.example/unsubscribe", SigningKey));

    private static string TokenOf(EmailMessage message) =>
        HttpUtility.ParseQueryString(new Uri(message.UnsubscribeUrl!).Query)["token"]!;

    /// <summary>The token with its address part swapped, keeping the original signature.</summary>
    private static string Retarget(string token, string email)
    {
        var parts = token.Split('.');
        parts[2] = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(email));
        return string.Join('.', parts);
    }
}
