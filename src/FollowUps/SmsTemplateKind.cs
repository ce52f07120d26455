using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>The five fixed SMS templates. <see cref="SmsTemplates"/> describes each.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SmsTemplateKind>))]
public enum SmsTemplateKind
{
    /// <summary>Invites the contact to book a meeting. Needs a meeting link.</summary>
    MeetingRequest = 0,

    /// <summary>Shares the next step after a positive call. Needs a meeting link.</summary>
    NextStep = 1,

    /// <summary>Confirms the appointment the call booked; filled from the call.</summary>
    AppointmentConfirmation = 2,

    /// <summary>Recaps the call; filled from the call's summary.</summary>
    ConversationSummary = 3,

    /// <summary>Shares an offer and its promo code.</summary>
    OfferPromo = 4,
}
