namespace FollowUps.Smtp;

/// <summary>What <see cref="ISmtpCredentials.GetAsync"/> is asked for. Holds no secret. Immutable.</summary>
public sealed record SmtpCredentialsRequest
{
    /// <summary>The account whose mailbox is logging in.</summary>
    public required string AccountId { get; init; }

    /// <summary>The mailbox, as <see cref="ISmtpMailboxes"/> gave it.</summary>
    public required SmtpMailbox Mailbox { get; init; }

    /// <summary>
    /// True when the server has just refused the access token given for this login: return a fresh one (refresh it
    /// with the provider), not the one cached. Asked at most once per login.
    /// </summary>
    public bool Refused { get; init; }
}
