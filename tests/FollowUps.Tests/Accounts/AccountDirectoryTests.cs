using FollowUps.Accounts;
using FollowUps.Tests.Delivery;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Tests.Accounts;

/// <summary>How the engine's cache of accounts asks the host's source: once for a burst of calls, and not on every call of an outage.</summary>
public sealed class AccountDirectoryTests
{
    private static readonly FollowUpOptions Acme = new() { BrandName = "Acme Dental", DefaultSenderName = "Dana" };

    [Fact]
    public async Task GetAsync_TwentyCallsWhileTheFirstReadIsUnderWay_ShareThatOneRead()
    {
        var source = new HeldAccounts(Acme);
        using var directory = Directory(source, new FakeTimeProvider(EngineHarness.Start));

        var calls = Enumerable.Range(0, 20).Select(_ => directory.GetAsync("acme", CancellationToken.None).AsTask()).ToList();
        source.Release.SetResult();
        var lookups = await Task.WhenAll(calls);

        source.Reads.Should().Be(1);
        lookups.Should().AllSatisfy(lookup => lookup.Account!.Settings.BrandName.Should().Be("Acme Dental"));
    }

    [Fact]
    public async Task GetAsync_CallerCancelsWhileTheSharedReadWaits_OnlyThatCallerStops()
    {
        var source = new HeldAccounts(Acme);
        using var directory = Directory(source, new FakeTimeProvider(EngineHarness.Start));
        using var cancel = new CancellationTokenSource();

        var cancelled = directory.GetAsync("acme", cancel.Token).AsTask();
        var waiting = directory.GetAsync("acme", CancellationToken.None).AsTask();
        await cancel.CancelAsync();
        source.Release.SetResult();

        await cancelled.Invoking(task => task).Should().ThrowAsync<OperationCanceledException>();
        (await waiting).Account.Should().NotBeNull();
        source.Reads.Should().Be(1);
    }

    [Fact]
    public async Task GetAsync_SourceDown_CallsWithinTheRetryPauseAreAnsweredWithoutAskingItAgain()
    {
        var source = new HeldAccounts(Acme);
        source.Release.SetResult();
        var clock = new FakeTimeProvider(EngineHarness.Start);
        using var directory = Directory(source, clock);
        await directory.GetAsync("acme", CancellationToken.None);

        source.Broken = true;
        clock.Advance(TimeSpan.FromMinutes(2)); // Past the cache lifetime, within the stale lifetime.
        var first = await directory.GetAsync("acme", CancellationToken.None);
        var again = await directory.GetAsync("acme", CancellationToken.None);
        var readsDuringThePause = source.Reads;
        clock.Advance(TimeSpan.FromSeconds(6));
        await directory.GetAsync("acme", CancellationToken.None);

        first.Account!.Settings.BrandName.Should().Be("Acme Dental", "the last good settings stand in");
        again.Account!.Settings.BrandName.Should().Be("Acme Dental");
        readsDuringThePause.Should().Be(2, "the good read, then one failed read for both calls of the outage");
        source.Reads.Should().Be(3, "asked again once the pause ended");
    }

    [Fact]
    public async Task InvalidateAccountAsync_TellsEveryListener_AlsoAfterOneThrows()
    {
        var heard = new List<string>();
        var listeners = new IFollowUpAccountListener[] { new Listener(_ => throw new InvalidOperationException("The pool is broken.")), new Listener(heard.Add) };
        using var directory = new AccountDirectory(new HeldAccounts(Acme), Options.Create(new FollowUpAccountsOptions()), Options.Create(new FollowUpOptions()), TimeProvider.System, listeners: listeners);

        await directory.InvalidateAccountAsync("acme");

        heard.Should().Equal("acme");
    }

    private static AccountDirectory Directory(IFollowUpAccounts source, TimeProvider clock) =>
        new(source, Options.Create(new FollowUpAccountsOptions()), Options.Create(new FollowUpOptions()), clock);

    /// <summary>A source whose reads wait until <see cref="Release"/>, counted; broken, it throws.</summary>
    private sealed class HeldAccounts(FollowUpOptions settings) : IFollowUpAccounts
    {
        private int _reads;

        public volatile bool Broken;

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Reads => Volatile.Read(ref _reads);

        public async ValueTask<FollowUpAccount?> FindAsync(string accountId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            await Release.Task.ConfigureAwait(false);
            return Broken ? throw new InvalidOperationException("The accounts database is unreachable.") : new FollowUpAccount { Id = accountId, Settings = settings };
        }
    }

    private sealed class Listener(Action<string> hear) : IFollowUpAccountListener
    {
        public ValueTask OnAccountInvalidatedAsync(string accountId, CancellationToken cancellationToken)
        {
            hear(accountId);
            return ValueTask.CompletedTask;
        }
    }
}
