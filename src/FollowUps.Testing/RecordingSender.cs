using System.Collections.Concurrent;

namespace FollowUps.Testing;

/// <summary>
/// A fake sender that records every message and answers with a result you choose. Thread-safe. Use
/// <see cref="RecordingSmsSender"/> or <see cref="RecordingEmailSender"/>.
/// </summary>
/// <typeparam name="TMessage">The message type.</typeparam>
public abstract class RecordingSender<TMessage>
{
    private readonly ConcurrentQueue<TMessage> _messages = new();
    private readonly Func<TMessage, SendResult> _respond;
    private readonly string _idPrefix;
    private int _sequence;

    /// <summary>Creates a sender.</summary>
    /// <param name="idPrefix">The prefix of the provider ids it makes up.</param>
    /// <param name="respond">Answers each message; may throw to simulate a broken adapter. By default every message is sent.</param>
    private protected RecordingSender(string idPrefix, Func<TMessage, SendResult>? respond)
    {
        _idPrefix = idPrefix;
        _respond = respond ?? (_ => SendResult.Sent($"{_idPrefix}-{Interlocked.Increment(ref _sequence):D4}"));
    }

    /// <summary>Every message handed to the sender, in arrival order, whatever the answer.</summary>
    public IReadOnlyList<TMessage> Messages => [.. _messages];

    /// <summary>Records <paramref name="message"/> and answers it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Throws <see cref="OperationCanceledException"/> when cancelled.</param>
    /// <returns>The chosen result.</returns>
    public Task<SendResult> SendAsync(TMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        _messages.Enqueue(message);
        return Task.FromResult(_respond(message));
    }
}
