namespace FollowUps.Benchmarks.Support;

/// <summary>
/// The call the store benchmarks send: answered, SMS and email consent heard, an SMS from the Meeting Request
/// template and a short campaign email; and an engine on a store with recording senders. Each benchmark gives each call
/// a contact of its own (<see cref="For"/>).
/// </summary>
internal static class AnsweredCall
{
    public static readonly FollowUpOptions Defaults = new() { BrandName = "Acme Dental", DefaultSenderName = "Dana", DefaultMeetingLink = "https://cal.example.com/acme-dental" };

    public static readonly CampaignFollowUpSettings SmsAndEmail = new()
    {
        Sms = new() { Enabled = true, Template = SmsTemplateKind.MeetingRequest },
        Email = new() { Enabled = true, AskForEmail = true, FromName = "Dana", Subject = "Great talking today", Body = "Thanks for your time.", MeetingLink = "https://cal.example.com/acme-dental" },
    };

    public static readonly CallCompleted Call = new()
    {
        AccountId = "acme",
        CampaignId = "recall",
        CallId = "call-1",
        Contact = new() { Id = "contact-1", Phone = "(415) 555-2671", Email = "maria@example.com", FirstName = "Maria" },
        Status = CallStatus.Answered,
        Transcript = [new() { Speaker = Speaker.Agent, Text = "May I text you a booking link and email a recap?" }, new() { Speaker = Speaker.Contact, Text = "Sure, text me. Email works too." }],
        Consent = new() { Sms = ChannelConsent.Granted(1, "text me"), Email = ChannelConsent.Granted(1, "Email works") },
    };

    /// <summary><see cref="Call"/> for contact <paramref name="contactId"/>, as call attempt <paramref name="callId"/>.</summary>
    public static CallCompleted For(string contactId, string callId) => Call with { CallId = callId, Contact = Call.Contact with { Id = contactId } };

    /// <summary>An engine on <paramref name="store"/> (outbox and do-not-contact list) whose senders record and answer "sent".</summary>
    public static Delivery.FollowUpEngine Engine<TStore>(TStore store)
        where TStore : IFollowUpStore, ISuppressionStore =>
        new(store, store, Microsoft.Extensions.Options.Options.Create(Defaults), Microsoft.Extensions.Options.Options.Create(new FollowUpDeliveryOptions()), TimeProvider.System, null,
            new Testing.RecordingSmsSender(_ => SendResult.Sent("SM1")), new Testing.RecordingEmailSender(_ => SendResult.Sent("E1")));
}
