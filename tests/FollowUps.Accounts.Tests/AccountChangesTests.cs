using FollowUps.Accounts.Tests.Support;
using FollowUps.Smtp.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static FollowUps.Accounts.Tests.Support.AccountsHost;

namespace FollowUps.Accounts.Tests;

/// <summary>
/// An account the host changes is used with its new brand and mailbox at once after InvalidateAccountAsync, and within
/// the cache lifetime without it; unknown and unreadable accounts. The clock is a FakeTimeProvider: nothing sleeps.
/// </summary>
public sealed class AccountChangesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AccountChangedInTheSource_IsUsedAtOnceAfterInvalidate_AndAfterTheCacheLifetimeWithout()
    {
        await using var host = await AccountsHost.StartAsync(new HostSetup { Time = _time, Accounts = o => o.CacheLifetime = TimeSpan.FromMinutes(1) });
        await using var newMailbox = await LoopbackSmtpServer.StartAsync(new() { Credentials = ("front-desk@acme-dental.example", ASmtpPassword) });
        var first = await host.Engine.HandleCallCompletedAsync(Calls.Answered(A, 1), Calls.Campaign);

        // A's customer renames the practice and connects another mailbox.
        host.Platform.Settings[A] = Renamed("Acme Dental Group");
        host.Platform.Mailboxes[A] = Mailbox(newMailbox.Port, "front-desk@acme-dental.example");
        _time.Advance(TimeSpan.FromSeconds(30));
        var cached = await host.Engine.HandleCallCompletedAsync(Calls.Answered(A, 2), Calls.Campaign);
        await host.AccountCache.InvalidateAccountAsync(A);
        var invalidated = await host.Engine.HandleCallCompletedAsync(Calls.Answered(A, 3), Calls.Campaign);

        // Renamed again, not invalidated: the next read after the lifetime sees it.
        host.Platform.Settings[A] = Renamed("Acme Family Dental");
        _time.Advance(TimeSpan.FromSeconds(59));
        var withinLifetime = await host.Engine.HandleCallCompletedAsync(Calls.Answered(A, 4), Calls.Campaign);
        _time.Advance(TimeSpan.FromSeconds(2));
        var pastLifetime = await host.Engine.HandleCallCompletedAsync(Calls.Answered(A, 5), Calls.Campaign);

        new[] { first, cached, invalidated, withinLifetime, pastLifetime }.SelectMany(r => new[] { r.Sms, r.Email })
            .Where(outcome => !outcome.IsSent).Should().BeEmpty();
        host.TwilioA.Received.Select(sms => Brand(sms.Form["Body"])).Should().Equal(
            "Acme Dental", "Acme Dental", "Acme Dental Group", "Acme Dental Group", "Acme Family Dental");
        host.MailA.Received.Select(mail => (mail.EnvelopeTo.Single(), mail.Message.Subject)).Should().Equal(
            ("contact1@example.com", "Your call with Acme Dental"),
            ("contact2@example.com", "Your call with Acme Dental"));
        newMailbox.Received.Select(mail => (mail.EnvelopeFrom, mail.EnvelopeTo.Single(), mail.Message.Subject)).Should().Equal(
            ("front-desk@acme-dental.example", "contact3@example.com", "Your call with Acme Dental Group"),
            ("front-desk@acme-dental.example", "contact4@example.com", "Your call with Acme Dental Group"),
            ("front-desk@acme-dental.example", "contact5@example.com", "Your call with Acme Family Dental"));
        host.MailB.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task UnknownAccount_IsSkippedWithUnknownAccount_AndAnUnreadableSource_GivesAccountUnavailable()
    {
        await using var host = await AccountsHost.StartAsync(new HostSetup { Time = _time });
        host.Platform.Unreadable[B] = true;

        var unknown = await host.Engine.HandleCallCompletedAsync(Calls.Answered("no-such-account", 1), Calls.Campaign);
        var unreadable = await host.Engine.HandleCallCompletedAsync(Calls.Answered(B, 2), Calls.Campaign);

        unknown.Sms.Status.Should().Be(OutcomeStatus.Skipped);
        unknown.Sms.Reason.Should().Be(OutcomeReason.UnknownAccount);
        unknown.Email.Reason.Should().Be(OutcomeReason.UnknownAccount);
        unreadable.Sms.Status.Should().Be(OutcomeStatus.Failed);
        unreadable.Sms.Reason.Should().Be(OutcomeReason.AccountUnavailable);
        unreadable.Email.Reason.Should().Be(OutcomeReason.AccountUnavailable);
        (await host.Store.FindAsync(new FollowUpKey(B, "campaign-1", "contact-2", FollowUpKind.Sms), CancellationToken.None)).Should().BeNull("nothing is claimed: the call is handled again later");
        new[] { host.TwilioA.Received.Count, host.TwilioB.Received.Count, host.MailA.Received.Count, host.MailB.Received.Count }.Should().OnlyContain(n => n == 0);
    }

    private static FollowUpOptions Renamed(string brand)
    {
        var settings = Brands.AcmeSettings();
        settings.BrandName = brand;
        return settings;
    }

    /// <summary>The brand a text names: "Hi Ann, it's Dana from {brand}. …".</summary>
    private static string Brand(string body)
    {
        var from = body.IndexOf(" from ", StringComparison.Ordinal) + " from ".Length;
        return body[from..body.IndexOf('.', from)];
    }
}
