using CsCheck;
using FollowUps.Tests.Delivery;

namespace FollowUps.Tests.Accounts;

/// <summary>One engine, many accounts: each call planned, rendered and budgeted with its own account's settings.</summary>
public sealed class AccountEngineTests
{
    private static readonly TestAccounts TwoBrands = new TestAccounts()
        .With("acme", "Acme Dental", postalAddress: "1 Main St, Springfield")
        .With("bright", "Bright Smiles", postalAddress: "9 High St, Shelbyville");

    [Fact]
    public async Task HandleCallCompleted_TwoAccounts_EachTextAndEmailCarriesItsOwnBrandAndAddress()
    {
        var harness = new EngineHarness(accounts: TwoBrands);

        var acme = await harness.HandleAsync(Sample.Answered("c-1") with { AccountId = "acme" });
        var bright = await harness.HandleAsync(Sample.Answered("c-2") with { AccountId = "bright" });

        acme.Sms.Text.Should().Contain("Acme Dental").And.NotContain("Bright Smiles").And.Contain("https://cal.example.com/acme");
        bright.Sms.Text.Should().Contain("Bright Smiles").And.NotContain("Acme Dental").And.Contain("https://cal.example.com/bright");
        harness.Email.Messages.Single(m => m.Key.AccountId == "acme").TextBody.Should().Contain("1 Main St").And.NotContain("9 High St");
        harness.Email.Messages.Single(m => m.Key.AccountId == "bright").TextBody.Should().Contain("9 High St").And.NotContain("1 Main St");
    }

    [Fact]
    public void HandleCallCompleted_CallsOfTwoAccountsInAnyOrder_EachMessageOnlyEverCarriesItsOwnAccountsBrand()
    {
        Gen.Bool.Array[1, 12].Sample(order =>
        {
            var harness = new EngineHarness(accounts: TwoBrands);
            var calls = order.Select((isAcme, i) => Sample.Answered($"c-{i}", $"call-{i}") with { AccountId = isAcme ? "acme" : "bright" });
            Task.WhenAll(calls.Select(call => harness.HandleAsync(call))).GetAwaiter().GetResult();

            harness.Sms.Messages.Should().HaveCount(order.Length);
            foreach (var message in harness.Sms.Messages)
            {
                var (own, other) = message.Key.AccountId == "acme" ? ("Acme Dental", "Bright Smiles") : ("Bright Smiles", "Acme Dental");
                message.Body.Should().Contain(own).And.NotContain(other);
            }
        }, iter: 50);
    }

    [Fact]
    public async Task HandleCallCompleted_UnknownAccount_SkipsEveryKindWithItsReasonAndClaimsNothing()
    {
        var harness = new EngineHarness(accounts: TwoBrands);

        var report = await harness.HandleAsync(Sample.Answered() with { AccountId = "nobody" });

        report.Outcomes.Should().AllSatisfy(o => o.Should().BeEquivalentTo(new { Status = OutcomeStatus.Skipped, Reason = OutcomeReason.UnknownAccount }));
        report.Sms.Detail.Should().Contain("'nobody'");
        (await harness.Store.FindByCallAsync("nobody", "call-1", CancellationToken.None)).Should().BeEmpty();
        harness.Sms.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task HandleCallCompleted_AccountWithInvalidSettings_SkipsNamingEachSetting()
    {
        var accounts = new TestAccounts().With("acme", brand: "");
        var harness = new EngineHarness(accounts: accounts);

        var report = await harness.HandleAsync(Sample.Answered() with { AccountId = "acme" });

        report.Outcomes.Should().AllSatisfy(o => o.Reason.Should().Be(OutcomeReason.InvalidAccount));
        report.Sms.Detail.Should().Contain("Accounts:acme:BrandName");
        harness.Sms.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task HandleCallCompleted_SourceUnreadable_FailsAsAccountUnavailableWithoutThrowingOrClaiming()
    {
        var accounts = new TestAccounts().With("acme", "Acme Dental");
        accounts.Broken = true;
        var harness = new EngineHarness(accounts: accounts);

        var report = await harness.HandleAsync(Sample.Answered() with { AccountId = "acme" });

        report.Outcomes.Should().AllSatisfy(o => o.Should().BeEquivalentTo(new { Status = OutcomeStatus.Failed, Reason = OutcomeReason.AccountUnavailable }));
        report.Sms.Detail.Should().Contain("unreachable");
        (await harness.Store.FindByCallAsync("acme", "call-1", CancellationToken.None)).Should().BeEmpty("nothing was claimed: the call can be handled again later");
    }

    [Fact]
    public async Task HandleCallCompleted_SourceUnreadableShortlyAfterAGoodRead_TheLastGoodSettingsStandIn()
    {
        var accounts = new TestAccounts().With("acme", "Acme Dental");
        var harness = new EngineHarness(accounts: accounts, accountsOptions: new() { CacheLifetime = TimeSpan.FromMinutes(1), StaleLifetime = TimeSpan.FromMinutes(10) });
        await harness.HandleAsync(Sample.Answered("c-1", "call-1") with { AccountId = "acme" });

        accounts.Broken = true;
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var withinStale = await harness.HandleAsync(Sample.Answered("c-2", "call-2") with { AccountId = "acme" });
        harness.Time.Advance(TimeSpan.FromMinutes(6));
        var pastStale = await harness.HandleAsync(Sample.Answered("c-3", "call-3") with { AccountId = "acme" });

        withinStale.Sms.Status.Should().Be(OutcomeStatus.Sent);
        withinStale.Sms.Text.Should().Contain("Acme Dental");
        pastStale.Sms.Reason.Should().Be(OutcomeReason.AccountUnavailable);
    }

    [Fact]
    public async Task HandleCallCompleted_AccountChanged_NewSettingsAfterInvalidateAtOnceAndWithoutItOnceTheLifetimeEnds()
    {
        var accounts = new TestAccounts().With("acme", "Acme Dental");
        var harness = new EngineHarness(accounts: accounts, accountsOptions: new() { CacheLifetime = TimeSpan.FromMinutes(1) });
        await harness.HandleAsync(Sample.Answered("c-1", "call-1") with { AccountId = "acme" });

        accounts.With("acme", "Acme Family Dental");
        var cached = await harness.HandleAsync(Sample.Answered("c-2", "call-2") with { AccountId = "acme" });
        await harness.Accounts.InvalidateAccountAsync("acme");
        var invalidated = await harness.HandleAsync(Sample.Answered("c-3", "call-3") with { AccountId = "acme" });

        accounts.With("acme", "Acme Kids Dental");
        harness.Time.Advance(TimeSpan.FromSeconds(59));
        var beforeLifetime = await harness.HandleAsync(Sample.Answered("c-4", "call-4") with { AccountId = "acme" });
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        var afterLifetime = await harness.HandleAsync(Sample.Answered("c-5", "call-5") with { AccountId = "acme" });

        cached.Sms.Text.Should().Contain("Acme Dental");
        invalidated.Sms.Text.Should().Contain("Acme Family Dental");
        beforeLifetime.Sms.Text.Should().Contain("Acme Family Dental");
        afterLifetime.Sms.Text.Should().Contain("Acme Kids Dental");
        accounts.Reads.Should().Be(3, "one read per lifetime or invalidation, not one per call");
    }

    [Fact]
    public async Task AddToDoNotContactList_LocalNumberOfAnAccountInBritain_IsReadInItsRegionAndStopsItsCalls()
    {
        var accounts = new TestAccounts().With("london", "Thames Dental", region: "GB");
        var harness = new EngineHarness(accounts: accounts);

        var entry = await harness.Suppressions.AddAsync("london", SuppressionTargetKind.Phone, "020 7946 0018");
        var report = await harness.HandleAsync(Sample.Answered() with { AccountId = "london", Contact = Sample.Answered().Contact with { Phone = "020 7946 0018" } });

        entry.Target.Value.Should().Be("+442079460018");
        report.Sms.Reason.Should().Be(OutcomeReason.Suppressed);
    }

    [Fact]
    public async Task AddToDoNotContactList_PhoneWhileTheAccountCannotBeRead_ThrowsRatherThanReadingItInAnotherRegion()
    {
        var accounts = new TestAccounts().With("london", "Thames Dental", region: "GB");
        accounts.Broken = true;
        var harness = new EngineHarness(accounts: accounts);

        var add = () => harness.Suppressions.AddAsync("london", SuppressionTargetKind.Phone, "020 7946 0018");
        var email = await harness.Suppressions.AddAsync("london", SuppressionTargetKind.Email, "Ann@Example.com");

        (await add.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("'london'").And.Contain("try again");
        email.Target.Value.Should().Be("ann@example.com", "an email needs no region");
    }

    [Fact]
    public async Task ValidateCampaignAsync_CampaignWithoutAMeetingLink_IsCheckedAgainstItsAccountsDefaults()
    {
        var accounts = new TestAccounts().With("acme", "Acme Dental").With("bright", "Bright Smiles");
        var harness = new EngineHarness(accounts: accounts, configure: o => o.DefaultMeetingLink = null);
        var campaign = new CampaignFollowUpSettings { Sms = new SmsFollowUpSettings { Enabled = true, Template = SmsTemplateKind.MeetingRequest } };

        var registered = harness.Engine.ValidateCampaign(campaign);
        var acme = await harness.Engine.ValidateCampaignAsync("acme", campaign);
        var unknown = await harness.Engine.ValidateCampaignAsync("nobody", campaign);
        accounts.Broken = true;
        harness.Time.Advance(TimeSpan.FromHours(1));
        var unreadable = await harness.Engine.ValidateCampaignAsync("bright", campaign);

        registered.IsValid.Should().BeFalse("the registered settings have no meeting link to fall back on");
        acme.IsValid.Should().BeTrue("the account's default meeting link fills the blank");
        unknown.Errors.Should().ContainSingle().Which.Should().Be(new FieldError("AccountId", "Account 'nobody' is not known to the accounts source."));
        unreadable.Errors.Should().ContainSingle().Which.Message.Should().StartWith("Account 'bright' could not be read");
    }
}
