namespace FollowUps;

/// <summary>
/// Told when the dispatcher settles a follow-up after its call was handled: sent, failed, unknown, expired or cancelled,
/// so the host can update its own records. Register any number with <c>services.AddSingleton&lt;IFollowUpObserver, T&gt;()</c>.
/// </summary>
/// <remarks>Called on the dispatcher's workers, concurrently for different follow-ups; an exception is logged and ignored.</remarks>
public interface IFollowUpObserver
{
    /// <summary>A follow-up settled.</summary>
    /// <param name="record">The follow-up as stored, its <see cref="FollowUpRecord.Outcome"/> saying what happened.</param>
    /// <param name="cancellationToken">The dispatcher is stopping.</param>
    /// <returns>A task that completes when the observer is done.</returns>
    Task OnSettledAsync(FollowUpRecord record, CancellationToken cancellationToken);
}
