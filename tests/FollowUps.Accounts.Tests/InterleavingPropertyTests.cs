using CsCheck;
using FollowUps.Accounts.Tests.Support;
using static FollowUps.Accounts.Tests.Support.AccountsHost;

namespace FollowUps.Accounts.Tests;

/// <summary>Calls of both accounts in any order, handled at once by one host, never cross over.</summary>
public sealed class InterleavingPropertyTests
{
    [Fact]
    public async Task HandleCallCompleted_CallsOfBothAccountsInterleavedAndConcurrent_EachServerGetsOnlyItsAccountsMessages_OnePerCall()
    {
        // Room for every call of one sample at once, so none is handed to the dispatcher for a busy mailbox.
        await using var host = await AccountsHost.StartAsync(new HostSetup { Smtp = o => o.MaxMailboxWait = TimeSpan.FromSeconds(60) });
        var sample = 0;

        await Gen.Bool.Array[1, 12].SampleAsync(async order =>
        {
            var campaign = $"campaign-{Interlocked.Increment(ref sample)}";
            var before = (host.TwilioA.Received.Count, host.TwilioB.Received.Count, host.MailA.Received.Count, host.MailB.Received.Count);
            var calls = order.Select((isA, n) => Calls.Answered(isA ? A : B, n, campaign)).ToList();

            var reports = await Task.WhenAll(calls.Select(call => host.Engine.HandleCallCompletedAsync(call, Calls.Campaign)));

            reports.SelectMany(report => new[] { report.Sms, report.Email }).Should().OnlyContain(outcome => outcome.IsSent);
            var phonesOf = (bool isA) => order.Select((a, n) => (a, n)).Where(call => call.a == isA).Select(call => Calls.Phone(call.n));
            var emailsOf = (bool isA) => order.Select((a, n) => (a, n)).Where(call => call.a == isA).Select(call => $"contact{call.n}@example.com");
            var smsA = host.TwilioA.Received.Skip(before.Item1).ToList();
            var smsB = host.TwilioB.Received.Skip(before.Item2).ToList();
            var mailA = host.MailA.Received.Skip(before.Item3).ToList();
            var mailB = host.MailB.Received.Skip(before.Item4).ToList();
            smsA.Select(sms => sms.Form["To"]).Should().BeEquivalentTo(phonesOf(true));
            smsB.Select(sms => sms.Form["To"]).Should().BeEquivalentTo(phonesOf(false));
            mailA.Select(mail => mail.EnvelopeTo.Single()).Should().BeEquivalentTo(emailsOf(true));
            mailB.Select(mail => mail.EnvelopeTo.Single()).Should().BeEquivalentTo(emailsOf(false));
            // Counts match above; an account with no call in this sample has no message to look at.
            smsA.Where(sms => !(sms.Form["From"] == AFrom && Carries(sms.Form["Body"], [Brands.Acme], Brands.Bright))).Should().BeEmpty();
            smsB.Where(sms => !(sms.Form["From"] == BFrom && Carries(sms.Form["Body"], [Brands.Bright], Brands.Acme))).Should().BeEmpty();
            mailA.Where(mail => !(mail.EnvelopeFrom == AMailbox && Carries(Received.Text(mail), Brands.MarksOf(A), Brands.MarksOf(B)[0]))).Should().BeEmpty();
            mailB.Where(mail => !(mail.EnvelopeFrom == BMailbox && Carries(Received.Text(mail), Brands.MarksOf(B), Brands.MarksOf(A)[0]))).Should().BeEmpty();
        }, iter: 25, threads: 1);
    }

    /// <summary>Whether <paramref name="text"/> has every one of its own account's marks and not the other's brand.</summary>
    private static bool Carries(string text, IReadOnlyList<string> own, string otherBrand) =>
        own.All(mark => text.Contains(mark, StringComparison.Ordinal)) && !text.Contains(otherBrand, StringComparison.Ordinal);
}
