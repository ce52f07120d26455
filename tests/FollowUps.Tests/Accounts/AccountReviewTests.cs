using FollowUps.Accounts;
using FollowUps.Tests.Delivery;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Tests.Accounts;

/// <summary>
/// What an account's settings may not do: carry unsubscribe links the do-not-contact list cannot read, change after they
/// were validated, or come back into the cache after the host said they changed.
/// </summary>
public sealed class AccountReviewTests
{
    private const string SigningKey = "registered-signing-key-0123456789abcdef";

    [Fact]
    public async Task HandleCallCompleted_AccountWithoutUnsubscribeSettings_EmailCarriesTheRegisteredLinkAndItUnsubscribes()
    {
        var accounts = new TestAccounts().With("acme", "Acme Dental");
        var harness = new EngineHarness(accounts: accounts, configure: o => { o.UnsubscribeUrl = "https://platform.example.com/unsubscribe"; o.UnsubscribeSigningKey = SigningKey; });

        await harness.HandleAsync(Sample.Answered() with { AccountId = "acme" });

        var email = harness.Email.Messages.Should().ContainSingle().Subject;
        email.UnsubscribeUrl.Should().StartWith("https://platform.example.com/unsubscribe?token=");
        var entry = await harness.Suppressions.UnsubscribeAsync(TokenOf(email.UnsubscribeUrl!));
        entry.Should().NotBeNull("the registered keys read the link the email carries");
        entry!.AccountId.Should().Be("acme");
    }

    [Fact]
    public async Task HandleCallCompleted_AccountWithItsOwnSigningKey_TheLinkIsSignedWithTheRegisteredKeySoItUnsubscribes()
    {
        var accounts = new AccountsOf(new FollowUpAccount { Id = "acme", Settings = Settings("Acme Dental", unsubscribeUrl: "https://acme.example.com/unsubscribe", signingKey: "acme-own-signing-key-0123456789abcdef") });
        var harness = new EngineHarness(accounts: accounts, configure: o => { o.UnsubscribeUrl = "https://platform.example.com/unsubscribe"; o.UnsubscribeSigningKey = SigningKey; });

        await harness.HandleAsync(Sample.Answered() with { AccountId = "acme" });

        var email = harness.Email.Messages.Should().ContainSingle().Subject;
        email.UnsubscribeUrl.Should().StartWith("https://acme.example.com/unsubscribe?token=", "the account's own page");
        (await harness.Suppressions.UnsubscribeAsync(TokenOf(email.UnsubscribeUrl!))).Should().NotBeNull("the list reads tokens with the registered keys only");
    }

    [Fact]
    public async Task HandleCallCompleted_HostChangesTheSettingsObjectAfterReturningIt_TheValidatedSettingsAreUsed()
    {
        var settings = Settings("Acme Dental");
        var harness = new EngineHarness(accounts: new AccountsOf(new FollowUpAccount { Id = "acme", Settings = settings }));
        await harness.HandleAsync(Sample.Answered("c-1", "call-1") with { AccountId = "acme" });

        settings.BrandName = "Acme\nDental"; // Invalid: the validator refuses a line break in a name.
        var report = await harness.HandleAsync(Sample.Answered("c-2", "call-2") with { AccountId = "acme" });

        report.Sms.Status.Should().Be(OutcomeStatus.Sent);
        report.Sms.Text.Should().Contain("Acme Dental").And.NotContain("Acme\nDental");
    }

    [Fact]
    public async Task GetAsync_InvalidatedWhileAReadOfTheOldSettingsIsInFlight_TheNextCallReadsTheNewSettings()
    {
        var source = new GatedAccounts(Settings("Acme Dental"));
        var clock = new FakeTimeProvider(EngineHarness.Start);
        using var directory = new AccountDirectory(source, Options.Create(new FollowUpAccountsOptions()), Options.Create(new FollowUpOptions()), clock);

        var inFlight = directory.GetAsync("acme", CancellationToken.None).AsTask();
        await source.Reading.Task; // The read has the old settings and waits.
        source.Current = Settings("Acme Family Dental");
        await directory.InvalidateAccountAsync("acme");
        source.Gate.SetResult();
        (await inFlight).Account!.Settings.BrandName.Should().Be("Acme Dental", "it was read before the change");

        var next = await directory.GetAsync("acme", CancellationToken.None);

        next.Account!.Settings.BrandName.Should().Be("Acme Family Dental");
    }

    [Fact]
    public void AccountSettings_EverySettingOfFollowUpOptions_IsCopied()
    {
        var settings = typeof(FollowUpOptions).GetProperties().Select(property => property.Name);

        AccountSettings.Copied.Should().BeEquivalentTo(settings, "a setting the copy leaves out would fall back to its default for every account");
    }

    private static FollowUpOptions Settings(string brand, string? unsubscribeUrl = null, string? signingKey = null) => new()
    {
        BrandName = brand,
        DefaultSenderName = "Dana",
        DefaultMeetingLink = "https://cal.example.com/acme",
        UnsubscribeUrl = unsubscribeUrl,
        UnsubscribeSigningKey = signingKey,
    };

    private static string TokenOf(string url) => Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);

    /// <summary>A source that gives the one account it holds, the same object every time.</summary>
    private sealed class AccountsOf(FollowUpAccount account) : IFollowUpAccounts
    {
        public ValueTask<FollowUpAccount?> FindAsync(string accountId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(accountId == account.Id ? account : null);
    }

    /// <summary>A source whose first read takes the settings it holds, then waits for the gate, as a slow database would.</summary>
    private sealed class GatedAccounts(FollowUpOptions initial) : IFollowUpAccounts
    {
        private int _reads;

        public volatile FollowUpOptions Current = initial;

        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<FollowUpAccount?> FindAsync(string accountId, CancellationToken cancellationToken)
        {
            var settings = Current;
            if (Interlocked.Increment(ref _reads) == 1)
            {
                Reading.SetResult();
                await Gate.Task.ConfigureAwait(false);
            }

            return new FollowUpAccount { Id = accountId, Settings = settings };
        }
    }
}
