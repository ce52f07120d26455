namespace FollowUps.Twilio;

/// <summary>What <see cref="TwilioWebhooks"/> did with one webhook, and so what to answer Twilio.</summary>
public enum TwilioWebhookOutcome
{
    /// <summary>The signature is missing or does not match (or no auth token is configured to check it): nothing was done. Answer 403.</summary>
    SignatureInvalid = 0,

    /// <summary>Signed, but a required field is missing or unusable: nothing was done. Answer 400.</summary>
    Malformed = 1,

    /// <summary>The contact asked to stop: their number is on the do-not-contact list now. Answer 200.</summary>
    OptedOut = 2,

    /// <summary>The contact asked to start again: the opt-out from an earlier reply or a provider refusal was lifted. Answer 200.</summary>
    OptedIn = 3,

    /// <summary>A reply that asks for nothing FollowUps handles (or START from a number the host put on the list itself). Answer 200.</summary>
    Ignored = 4,

    /// <summary>A delivery status moved the follow-up forward. Answer 200.</summary>
    DeliveryRecorded = 5,

    /// <summary>A delivery status the follow-up is already at or past, or one FollowUps does not track: nothing changed. Answer 200.</summary>
    DeliveryStale = 6,

    /// <summary>A delivery status for a message no follow-up was sent as (or not yet recorded). Answer 200: Twilio would only repeat it.</summary>
    DeliveryUnknownMessage = 7,

    /// <summary>
    /// A delivery status for an earlier attempt of a follow-up that was sent again since: kept in its history as that
    /// attempt's, not as its status; the contact may have got the follow-up twice (logged as a warning). Answer 200.
    /// </summary>
    DeliveryOtherAttempt = 8,
}
