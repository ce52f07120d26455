namespace FollowUps;

/// <summary>
/// Thrown by a sender when its request never left, for a reason no provider answer describes: the adapter is
/// misconfigured (an untrusted certificate, TLS or authentication the server does not offer), or it was disposed as the
/// host stopped. Nothing was sent, so the outbox keeps the follow-up and tries it again later, like a transient failure;
/// any other exception from a sender means the request may have left, and the follow-up becomes unknown.
/// </summary>
public sealed class SendNotStartedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SendNotStartedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What to fix, naming the settings; never a secret.</param>
    public SendNotStartedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What to fix, naming the settings; never a secret.</param>
    /// <param name="innerException">The cause.</param>
    public SendNotStartedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
