using FollowUps.Smtp.Delivery;

namespace FollowUps.Smtp.Mailboxes;

/// <summary>One open connection and the mailbox it belongs to; held by one send at a time, or idle in <see cref="ConnectionPool"/>.</summary>
internal sealed class PooledConnection(MailboxPool pool, SmtpConnection connection)
{
    public MailboxPool Pool { get; } = pool;

    public SmtpConnection Connection { get; } = connection;
}
