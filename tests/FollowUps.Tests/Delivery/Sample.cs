namespace FollowUps.Tests.Delivery;

/// <summary>Calls and campaigns for engine tests: an answered call with SMS and email consent, and a missed call.</summary>
internal static class Sample
{
    public static readonly CampaignFollowUpSettings AllChannels = new()
    {
        Sms = new SmsFollowUpSettings { Enabled = true, Template = SmsTemplateKind.MeetingRequest },
        Email = new EmailFollowUpSettings
        {
            Enabled = true,
            AskForEmail = true,
            FromName = "Dana at Acme Dental",
            Subject = "Great talking today",
            Body = "Thanks for your time on the phone.\nHere is what we discussed.",
        },
        MissedCallEmail = new MissedCallEmailSettings
        {
            Enabled = true,
            Subject = "Sorry we missed you",
            Body = "We tried to reach you today. Reply with a better time.",
        },
    };

    public static CallCompleted Answered(string contactId = "contact-1", string callId = "call-1") => new()
    {
        AccountId = "account-1",
        CampaignId = "campaign-1",
        CallId = callId,
        Contact = new Contact { Id = contactId, Phone = "(415) 555-2671", Email = "Ann.Lee@Example.com", FirstName = "Ann" },
        Status = CallStatus.Answered,
        Transcript =
        [
            new TranscriptTurn { Speaker = Speaker.Agent, Text = "Can I text you a link to book, and email you a recap?" },
            new TranscriptTurn { Speaker = Speaker.Contact, Text = "Yes, you can text me. And email is fine too.", Offset = TimeSpan.FromSeconds(41) },
        ],
        Consent = new CallConsent
        {
            Sms = ChannelConsent.Granted(1, "you can text me", TimeSpan.FromSeconds(41)),
            Email = ChannelConsent.Granted(1, "email is fine", TimeSpan.FromSeconds(43)),
        },
    };

    public static CallCompleted Missed(string contactId = "contact-1", string callId = "call-2") => Answered(contactId, callId) with
    {
        Status = CallStatus.NoAnswer,
        Transcript = [],
        Consent = CallConsent.NotAsked,
    };
}
