namespace FollowUps.Benchmarks.Support;

/// <summary>
/// The outbox <see cref="LeaseBenchmarks"/> leases from, as each store's seeding writes it in one set-based statement per
/// part, cloning the message and targets of a template follow-up the engine stored (account <see cref="TemplateAccount"/>,
/// sent): <see cref="BusyRows"/> follow-ups of <see cref="BusyAccount"/>, all <see cref="BusyKind"/>, waiting for a
/// retry and due one every 72 ms over the two hours before the seeding; <see cref="OtherAccounts"/> accounts
/// (<c>acct-0001</c> …) with <see cref="RowsPerOtherAccount"/> due follow-ups each, kind <c>(account + row) % 3</c> (all
/// three kinds), one every 3.6 s over the same two hours; and <see cref="FinishedRows"/> sent follow-ups, half of the busy
/// account, half spread over the others. So the oldest 50 due rows are almost all the busy account's. The do-not-contact
/// targets table of SQLite and the history are not seeded: leasing reads neither.
/// </summary>
internal static class LeaseBacklog
{
    public const string TemplateAccount = "template";

    public const string BusyAccount = "busy";

    public const FollowUpKind BusyKind = FollowUpKind.Email;

    public const int BusyRows = 100_000;

    public const int OtherAccounts = 500;

    public const int RowsPerOtherAccount = 4;

    public const int FinishedRows = 100_000;

    /// <summary>The due rows the seeding writes.</summary>
    public const int DueRows = BusyRows + (OtherAccounts * RowsPerOtherAccount);

    /// <summary>The busy account's rows are due this far apart, in milliseconds (100,000 of them over two hours).</summary>
    public const int BusyEveryMilliseconds = 72;

    /// <summary>The other accounts' rows are due this far apart, in milliseconds (2,000 of them over two hours).</summary>
    public const int OtherEveryMilliseconds = 3_600;

    /// <summary>How long before the seeding the first rows are due.</summary>
    public static readonly TimeSpan Span = TimeSpan.FromHours(2);
}
