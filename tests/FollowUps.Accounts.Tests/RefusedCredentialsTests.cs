using FollowUps.Accounts.Tests.Support;
using static FollowUps.Accounts.Tests.Support.AccountsHost;

namespace FollowUps.Accounts.Tests;

/// <summary>One account's refused credentials fail only that account's sends.</summary>
public sealed class RefusedCredentialsTests
{
    [Fact]
    public async Task HandleCallCompleted_AsSmtpPasswordAndTwilioTokenRefused_OnlyAsSendsFailAsCredentialsRefused_BsAreSent()
    {
        await using var host = await AccountsHost.StartAsync();
        host.Platform.SmtpSecrets[A] = "a-smtp-password-no-longer-valid";       // A's customer changed the password at Gmail
        host.TwilioA.AnswerNextWithError(401, 20003, "Authenticate");            // and rotated the auth token at Twilio

        var calls = new[] { Calls.Answered(A, 1), Calls.Answered(B, 2), Calls.Answered(A, 3), Calls.Answered(B, 4) };
        var reports = new List<FollowUpReport>();
        foreach (var call in calls)
        {
            reports.Add(await host.Engine.HandleCallCompletedAsync(call, Calls.Campaign));
        }

        foreach (var outcome in new[] { reports[0], reports[2] }.SelectMany(report => new[] { report.Sms, report.Email }))
        {
            outcome.IsSent.Should().BeFalse();
            outcome.Reason.Should().Be(OutcomeReason.CredentialsRefused, $"{outcome.Kind}: {outcome.Detail}");
        }

        foreach (var outcome in new[] { reports[1], reports[3] }.SelectMany(report => new[] { report.Sms, report.Email }))
        {
            outcome.IsSent.Should().BeTrue($"{outcome.Kind}: {outcome.Detail}");
        }

        host.MailA.Received.Should().BeEmpty();
        host.MailA.AuthenticationAttempts.Should().Be(1, "A's second send falls in A's cool-down: the server is not asked again");
        host.TwilioA.Received.Should().ContainSingle("A's second SMS falls in A's cool-down: no request is made");
        host.MailB.Received.Select(mail => mail.EnvelopeTo.Single()).Should().Equal("contact2@example.com", "contact4@example.com");
        host.TwilioB.Received.Select(sms => sms.Form["To"]).Should().Equal(Calls.Phone(2), Calls.Phone(4));
    }
}
