namespace FollowUps;

/// <summary>One email ready to go. The from address is the adapter's connected mailbox. Immutable.</summary>
public sealed record EmailMessage
{
    /// <summary>The follow-up this message is (its kind says follow-up or missed-call email); stable across retries.</summary>
    public required FollowUpKey Key { get; init; }

    /// <summary>The recipient, a normalised address.</summary>
    public required string To { get; init; }

    /// <summary>The sender name shown in the inbox.</summary>
    public required string FromName { get; init; }

    /// <summary>The subject line.</summary>
    public required string Subject { get; init; }

    /// <summary>The plain-text body.</summary>
    public required string TextBody { get; init; }

    /// <summary>The HTML body, when the message has one.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>
    /// This recipient's one-click unsubscribe link (an absolute https URL), when the account has one configured. A sender
    /// that writes headers should send it as <c>List-Unsubscribe: &lt;url&gt;</c> with
    /// <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c> (RFC 8058); the bodies already show it.
    /// </summary>
    public string? UnsubscribeUrl { get; init; }
}
