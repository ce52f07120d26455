using System.Globalization;
using BenchmarkDotNet.Attributes;
using FollowUps.Benchmarks.Support;

namespace FollowUps.Benchmarks;

/// <summary>
/// One dispatcher lease of <see cref="Max"/> follow-ups (<see cref="IFollowUpStore.LeaseDueAsync"/>) on an outbox with a
/// backlog (<see cref="LeaseBacklog"/>: one busy account with 100,000 due emails, 500 other accounts with 4 due follow-ups
/// each of mixed kinds, and 100,000 finished follow-ups), seeded once per benchmark process by set-based SQL. Rows: today's
/// request (no per-account limit, nothing skipped: the baseline); at most <see cref="PerAccount"/> of one account; and the
/// same with the busy account's emails skipped (its sender cooling down). One store per derived class.
/// <para>
/// Each invocation leases with a fresh owner, now from the system clock, and a lease that ends when it starts
/// (<c>LeaseUntil = Now</c>): the statement, its locks and its writes are the real ones, but the leased rows are due
/// again for the next invocation. So every invocation leases the same oldest rows from the same backlog, as a steady
/// dispatcher does whose earlier batches have left the due set, with no drift within an iteration, no cleanup between
/// iterations, and no backlog to run out of (an [IterationCleanup] that clears the leases would need a fixed invocation
/// count below 40, all the skipping row's 2,000 other rows allow, and would make each invocation step over the rows the
/// ones before it leased). Each invocation checks that it leased <see cref="Max"/> rows. Before the timed runs the setup
/// leases once per row and prints how many of the busy account's rows each took and the most of one account
/// ("// Lease shares: …"), and fails should a row break its per-account limit or lease a skipped row.
/// </para>
/// </summary>
[MemoryDiagnoser]
public abstract class LeaseBenchmarks
{
    /// <summary>The batch size of each lease.</summary>
    public const int Max = 50;

    /// <summary>The per-account limit of the fair rows.</summary>
    public const int PerAccount = 4;

    private static readonly AccountKind[] BusySender = [new(LeaseBacklog.BusyAccount, LeaseBacklog.BusyKind)];

    /// <summary>The store under test, seeded by the derived class's [GlobalSetup].</summary>
    protected abstract IFollowUpStore Store { get; }

    [Benchmark(Baseline = true)]
    public Task<int> Unlimited() => LeaseAsync(Request());

    [Benchmark]
    public Task<int> FourPerAccount() => LeaseAsync(Request() with { MaxPerAccount = PerAccount });

    [Benchmark]
    public Task<int> FourPerAccountSkippingBusy() => LeaseAsync(Request() with { MaxPerAccount = PerAccount, Skip = BusySender });

    /// <summary>
    /// Leases once with each row's request, prints the busy account's share of each lease and the most of one account,
    /// and throws when a lease is short, breaks its per-account limit or takes a skipped row.
    /// </summary>
    protected async Task CheckSharesAsync()
    {
        var shares = new List<string>();
        foreach (var (name, request) in new[]
        {
            (nameof(Unlimited), Request()),
            (nameof(FourPerAccount), Request() with { MaxPerAccount = PerAccount }),
            (nameof(FourPerAccountSkippingBusy), Request() with { MaxPerAccount = PerAccount, Skip = BusySender }),
        })
        {
            var leased = await Store.LeaseDueAsync(request, CancellationToken.None).ConfigureAwait(false);
            var busy = leased.Count(record => record.Key.AccountId == LeaseBacklog.BusyAccount);
            var most = leased.Count == 0 ? 0 : leased.GroupBy(record => record.Key.AccountId).Max(account => account.Count());
            shares.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {busy}/{leased.Count} of the busy account, at most {most} of one account"));
            if (leased.Count != Max || most > request.MaxPerAccount || leased.Any(record => request.Skip.Any(skipped => skipped.Covers(record.Key))))
            {
                throw new InvalidOperationException($"The store leased what {name} does not allow: {shares[^1]}.");
            }
        }

        Console.WriteLine($"// Lease shares: {string.Join("; ", shares)}");
    }

    /// <summary>A lease of <see cref="Max"/> with a fresh owner, now, and a lease that ends at once (see the class's remarks).</summary>
    private static FollowUpLeaseRequest Request()
    {
        var now = TimeProvider.System.GetUtcNow();
        return new FollowUpLeaseRequest(Guid.NewGuid().ToString("N"), now, now, Max);
    }

    private async Task<int> LeaseAsync(FollowUpLeaseRequest request)
    {
        var leased = await Store.LeaseDueAsync(request, CancellationToken.None).ConfigureAwait(false);
        return leased.Count == Max ? leased.Count : throw new InvalidOperationException($"Leased {leased.Count} rows, not {Max}: the backlog ran out.");
    }
}
