using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FollowUps.PostgreSql.Tests.Support;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace FollowUps.PostgreSql.Tests.Faults;

/// <summary>
/// The PostgreSQL server stopped (a clean fast shutdown, or an immediate one, as a crash) and started again while calls
/// flow from several tasks and the dispatcher's loop runs: nothing throws into the host, nothing claimed is lost, calls
/// during the outage fail for themselves, sends resume, and the dispatcher backs off and then sends what was left.
/// </summary>
public sealed class ServerRestartTests(ITestOutputHelper output)
{
    private const int Callers = 4;
    private const int Retrying = 454;
    private const int DispatcherFailed = 112;
    private const int StoreFailed = 103;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData(PostgresStopMode.Fast)]
    [InlineData(PostgresStopMode.Immediate)]
    public async Task Restart_WhileCallsFlow_NoCallThrows_NothingClaimedIsLost_AndSendsResume(PostgresStopMode mode)
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var source = NpgsqlDataSource.Create(cluster.ConnectionString);
        await using var host = new FaultHost(source, "followups", transientRetries: 3, o => (o.LeaseDuration, o.DispatchPollInterval) = (TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50)));
        await host.StartAsync();
        var clock = Stopwatch.StartNew();
        var calls = new ConcurrentQueue<Call>();
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(() => CallAsync(host, caller, clock, calls, stop.Token))).ToArray();

        using var patience = new CancellationTokenSource(Patience);
        TimeSpan stoppedAt, downFor, startedAt;
        try
        {
            await Until(() => calls.Count(call => call.Report?.Sms.Status == OutcomeStatus.Sent) >= 20, patience.Token);
            stoppedAt = clock.Elapsed;
            await cluster.StopAsync(mode);
            // Down until the dispatcher has failed three times in a row and calls have failed.
            await Until(() => Failures(host).Count >= 3 && calls.Any(call => call.Started > stoppedAt && call.Report?.Sms.Reason == OutcomeReason.StoreUnavailable), patience.Token);
            downFor = clock.Elapsed - stoppedAt;
            await cluster.StartAsync();
            startedAt = clock.Elapsed;
            await Until(() => calls.Count(call => call.Started > startedAt && call.Report?.Sms.Status == OutcomeStatus.Sent) >= 20, patience.Token);
        }
        finally
        {
            // Also when a wait above fails: the callers catch everything, so they would call on, every 5 ms, for the rest of the test run.
            await stop.CancelAsync();
            await Task.WhenAll(callers);
        }

        // The dispatcher sends what waits, and settles what a lost answer left claimed or sending once its lease ends.
        await Until(async () => (await Unfinished(cluster)) == 0, patience.Token);
        await host.StopAsync();

        var all = calls.ToArray();
        all.Should().NotContain(call => call.Thrown != null, "nothing throws into the host");
        all.Where(call => call.Report!.Sms.Status == OutcomeStatus.Failed).Should().OnlyContain(call => call.Report!.Sms.Reason == OutcomeReason.StoreUnavailable);
        all.Should().Contain(call => call.Started > stoppedAt && call.Started < startedAt && call.Report!.Sms.Reason == OutcomeReason.StoreUnavailable, "calls fail while the server is down");
        all.Count(call => call.Started > startedAt && call.Report!.Sms.Status == OutcomeStatus.Sent).Should().BeGreaterThanOrEqualTo(20, "sends resume");
        var stored = await States(cluster);
        var claimed = all.Where(call => call.Report!.Sms.Status is OutcomeStatus.Sent or OutcomeStatus.Queued or OutcomeStatus.Unknown).Select(call => call.Contact).ToList();
        stored.Keys.Should().Contain(claimed, "nothing claimed is lost");
        stored.Values.Should().OnlyContain(state => state == FollowUpState.Sent || state == FollowUpState.Unknown, "each claim ends sent or, when its send's answer was lost with the server, unknown");
        var sent = host.Sent.Messages.Select(message => message.Key.ContactId).ToList();
        sent.Should().OnlyHaveUniqueItems("no follow-up reaches the provider twice");
        sent.Should().BeSubsetOf(stored.Keys, "nothing went out unclaimed");
        stored.Where(row => row.Value == FollowUpState.Sent).Select(row => row.Key).Should().BeSubsetOf(sent);
        // A move to sending whose answer was lost with the server, every try after it refused: the engine (an inline call,
        // which reported the store unavailable) or the dispatcher (a queued one, whose store failure it logged) sent
        // nothing, and the dispatcher later found it sending and made it unknown, never sent blindly.
        var unsent = stored.Keys.Except(sent).ToList();
        var storeFailedCalls = host.Logs.Collector.GetSnapshot().Where(log => log.Id.Id == StoreFailed).Select(log => log.GetStructuredStateValue("CallId")).ToHashSet();
        unsent.Where(contact => stored[contact] != FollowUpState.Unknown || !LeftByALostStart(all.Single(call => call.Contact == contact), storeFailedCalls)).Should().BeEmpty();
        all.Where(call => call.Queued && call.Report!.Sms.Status == OutcomeStatus.Queued).Select(call => call.Contact)
            .Should().BeSubsetOf(sent.Concat(unsent), "the dispatcher sends what was queued, across the outage, unless its own start was lost with the server");
        var delays = Failures(host).Take(3).Select(log => TimeSpan.Parse(log.GetStructuredStateValue("Delay")!, CultureInfo.InvariantCulture)).ToList();
        delays.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("the dispatcher backs off while the store cannot be reached");

        var failed = all.Where(call => call.Report!.Sms.Reason == OutcomeReason.StoreUnavailable).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode}: {all.Length} calls, {failed.Count} StoreUnavailable, first {failed.Min(call => call.Started) - stoppedAt:g} after the stop, last {failed.Max(call => call.Ended) - startedAt:g} after the start; " +
            $"down {downFor:g} (stop to start); {host.Logs.Collector.GetSnapshot().Count(log => log.Id.Id == Retrying)} retries logged; dispatcher delays {string.Join(", ", Failures(host).Select(log => log.GetStructuredStateValue("Delay")))}; " +
            $"{stored.Count} rows: {stored.Values.Count(state => state == FollowUpState.Sent)} sent, {stored.Values.Count(state => state == FollowUpState.Unknown)} unknown ({unsent.Count} of them never sent)"));
    }

    private static async Task CallAsync(FaultHost host, int caller, Stopwatch clock, ConcurrentQueue<Call> calls, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var contact = $"contact-{caller}-{n}";
            var queued = n % 4 == 3; // Every fourth call is left to the dispatcher.
            var started = clock.Elapsed;
            try
            {
                var report = queued ? await host.EnqueueAsync(contact) : await host.CallAsync(contact);
                calls.Enqueue(new Call(contact, queued, started, clock.Elapsed, report, null));
            }
            catch (Exception exception)
            {
                calls.Enqueue(new Call(contact, queued, started, clock.Elapsed, null, exception));
            }

            await Task.Delay(5, CancellationToken.None);
        }
    }

    /// <summary>
    /// Whether a call's follow-up may have been left sending, unsent, by a move to sending lost with the server: an inline
    /// call that reported it, or a queued one whose call the dispatcher logged a store failure for (<paramref name="storeFailedCalls"/>).
    /// </summary>
    private static bool LeftByALostStart(Call call, HashSet<string?> storeFailedCalls) =>
        call.Queued ? storeFailedCalls.Contains($"call-{call.Contact}") : call.Report!.Sms.Reason == OutcomeReason.StoreUnavailable;

    private static List<FakeLogRecord> Failures(FaultHost host) =>
        [.. host.Logs.Collector.GetSnapshot().Where(log => log.Id.Id == DispatcherFailed)];

    private static async Task<Dictionary<string, FollowUpState>> States(PostgresCluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT contact_id, state FROM followups.follow_ups", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var states = new Dictionary<string, FollowUpState>();
        while (await reader.ReadAsync())
        {
            states.Add(reader.GetString(0), (FollowUpState)reader.GetInt16(1));
        }

        return states;
    }

    private static async Task<int> Unfinished(PostgresCluster cluster) =>
        (await States(cluster)).Values.Count(state => state is FollowUpState.Claimed or FollowUpState.Sending or FollowUpState.Waiting);

    private static Task Until(Func<bool> condition, CancellationToken patience) => Until(() => Task.FromResult(condition()), patience);

    private static async Task Until(Func<Task<bool>> condition, CancellationToken patience)
    {
        while (!await condition())
        {
            await Task.Delay(20, patience);
        }
    }

    private sealed record Call(string Contact, bool Queued, TimeSpan Started, TimeSpan Ended, FollowUpReport? Report, Exception? Thrown);
}
