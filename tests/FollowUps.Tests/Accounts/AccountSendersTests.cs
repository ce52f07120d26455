using FollowUps.Testing;
using FollowUps.Tests.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUps.Tests.Accounts;

/// <summary>
/// Each account's follow-ups leave through the sender it names: a keyed sender the host registered (a Microsoft Graph
/// mailbox, another SMS provider), else the one registered without a key; on the inline send and on every retry.
/// </summary>
public sealed class AccountSendersTests
{
    private static readonly CampaignFollowUpSettings EmailOnly = new() { Email = Sample.AllChannels.Email };

    [Fact]
    public async Task HandleCallCompleted_AccountNamingAKeyedEmailSender_ItsEmailLeavesThroughItAndOthersThroughTheRegisteredOne()
    {
        var (registered, graph) = (new RecordingEmailSender(), new RecordingEmailSender());
        var services = new ServiceCollection();
        services.AddKeyedSingleton<IEmailSender>("graph", graph);
        services.AddFollowUps(o => { o.BrandName = "Platform"; o.DefaultSenderName = "Dana"; })
            .UseAccounts(_ => new TestAccounts().With("acme", "Acme Dental").With("bright", "Bright Smiles").WithSenders("acme", email: "graph"))
            .UseEmailSender(_ => registered);
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<IFollowUpEngine>();

        var acme = await engine.HandleCallCompletedAsync(Sample.Answered("c-1") with { AccountId = "acme" }, EmailOnly);
        var bright = await engine.HandleCallCompletedAsync(Sample.Answered("c-2") with { AccountId = "bright" }, EmailOnly);

        (acme.Email.Status, bright.Email.Status).Should().Be((OutcomeStatus.Sent, OutcomeStatus.Sent));
        graph.Messages.Should().ContainSingle().Which.Key.AccountId.Should().Be("acme");
        registered.Messages.Should().ContainSingle().Which.Key.AccountId.Should().Be("bright");
    }

    [Fact]
    public async Task HandleCallCompleted_AccountNamingAKeyNoSenderIsRegisteredWith_IsSkippedAsInvalidNamingTheSetting()
    {
        var harness = new EngineHarness(accounts: new TestAccounts().With("acme", "Acme Dental").WithSenders("acme", sms: "vonage"), keyedSenders: new ServiceCollection().BuildServiceProvider());

        var report = await harness.HandleAsync(Sample.Answered() with { AccountId = "acme" });

        report.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Skipped, Reason = OutcomeReason.InvalidAccount });
        report.Sms.Detail.Should().Contain("Accounts:acme:SmsSender").And.Contain("'vonage'");
        report.Email.Reason.Should().Be(OutcomeReason.InvalidAccount, "an account with a wrong setting sends nothing until it is fixed");
        harness.Sms.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task RunOnce_RetryOfAnAccountWithAKeyedSmsSender_GoesThroughThatSenderAgain()
    {
        var answers = new Queue<SendResult>([SendResult.TransientFailure("503 Service Unavailable"), SendResult.Sent("VN-2")]);
        var vonage = new RecordingSmsSender(_ => answers.Dequeue());
        var keyed = new ServiceCollection().AddKeyedSingleton<ISmsSender>("vonage", vonage).BuildServiceProvider();
        var harness = new EngineHarness(accounts: new TestAccounts().With("acme", "Acme Dental").WithSenders("acme", sms: "vonage"), keyedSenders: keyed);
        await harness.HandleAsync(Sample.Answered() with { AccountId = "acme" }, new CampaignFollowUpSettings { Sms = Sample.AllChannels.Sms });

        harness.Time.Advance(harness.Delivery.RetryMaxDelay);
        await harness.Dispatcher.RunOnceAsync();

        vonage.Messages.Select(m => m.Attempt).Should().Equal(1, 2);
        harness.Sms.Messages.Should().BeEmpty("the registered sender is not this account's");
        (await harness.Store.FindAsync(new("acme", "campaign-1", "contact-1", FollowUpKind.Sms), default))!.Outcome!.ProviderMessageId.Should().Be("VN-2");
    }

    [Fact]
    public async Task HandleCallCompleted_KeyedSenderWhoseFactoryThrows_IsAnInvalidAccountNotAnExceptionIntoTheHost()
    {
        var keyed = new ServiceCollection().AddKeyedSingleton<IEmailSender>("graph", (_, _) => throw new InvalidOperationException("GraphOptions:TenantId is required.")).BuildServiceProvider();
        var harness = new EngineHarness(accounts: new TestAccounts().With("acme", "Acme Dental").WithSenders("acme", email: "graph"), keyedSenders: keyed);

        var report = await harness.HandleAsync(Sample.Answered() with { AccountId = "acme" }, EmailOnly);

        report.Email.Should().BeEquivalentTo(new { Status = OutcomeStatus.Skipped, Reason = OutcomeReason.InvalidAccount });
        report.Email.Detail.Should().Contain("Accounts:acme:EmailSender").And.Contain("GraphOptions:TenantId is required.");
    }
}
