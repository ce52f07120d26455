using FollowUps.Smtp.Delivery;
using FollowUps.Smtp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUps.Smtp.Tests;

/// <summary>
/// Calls of two accounts through the engine, registered as a host serving many accounts would, each account's mailbox a
/// real SMTP server on loopback (or one that hangs).
/// </summary>
public sealed class AccountsEngineTests
{
    private const string A = "account-a";
    private const string B = "account-b";

    private static readonly CampaignFollowUpSettings Campaign = new()
    {
        Email = new EmailFollowUpSettings { Enabled = true, AskForEmail = true, Subject = "Your visit at {{ brand }}", Body = "Hi {{ first_name }}, thanks for the call." },
    };

    [Fact]
    public async Task HandleCallCompleted_AccountsMailboxBusy_EmailIsQueuedForTheDispatcher_WhileAnotherAccountsIsSent()
    {
        await using var silent = new SilentSmtpServer();
        await using var serverB = await LoopbackSmtpServer.StartAsync();
        await using var provider = Build(o => (o.MaxConnectionsPerMailbox, o.MaxMailboxWait, o.Timeout) = (1, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(2)));
        var mailboxes = (TestMailboxes)provider.GetRequiredService<ISmtpMailboxes>();
        mailboxes[A] = Senders.Mailbox(silent.Port, "a@a.test");
        mailboxes[B] = Senders.Mailbox(serverB.Port, "b@b.test");
        var engine = provider.GetRequiredService<IFollowUpEngine>();

        var holding = provider.GetRequiredService<SmtpEmailSender>().SendAsync(Emails.For(A, 99), Senders.Within(120));
        await silent.Accepted.WaitAsync(TimeSpan.FromSeconds(10));
        var reportA = await engine.HandleCallCompletedAsync(Call(A), Campaign);
        var reportB = await engine.HandleCallCompletedAsync(Call(B), Campaign);

        reportA.Email.Status.Should().Be(OutcomeStatus.Queued, reportA.Email.Detail);
        reportA.Email.Detail.Should().Contain($"account '{A}'").And.Contain("MaxMailboxWait").And.Contain("handed to the dispatcher");
        reportB.Email.IsSent.Should().BeTrue(reportB.Email.Detail);
        serverB.Received.Should().ContainSingle().Which.EnvelopeFrom.Should().Be("b@b.test");
        holding.IsCompleted.Should().BeFalse("A's one connection is still waiting for its server's greeting");
    }

    [Fact]
    public async Task InvalidateAccountAsync_AccountsMailboxIsReadAgain_AndItsOldConnectionClosed()
    {
        await using var before = await LoopbackSmtpServer.StartAsync();
        await using var after = await LoopbackSmtpServer.StartAsync();
        await using var provider = Build(_ => { });
        var mailboxes = (TestMailboxes)provider.GetRequiredService<ISmtpMailboxes>();
        mailboxes[A] = Senders.Mailbox(before.Port, "a@a.test");
        var engine = provider.GetRequiredService<IFollowUpEngine>();

        var first = await engine.HandleCallCompletedAsync(Call(A, "contact-1"), Campaign);
        mailboxes[A] = Senders.Mailbox(after.Port, "a@new.test");
        await provider.GetRequiredService<IFollowUpAccountCache>().InvalidateAccountAsync(A);
        await before.WaitForSessionEndAsync();
        var second = await engine.HandleCallCompletedAsync(Call(A, "contact-2"), Campaign);

        first.Email.IsSent.Should().BeTrue(first.Email.Detail);
        second.Email.IsSent.Should().BeTrue(second.Email.Detail);
        before.Received.Should().ContainSingle();
        after.Received.Should().ContainSingle().Which.EnvelopeFrom.Should().Be("a@new.test");
        before.EndedSessions.Should().Be(1);
        mailboxes.Reads(A).Should().Be(2);
    }

    private static ServiceProvider Build(Action<SmtpEmailOptions> pool)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName, o.DefaultMeetingLink) = ("Acme Dental", "Dana", "https://cal.example.com/acme"))
            .AddSmtpEmail<TestMailboxes, TestCredentials>(pool);
        return services.BuildServiceProvider();
    }

    private static CallCompleted Call(string accountId, string contactId = "contact-1") => new()
    {
        AccountId = accountId,
        CampaignId = "campaign-1",
        CallId = $"{accountId}-{contactId}",
        Contact = new Contact { Id = contactId, Phone = "(415) 555-0123", Email = $"{contactId}@example.com", FirstName = "Ann" },
        Status = CallStatus.Answered,
        Transcript = [new TranscriptTurn { Speaker = Speaker.Agent, Text = "May I email you a recap?" }, new TranscriptTurn { Speaker = Speaker.Contact, Text = "Yes, email is fine." }],
        Consent = new CallConsent { Email = ChannelConsent.Granted(1, "email is fine", TimeSpan.FromSeconds(12)) },
    };
}
