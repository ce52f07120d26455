namespace FollowUps.Testing;

/// <summary>How the provider behind a sender under test must answer, arranged by the contract's subclass.</summary>
public enum SenderScenario
{
    /// <summary>The provider accepts every message and returns an id.</summary>
    Accepts = 0,

    /// <summary>The provider fails in a way worth retrying (a 429 or 5xx, an SMTP 4xx reply).</summary>
    FailsTransiently = 1,

    /// <summary>The provider refuses the recipient for good (an invalid number, an SMTP 550).</summary>
    RejectsRecipient = 2,

    /// <summary>The provider says the recipient opted out (Twilio's 21610). Only <see cref="SmsSenderContract"/> asks for it: SMTP has no such reply.</summary>
    RecipientOptedOut = 3,

    /// <summary>The provider refuses the account's credentials (Twilio's 20003, an SMTP 535).</summary>
    RefusesCredentials = 4,
}
