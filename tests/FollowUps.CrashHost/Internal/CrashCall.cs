namespace FollowUps.CrashHost.Internal;

/// <summary>The one call the child handles: answered, with SMS and email consent traceable in the transcript.</summary>
internal static class CrashCall
{
    public const string AccountId = "account-1", CampaignId = "campaign-1";

    public static readonly CampaignFollowUpSettings SmsOnly = new()
    {
        Sms = new SmsFollowUpSettings { Enabled = true, Template = SmsTemplateKind.MeetingRequest },
        Email = EmailFollowUpSettings.Disabled,
        MissedCallEmail = MissedCallEmailSettings.Disabled,
    };

    public static readonly CampaignFollowUpSettings EmailOnly = new()
    {
        Sms = SmsFollowUpSettings.Disabled,
        Email = new EmailFollowUpSettings
        {
            Enabled = true,
            AskForEmail = true,
            FromName = "Dana at Acme Dental",
            Subject = "Great talking today",
            Body = "Thanks for your time on the phone.\nHere is what we discussed.",
        },
        MissedCallEmail = MissedCallEmailSettings.Disabled,
    };

    public static void Account(FollowUpOptions options)
    {
        options.BrandName = "Acme Dental";
        options.DefaultSenderName = "Dana";
        options.DefaultMeetingLink = "https://cal.example.com/acme";
        options.DefaultRegion = "US";
    }

    public static CallCompleted Answered(string contactId) => new()
    {
        AccountId = AccountId,
        CampaignId = CampaignId,
        CallId = $"call-{contactId}",
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
}
