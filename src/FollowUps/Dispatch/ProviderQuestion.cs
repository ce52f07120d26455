using FollowUps.Internal;
using FollowUps.Outbox;
using Microsoft.Extensions.Logging;

namespace FollowUps.Dispatch;

/// <summary>
/// Asks an unknown send's provider what it holds, through its sender when the sender is an <see cref="ISendReconciler"/>;
/// a failed question is "cannot tell", and a "found" naming a message another follow-up was sent as is no proof. The
/// follow-up's lease is renewed while the provider is asked, as while a send is in flight, so nobody else asks meanwhile.
/// Thread-safe.
/// </summary>
internal sealed class ProviderQuestion(IFollowUpStore store, TimeProvider time, TimeSpan lease, ILogger logger)
{
    private readonly LeaseKeeper _leases = new(store, time, lease);

    /// <summary>The provider's answer about <paramref name="unknown"/>; <see langword="null"/> when its <paramref name="sender"/> cannot be asked.</summary>
    public async Task<Reconciliation?> AskAsync(FollowUpRecord unknown, object? sender, CancellationToken cancellationToken)
    {
        if (sender is not ISendReconciler reconciler)
        {
            return null;
        }

        Reconciliation answer;
        var held = new LeaseKeeper.HeldRecord(unknown);
        _leases.Hold(held);
        try
        {
            answer = await reconciler.ReconcileAsync(unknown, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            Log.ReconcilerThrew(logger, ex, unknown.Key.ToString());
            return Reconciliation.CannotTell($"Asking the provider failed ({ex.GetType().Name}: {ex.Message}); it is asked again.");
        }
        finally
        {
            await _leases.ReleaseAsync(held).ConfigureAwait(false);
        }

        // A message another follow-up was sent as (another campaign's text to the same contact) is no proof for this one.
        return answer is { Verdict: ReconciliationVerdict.Found, ProviderMessageId: { } found }
            && await store.FindByProviderMessageIdAsync(found, CancellationToken.None).ConfigureAwait(false) is { } owner && owner.Key != unknown.Key
            ? Reconciliation.CannotTell($"The provider's message {found} is the one follow-up {owner.Key} was sent as, not this attempt's, so it cannot tell; it is asked again.")
            : answer;
    }
}
