using System.Collections.Concurrent;

namespace FollowUps.Testing;

/// <summary>
/// An <see cref="ISmsSender"/> that records messages instead of sending them and, as a provider that can be asked
/// (<see cref="ISendReconciler"/>), answers each question about an unknown send with a reconciliation you script.
/// Thread-safe.
/// </summary>
/// <param name="respond">Answers each message; may throw. By default every message is sent with an id like <c>sms-0001</c>.</param>
/// <param name="reconcile">Answers each question; may throw. By default it cannot tell.</param>
public sealed class ReconcilingSmsSender(Func<SmsMessage, SendResult>? respond = null, Func<FollowUpRecord, Reconciliation>? reconcile = null)
    : RecordingSender<SmsMessage>("sms", respond), ISmsSender, ISendReconciler
{
    private readonly ConcurrentQueue<FollowUpRecord> _questions = new();
    private readonly Func<FollowUpRecord, Reconciliation> _reconcile = reconcile ?? (_ => Reconciliation.CannotTell("The scripted provider cannot tell."));

    /// <summary>Every follow-up the sender was asked about, as it was handed in, in arrival order.</summary>
    public IReadOnlyList<FollowUpRecord> Questions => [.. _questions];

    /// <summary>Records the question and answers it with the scripted reconciliation.</summary>
    /// <param name="unknown">The unknown follow-up.</param>
    /// <param name="cancellationToken">Throws <see cref="OperationCanceledException"/> when cancelled.</param>
    /// <returns>The scripted answer.</returns>
    public Task<Reconciliation> ReconcileAsync(FollowUpRecord unknown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unknown);
        cancellationToken.ThrowIfCancellationRequested();
        _questions.Enqueue(unknown);
        return Task.FromResult(_reconcile(unknown));
    }
}
