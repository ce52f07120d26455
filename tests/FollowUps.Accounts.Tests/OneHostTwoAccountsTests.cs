using FollowUps.Accounts.Tests.Support;
using static FollowUps.Accounts.Tests.Support.AccountsHost;

namespace FollowUps.Accounts.Tests;

/// <summary>One host, two accounts: each account's follow-ups leave only through its own mailbox and Twilio account.</summary>
public sealed class OneHostTwoAccountsTests
{
    [Fact]
    public async Task HandleCallCompleted_TwoAccountsInOneHost_EachLeavesOnlyThroughItsOwnMailboxAndNumber_WithItsOwnBrandAndFooter()
    {
        await using var host = await AccountsHost.StartAsync();

        var a = await host.Engine.HandleCallCompletedAsync(Calls.Answered(A, 1), Calls.Campaign);
        var b = await host.Engine.HandleCallCompletedAsync(Calls.Answered(B, 2), Calls.Campaign);

        foreach (var outcome in new[] { a.Sms, a.Email, b.Sms, b.Email })
        {
            outcome.IsSent.Should().BeTrue($"{outcome.Kind}: {outcome.Detail}");
        }

        var smsA = host.TwilioA.Received.Should().ContainSingle().Subject;
        (smsA.AccountSid, Received.BasicCredentials(smsA), smsA.Form["From"], smsA.Form["To"]).Should().Be((ASid, $"{ASid}:{AAuthToken}", AFrom, Calls.Phone(1)));
        smsA.Form["Body"].Should().Contain($"Dana from {Brands.Acme}").And.NotContain(Brands.Bright);
        var smsB = host.TwilioB.Received.Should().ContainSingle().Subject;
        (smsB.AccountSid, Received.BasicCredentials(smsB), smsB.Form["From"], smsB.Form["To"]).Should().Be((BSid, $"{BApiKeySid}:{BApiKeySecret}", BFrom, Calls.Phone(2)));
        smsB.Form["Body"].Should().Contain($"Ben from {Brands.Bright}").And.NotContain(Brands.Acme);

        var mailA = host.MailA.Received.Should().ContainSingle().Subject;
        (mailA.EnvelopeFrom, mailA.EnvelopeTo.Single()).Should().Be((AMailbox, "contact1@example.com"));
        mailA.Message.Subject.Should().Be($"Your call with {Brands.Acme}");
        Received.Text(mailA).Should().ContainAll(Brands.MarksOf(A)).And.Contain($"<{Brands.AcmeUnsubscribe}?token=").And.NotContainAny(Brands.MarksOf(B));
        var mailB = host.MailB.Received.Should().ContainSingle().Subject;
        (mailB.EnvelopeFrom, mailB.EnvelopeTo.Single()).Should().Be((BMailbox, "contact2@example.com"));
        mailB.Message.Subject.Should().Be($"Your call with {Brands.Bright}");
        Received.Text(mailB).Should().ContainAll(Brands.MarksOf(B)).And.Contain($"<{Brands.BrightUnsubscribe}?token=").And.NotContainAny(Brands.MarksOf(A));
    }
}
