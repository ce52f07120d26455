namespace FollowUps.Twilio;

/// <summary>
/// One FollowUps account's Twilio settings, as <see cref="ITwilioAccounts"/> reads them: who authenticates, which
/// account the messages belong to, who sends them, and where. No secret: credentials come from
/// <see cref="ITwilioCredentials"/>. Immutable.
/// </summary>
public sealed record TwilioAccount
{
    /// <summary>
    /// The Twilio account SID the credentials belong to, <c>AC</c> and 32 hex digits: the platform's main account when
    /// <see cref="PathAccountSid"/> names a subaccount, else the account itself. Required.
    /// </summary>
    public required string AccountSid { get; init; }

    /// <summary>
    /// A subaccount of <see cref="AccountSid"/> whose messages these are (<c>AC</c> and 32 hex digits): requests go to
    /// <c>/Accounts/{PathAccountSid}/…</c> and authenticate with the main account's credentials. Optional.
    /// </summary>
    public string? PathAccountSid { get; init; }

    /// <summary>The number SMS come from, in E.164. Set this or <see cref="MessagingServiceSid"/>.</summary>
    public string? FromNumber { get; init; }

    /// <summary>A Messaging Service SID, <c>MG</c> and 32 hex digits. Set this or <see cref="FromNumber"/>.</summary>
    public string? MessagingServiceSid { get; init; }

    /// <summary>Twilio's processing region, such as <c>ie1</c> or <c>au1</c>. Optional: Twilio's default (<c>us1</c>).</summary>
    public string? Region { get; init; }

    /// <summary>Twilio's edge location, such as <c>dublin</c> or <c>sydney</c>. Optional.</summary>
    public string? Edge { get; init; }

    /// <summary>
    /// Where Twilio posts this account's delivery status callbacks, an absolute https URL such as
    /// <c>https://acme.example/twilio/acct-1/status</c> (mapped by <c>MapTwilioWebhooks</c>), whose signature is checked
    /// with this account's auth token. Optional. Each message adds its follow-up's key (<c>?followup=…</c>).
    /// </summary>
    public string? StatusCallbackUrl { get; init; }

    /// <summary>The Twilio account whose messages these are: <see cref="PathAccountSid"/>, else <see cref="AccountSid"/>.</summary>
    internal string MessagesAccountSid => string.IsNullOrWhiteSpace(PathAccountSid) ? AccountSid : PathAccountSid;
}
