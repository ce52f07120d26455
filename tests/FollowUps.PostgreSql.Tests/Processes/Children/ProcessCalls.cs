using System.Globalization;

namespace FollowUps.PostgreSql.Tests.Processes.Children;

/// <summary>
/// The calls the engine children handle: answered calls of contact <c>contact-N</c> in one account and campaign, with
/// SMS and email consent traceable in the transcript, each contact with a phone number and an email address of its own.
/// </summary>
internal static class ProcessCalls
{
    public const string CampaignId = "campaign-1";

    /// <summary>SMS and email on; the missed-call email off (and answered calls never get one anyway).</summary>
    public static readonly CampaignFollowUpSettings Campaign = new()
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
        MissedCallEmail = MissedCallEmailSettings.Disabled,
    };

    /// <summary>The kinds an answered call of this campaign sends.</summary>
    public static readonly FollowUpKind[] SentKinds = [FollowUpKind.Sms, FollowUpKind.Email];

    public static string ContactId(int contact) => string.Create(CultureInfo.InvariantCulture, $"contact-{contact}");

    public static void Account(FollowUpOptions options)
    {
        options.BrandName = "Acme Dental";
        options.DefaultSenderName = "Dana";
        options.DefaultMeetingLink = "https://cal.example.com/acme";
        options.DefaultRegion = "US";
    }

    /// <summary>An answered call of <paramref name="contact"/> (0 to 99) in <paramref name="accountId"/>, as <paramref name="callId"/>.</summary>
    public static CallCompleted Answered(string accountId, int contact, string callId) => new()
    {
        AccountId = accountId,
        CampaignId = CampaignId,
        CallId = callId,
        Contact = new Contact
        {
            Id = ContactId(contact),
            Phone = string.Create(CultureInfo.InvariantCulture, $"(415) 555-{2600 + contact:D4}"),
            Email = string.Create(CultureInfo.InvariantCulture, $"ann.{contact}@example.com"),
            FirstName = "Ann",
        },
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
