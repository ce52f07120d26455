using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>
/// Why a follow-up was skipped or failed; <see cref="None"/> for a sent one. Skip reasons are numbered from 1,
/// failure reasons from 100. The numbers are stable (stores persist them): new reasons are only ever appended.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<OutcomeReason>))]
public enum OutcomeReason
{
    /// <summary>Sent; no reason needed.</summary>
    None = 0,

    // Skips: the rules.

    /// <summary>The call record is incomplete (a required id is blank); the detail names the field.</summary>
    InvalidCall = 1,

    /// <summary>The campaign has this channel switched off.</summary>
    ChannelDisabled = 2,

    /// <summary>The campaign's settings for this channel are invalid; the detail names the fields.</summary>
    InvalidCampaignSettings = 3,

    /// <summary>The contact is on the do-not-contact list (by contact id, phone or email).</summary>
    Suppressed = 4,

    /// <summary>The call was not answered (missed, busy, no answer, voicemail or failed).</summary>
    CallNotAnswered = 5,

    /// <summary>The call was not missed, so no missed-call email (answered, voicemail or failed).</summary>
    CallNotMissed = 6,

    /// <summary>The answered call has no transcript, so consent cannot be traced.</summary>
    NoTranscript = 7,

    /// <summary>The campaign does not ask for email on the call.</summary>
    AskForEmailOff = 8,

    /// <summary>The agent did not ask the contact for consent on this channel.</summary>
    ConsentNotAsked = 9,

    /// <summary>The contact declined.</summary>
    ConsentDeclined = 10,

    /// <summary>Consent is marked granted, but its evidence is missing or not found in a contact turn of the transcript.</summary>
    ConsentNotTraceable = 11,

    /// <summary>The contact has no phone number.</summary>
    NoPhoneNumber = 12,

    /// <summary>The phone number cannot be parsed or is not a valid number.</summary>
    InvalidPhoneNumber = 13,

    /// <summary>The contact has no email address (none on file, none captured on the call).</summary>
    NoEmailAddress = 14,

    /// <summary>The email address is malformed.</summary>
    InvalidEmailAddress = 15,

    /// <summary>The template needs a meeting link and neither the campaign nor the account sets one.</summary>
    NoMeetingLink = 16,

    /// <summary>Appointment Confirmation: the call booked no appointment, or one without a valid time zone or location.</summary>
    NoAppointment = 17,

    /// <summary>Conversation Summary: the call produced no summary.</summary>
    NoSummary = 18,

    /// <summary>The SMS needs more segments than <see cref="FollowUpOptions.MaxSmsSegments"/> allows, even with its free-text slot shortened.</summary>
    OverSegmentBudget = 19,

    /// <summary>This follow-up was already sent to this contact for this campaign (or a concurrent call is sending it).</summary>
    AlreadySent = 20,

    /// <summary>No sender is registered for this channel.</summary>
    NoSenderConfigured = 21,

    /// <summary>An earlier attempt of this follow-up failed for good (the detail gives its reason); it is not sent again.</summary>
    AlreadyAttempted = 22,

    /// <summary>An earlier attempt failed in a way worth retrying; the outbox tries it again at its time.</summary>
    RetryPending = 23,

    /// <summary>Another call, or the dispatcher, is sending this follow-up right now.</summary>
    InProgress = 24,

    /// <summary>An earlier send may have reached the provider, which never answered; it is not sent again blindly.</summary>
    SendUnknown = 25,

    /// <summary>An earlier attempt expired unsent: out of attempts, or past its deadline.</summary>
    AlreadyExpired = 26,

    /// <summary>It was cancelled before it went: the contact joined the do-not-contact list, or an operator cancelled it (the detail says which).</summary>
    AlreadyCancelled = 27,

    /// <summary>The call's account is not known to the accounts source (<see cref="IFollowUpAccounts"/>).</summary>
    UnknownAccount = 28,

    /// <summary>The call's account has settings that are not valid; the detail names each problem.</summary>
    InvalidAccount = 29,

    // Failures: the providers and the store.

    /// <summary>The provider failed in a way worth retrying (rate limit, outage, network).</summary>
    TransientFailure = 100,

    /// <summary>The provider refused the message for good (invalid destination, mailbox unavailable).</summary>
    PermanentFailure = 101,

    /// <summary>The provider says the recipient opted out; a suppression entry was added.</summary>
    RecipientOptedOut = 102,

    /// <summary>The sender threw an exception; the detail names it.</summary>
    SenderError = 103,

    /// <summary>The message could not be rendered (a defect in FollowUps, reported rather than thrown); nothing was sent.</summary>
    RenderFailed = 104,

    /// <summary>The store could not be read or written; nothing was sent.</summary>
    StoreUnavailable = 105,

    /// <summary>
    /// The host cancelled. A message being sent when it did has failed and may or may not have left; a follow-up not yet
    /// claimed is skipped and a later call can still send it.
    /// </summary>
    Cancelled = 106,

    /// <summary>
    /// The request may have reached the provider, which never answered (a timeout after it left); the message may or may
    /// not have gone out. Recorded as unknown (<see cref="OutcomeStatus.Unknown"/>) and never sent again blindly: the
    /// dispatcher asks the provider (<see cref="ISendReconciler"/>), a delivery report settles it, or an operator does
    /// (<see cref="IFollowUpOperator"/>).
    /// </summary>
    NoProviderAnswer = 107,

    /// <summary>The provider refused the account's credentials; nothing was sent. The detail names the settings to fix.</summary>
    CredentialsRefused = 108,

    /// <summary>Not sent: it was tried the most times a follow-up gets, or its deadline passed (the detail says which, and the last attempt's words).</summary>
    Expired = 109,

    /// <summary>
    /// A person decided (through <see cref="IFollowUpOperator"/>): an unknown send settled by hand, or a follow-up
    /// cancelled for a paused campaign or a suspended account. <see cref="FollowUpOutcome.DecidedBy"/> names them and the
    /// detail gives their reason.
    /// </summary>
    OperatorDecision = 110,

    /// <summary>
    /// The call's account could not be read from the accounts source (<see cref="IFollowUpAccounts"/> threw) and no
    /// settings read shortly before could stand in; nothing was claimed, so the call can be handled again later.
    /// </summary>
    AccountUnavailable = 111,
}
