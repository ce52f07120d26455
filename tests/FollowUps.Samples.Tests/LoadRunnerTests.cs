using System.Diagnostics;
using FollowUps.Samples.Load;
using FollowUps.Sqlite;

namespace FollowUps.Samples.Tests;

public sealed class LoadRunnerTests : IDisposable
{
    private const int Calls = 300;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_OnSqlite_EveryCallSendsWhatItsKindShould_AndTheDatabaseHoldsThoseFollowUps()
    {
        var database = Path.Combine(_folder.Path, "followups.db");

        var result = await LoadRunner.RunAsync(new LoadSettings { Calls = Calls, DatabasePath = database, WarmUpCalls = 20 });

        result.Outcomes.Should().HaveCount(Calls);
        result.StoreSynchronous.Should().Be(SqliteSynchronous.Full, "FULL is the load mode's default, as the store's");
        result.Calls.Kinds.Should().Contain(Enum.GetValues<LoadCallKind>(), "the mix has every kind of call");
        result.Strays.Should().Be(0);
        var expected = new HashSet<(string Contact, FollowUpKind Kind)>();
        for (var i = 0; i < Calls; i++)
        {
            var (call, kind, report) = (result.Calls.Calls[i], result.Calls.Kinds[i], result.Outcomes[i]);
            report.ContactId.Should().Be(call.Contact.Id);
            var (sms, email, missed) = kind switch
            {
                LoadCallKind.AnsweredSmsAndEmail => (1, 1, 0),
                LoadCallKind.AnsweredSmsOnly => (1, 0, 0),
                LoadCallKind.MissedWithEmail => (0, 0, 1),
                _ => (0, 0, 0),
            };
            (result.SmsSent[i], result.EmailsSent[i]).Should().Be((sms, email + missed), $"call {i} is {kind}");
            (report.Sms == OutcomeStatus.Sent, report.Email == OutcomeStatus.Sent, report.MissedCallEmail == OutcomeStatus.Sent).Should().Be((sms == 1, email == 1, missed == 1), $"call {i} is {kind}");
            if (kind == LoadCallKind.DoNotContact)
            {
                report.SmsReason.Should().Be(OutcomeReason.Suppressed);
            }

            foreach (var sent in Enum.GetValues<FollowUpKind>().Where(k => report[k] == OutcomeStatus.Sent))
            {
                expected.Add((call.Contact.Id, sent));
            }
        }

        var stored = await ReadAllAsync(database, LoadCalls.AccountId);
        stored.Select(r => (r.Key.ContactId, r.Key.Kind)).Should().BeEquivalentTo(expected);
        stored.Should().OnlyContain(r => r.State == FollowUpState.Sent);
        result.Stages.Single(s => s.Stage == LoadStage.StoreClaimAndStart).Count.Should().Be(expected.Count, "each follow-up sent was claimed and started in one write, and the timed store saw each");
        result.Stages.Single(s => s.Stage == LoadStage.StoreClaim).Count.Should().Be(0, "the SQLite store claims and starts in one write");
    }

    [Fact]
    public async Task RunAsync_OnSqliteWithSynchronousNormal_TheStoreTheEngineRanOnCommitsWithNormal()
    {
        var database = Path.Combine(_folder.Path, "followups.db");

        var result = await LoadRunner.RunAsync(new LoadSettings { Calls = 20, DatabasePath = database, WarmUpCalls = 5, Synchronous = SqliteSynchronous.Normal });

        result.StoreSynchronous.Should().Be(SqliteSynchronous.Normal, "the setting reaches the store the engine ran on");
        result.Outcomes.Should().HaveCount(20);
    }

    [Fact]
    public async Task RunAsync_Percentiles_AreOrderedAndPositive_AndTheSharesAddUpToTheCalls()
    {
        var result = await LoadRunner.RunAsync(new LoadSettings { Calls = Calls, Store = LoadStore.Memory, WarmUpCalls = 20 });

        result.ToSender.Count.Should().Be(result.Calls.Kinds.Count(k => k != LoadCallKind.DoNotContact), "every call but the do-not-contact ones reaches a sender");
        result.Duration.Count.Should().Be(Calls);
        foreach (var summary in new[] { result.ToSender, result.Duration })
        {
            summary.P50.Should().BePositive();
            summary.P95.Should().BeGreaterThanOrEqualTo(summary.P50);
            summary.P99.Should().BeGreaterThanOrEqualTo(summary.P95);
            summary.Max.Should().BeGreaterThanOrEqualTo(summary.P99);
        }

        // The engine's share is what the calls took beyond the timed stages (so the shares add up by construction): it
        // is positive only when the store's and senders' time was measured inside the calls, as each stage's count says.
        result.EngineTime.Should().BePositive();
        result.Stages.Single(s => s.Stage == LoadStage.SmsSender).Count.Should().Be(result.SmsSent.Sum());
        result.Stages.Single(s => s.Stage == LoadStage.EmailSender).Count.Should().Be(result.EmailsSent.Sum());
        result.CallsPerSecond.Should().BePositive();
        result.Collections.Paused.Should().BeGreaterThanOrEqualTo(TimeSpan.Zero).And.BeLessThanOrEqualTo(result.Elapsed, "only the measured calls' collections count");
        result.Collections.Gen0.Should().BeGreaterThanOrEqualTo(result.Collections.Gen1);
    }

    [Fact]
    public async Task RunAsync_OpenLoop_SchedulesCallIAtT0PlusIOverTheRate_AndStartsNoneBeforeItsTime()
    {
        const int calls = 30;
        const double rate = 100; // 10 ms apart: far longer than a call, so a loop that did not wait would start early

        var result = await LoadRunner.RunAsync(new LoadSettings { Calls = calls, Store = LoadStore.Memory, Rate = rate, WarmUpCalls = 20 });

        var t0 = result.ScheduledStarts[0];
        for (var i = 0; i < calls; i++)
        {
            ((double)(result.ScheduledStarts[i] - t0)).Should().BeApproximately(i * Stopwatch.Frequency / rate, 1, $"call {i} is scheduled at t0 + {i} / rate");
            result.Starts[i].Should().BeGreaterThanOrEqualTo(result.ScheduledStarts[i], $"call {i} starts no earlier than its time");
        }

        result.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds((calls - 1) / rate));
    }

    [Fact]
    public async Task RunAsync_OnAnExistingDatabase_Refuses()
    {
        var database = Path.Combine(_folder.Path, "followups.db");
        await File.WriteAllTextAsync(database, "");

        var run = () => LoadRunner.RunAsync(new LoadSettings { Calls = 1, DatabasePath = database, WarmUpCalls = 0 });

        await run.Should().ThrowAsync<ArgumentException>().WithMessage("*fresh database*");
    }

    private static async Task<List<FollowUpRecord>> ReadAllAsync(string database, string accountId)
    {
        var store = new SqliteFollowUpStore(new SqliteStoreOptions { Path = database });
        var records = new List<FollowUpRecord>();
        var query = new FollowUpQuery { AccountId = accountId, Limit = FollowUpQuery.MaxLimit };
        while (true)
        {
            var page = await store.ListAsync(query, CancellationToken.None);
            records.AddRange(page);
            if (page.Count < query.Limit)
            {
                return records;
            }

            query = query with { After = FollowUpCursor.After(page[^1]) };
        }
    }
}
