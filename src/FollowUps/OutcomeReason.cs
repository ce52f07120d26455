namespace FollowUps;

/// <summary>Why a follow-up was skipped or failed. <see cref="None"/> for a sent one.</summary>
public enum OutcomeReason
{
    /// <summary>Sent; no reason needed.</summary>
    None,

    // Skips: the rules.

    /// <summary>The call record is incomplete (a required id is blank); the detail names the field.</summary>
    InvalidCall,

    /// <summary>The campaign has this channel switched off.</summary>
    ChannelDisabled,

    /// <summary>The campaign's settings for this channel are invalid; the detail names the fields.</summary>
    InvalidCampaignSettings,

    /// <summary>The contact is on the do-not-contact list (by contact id, phone or email).</summary>
    Suppressed,

    /// <summary>The call was not answered (missed, busy, no answer, voicemail or failed).</summary>
    CallNotAnswered,

    /// <summary>The call was not missed, so no missed-call email (answered, voicemail or failed).</summary>
    CallNotMissed,

    /// <summary>The answered call has no transcript, so consent cannot be traced.</summary>
    NoTranscript,

    /// <summary>The campaign does not ask for email on the call.</summary>
    AskForEmailOff,

    /// <summary>The agent did not ask the contact for consent on this channel.</summary>
    ConsentNotAsked,

    /// <summary>The contact declined.</summary>
    ConsentDeclined,

    /// <summary>Consent is marked granted, but its evidence is missing or not found in a contact turn of the transcript.</summary>
    ConsentNotTraceable,

    /// <summary>The contact has no phone number.</summary>
    NoPhoneNumber,

    /// <summary>The phone number cannot be parsed or is not a valid number.</summary>
    InvalidPhoneNumber,

    /// <summary>The contact has no email address (none on file, none captured on the call).</summary>
    NoEmailAddress,

    /// <summary>The email address is malformed.</summary>
    InvalidEmailAddress,

    /// <summary>The template needs a meeting link and neither the campaign nor the account sets one.</summary>
    NoMeetingLink,

    /// <summary>Appointment Confirmation: the call booked no appointment, or one without a valid time zone or location.</summary>
    NoAppointment,

    /// <summary>Conversation Summary: the call produced no summary.</summary>
    NoSummary,

    /// <summary>This follow-up was already sent (or is being sent) to this contact for this campaign.</summary>
    AlreadySent,

    /// <summary>No sender is registered for this channel.</summary>
    NoSenderConfigured,

    // Failures: the providers and the store.

    /// <summary>The provider failed in a way worth retrying (rate limit, outage, network).</summary>
    TransientFailure,

    /// <summary>The provider refused the message for good (invalid destination, mailbox unavailable).</summary>
    PermanentFailure,

    /// <summary>The provider says the recipient opted out; a suppression entry was added.</summary>
    RecipientOptedOut,

    /// <summary>The sender threw an exception; the detail names it.</summary>
    SenderError,

    /// <summary>The message could not be rendered (a defect in FollowUps, reported rather than thrown); nothing was sent.</summary>
    RenderFailed,

    /// <summary>The store could not be read or written; nothing was sent.</summary>
    StoreUnavailable,

    /// <summary>The host cancelled the operation while the message was being sent.</summary>
    Cancelled,
}
