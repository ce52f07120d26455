using System.Diagnostics;
using System.Globalization;
using FollowUps.Accounts.Tests.Support;
using FollowUps.Smtp.Tests.Support;
using Xunit.Abstractions;
using static FollowUps.Accounts.Tests.Support.AccountsHost;

namespace FollowUps.Accounts.Tests;

/// <summary>
/// A's mailbox hangs (it accepts connections and never answers) with 10,000 of A's follow-ups due in the SQLite file:
/// the hosted dispatcher still sends B's due retries, and B's new calls go inline, while A's connections hang.
/// </summary>
public sealed class HangingMailboxTests(ITestOutputHelper output)
{
    private const int AsDue = 10_000;
    private const int BsRetries = 20;
    private const int BsCalls = 10;
    private const int Share = 2;

    [Fact]
    public async Task Dispatcher_AsMailboxHangingWith10000OfAsRowsDue_BsRetriesAndNewSendsAreSent_AndAHoldsNoMoreThanItsShare()
    {
        await using var host = await AccountsHost.StartAsync(new HostSetup
        {
            Dispatcher = true,
            Delivery = o => (o.DispatchConcurrency, o.DispatchPerAccount, o.DispatchPollInterval) = (8, Share, TimeSpan.FromMilliseconds(50)),
            // More connections per mailbox than A's share of the dispatcher, so the share is what holds A back; and B's sends
            // wait for B's own connections as long as a loaded machine needs, never handed back as busy.
            Smtp = o => (o.Timeout, o.MaxConnectionsPerMailbox, o.MaxMailboxWait) = (TimeSpan.FromMinutes(2), 2 * Share, TimeSpan.FromSeconds(60)),
        });
        await using var hanging = new SilentSmtpServer(); // Disposed first: A's connections close before the host stops.
        host.Platform.Mailboxes[A] = Mailbox(hanging.Port, AMailbox);
        var now = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();

        for (var n = 0; n < AsDue; n++)
        {
            await host.Store.ClaimAsync(DueRetry(A, n, FollowUpKind.Email, now), CancellationToken.None);
        }

        output.WriteLine($"{AsDue} of A's rows seeded in {clock.Elapsed}");
        await hanging.Accepted.WaitAsync(TimeSpan.FromSeconds(30)); // The dispatcher is on A's rows: they hang.
        var retries = new List<FollowUpKey>();
        for (var n = 0; n < BsRetries; n++)
        {
            var kind = n % 2 == 0 ? FollowUpKind.Email : FollowUpKind.Sms;
            retries.Add((await host.Store.ClaimAsync(DueRetry(B, n, kind, TimeProvider.System.GetUtcNow()), CancellationToken.None)).Record.Key);
        }

        clock.Restart();
        var calls = await Task.WhenAll(Enumerable.Range(1000, BsCalls).Select(n => host.Engine.HandleCallCompletedAsync(Calls.Answered(B, n), Calls.Campaign)));
        var retriesSent = await Received.WithinAsync(30, async () =>
        {
            foreach (var key in retries)
            {
                if ((await host.Store.FindAsync(key, CancellationToken.None))?.State != FollowUpState.Sent)
                {
                    return false;
                }
            }

            return true;
        });
        output.WriteLine($"B's {BsCalls} calls and {BsRetries} due retries sent in {clock.Elapsed}");

        retriesSent.Should().BeTrue("B's due retries are the dispatcher's to send, whatever A's mailbox does");
        calls.SelectMany(report => new[] { report.Sms, report.Email }).Where(outcome => !outcome.IsSent).Should().BeEmpty();
        host.MailB.Received.Should().HaveCount((BsRetries / 2) + BsCalls);
        host.TwilioB.Received.Should().HaveCount((BsRetries / 2) + BsCalls);
        hanging.Connections.Should().BeInRange(1, Share, "A's sends hold no more than A's share of the dispatcher");
        hanging.OpenConnections.Should().Be(hanging.Connections, "A's connections are still open and unanswered when B's are done");
        host.MailA.Received.Should().BeEmpty();
    }

    /// <summary>A follow-up of <paramref name="accountId"/> whose first attempt failed for a while, due for its retry now.</summary>
    private static FollowUpRecord DueRetry(string accountId, int n, FollowUpKind kind, DateTimeOffset now)
    {
        var key = new FollowUpKey(accountId, "campaign-retry", string.Create(CultureInfo.InvariantCulture, $"contact-{n}"), kind);
        var email = string.Create(CultureInfo.InvariantCulture, $"retry{n}@example.com");
        return new FollowUpRecord
        {
            Key = key,
            CallId = string.Create(CultureInfo.InvariantCulture, $"{accountId}-retry-call-{n}"),
            Targets = [new(SuppressionTargetKind.ContactId, key.ContactId), kind == FollowUpKind.Sms ? new(SuppressionTargetKind.Phone, Calls.Phone(n)) : new(SuppressionTargetKind.Email, email)],
            Sms = kind == FollowUpKind.Sms ? new SmsMessage { Key = key, To = Calls.Phone(n), Body = $"Hi Ann, it's the team at {accountId}. Reply STOP to opt out.", Template = SmsTemplateKind.MeetingRequest, Attempt = 2 } : null,
            Email = kind == FollowUpKind.Sms ? null : new EmailMessage { Key = key, To = email, FromName = accountId, Subject = "Your call", TextBody = "Thanks for the call.", Attempt = 2 },
            State = FollowUpState.Waiting,
            Attempts = 1,
            DueAt = now.AddSeconds(-1),
            WaitReason = WaitReason.Retry,
            ClaimedAt = now.AddMinutes(-5),
            Deadline = now.AddHours(23),
        };
    }
}
