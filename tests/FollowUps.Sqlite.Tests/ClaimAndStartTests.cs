using FollowUps.Sqlite.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Sqlite.Tests;

/// <summary>
/// <see cref="IFollowUpClaimStarter.ClaimAndStartAsync"/> on SQLite beyond the contract
/// (<see cref="SqliteClaimStarterContractTests"/>): the list it checks is the file's, whichever store or process wrote it.
/// </summary>
public sealed class ClaimAndStartTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Claims.At.AddSeconds(1));

    [Fact]
    public async Task AnEntryAddedByAnotherStoreOnTheFile_KeepsTheClaimFromStarting()
    {
        using var store = _folder.Store(time: _time);
        using var other = _folder.Store();
        var claim = Claims.Sms(Claims.NewKey());
        var entry = new SuppressionEntry
        {
            AccountId = claim.Key.AccountId,
            Target = new SuppressionTarget(SuppressionTargetKind.Phone, "+14155552671"),
            Reason = SuppressionReason.DoNotContactList,
            CreatedAt = Claims.At.AddSeconds(-1),
        };
        (await store.FindSuppressionAsync(claim.Key.AccountId, claim.Targets, CancellationToken.None)).Should().BeNull("the list is read before the other store writes to it");
        await other.AddSuppressionAsync(entry, CancellationToken.None);

        var start = await store.ClaimAndStartAsync(claim, claim with { State = FollowUpState.Sending, Attempts = 1, AttemptStartedAt = claim.ClaimedAt }, CancellationToken.None);

        (start.Won, start.Suppression, start.Started).Should().Be((true, entry, false));
        (await other.FindAsync(claim.Key, CancellationToken.None))!.State.Should().Be(FollowUpState.Claimed);
    }

    public void Dispose() => _folder.Dispose();
}
