using MailKit;

namespace FollowUps.Smtp.Delivery;

/// <summary>
/// Tells whether the message data of one MailKit send has started to go out. MailKit reports transfer progress only
/// while it writes the message itself: after the server answered DATA with 354 (or, with CHUNKING, as the one BDAT chunk
/// is written), never during MAIL FROM, RCPT TO or while waiting for the 354. So until the first report nothing of the
/// message has left, at most a first piece without its end, which no server takes as a message: a broken connection is
/// safe to retry. From the first report on, the server may have taken the message, or may yet.
/// </summary>
/// <remarks>Not thread-safe: one instance per send attempt, read after the send has returned or thrown.</remarks>
internal sealed class MessageDataProgress : ITransferProgress
{
    /// <summary>Whether any of the message data has been written to the connection.</summary>
    public bool Started { get; private set; }

    /// <inheritdoc />
    public void Report(long bytesTransferred, long totalSize) => Started = true;

    /// <inheritdoc />
    public void Report(long bytesTransferred) => Started = true;
}
