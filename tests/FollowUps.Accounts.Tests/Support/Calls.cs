using System.Globalization;

namespace FollowUps.Accounts.Tests.Support;

/// <summary>Answered calls in which the contact agreed to a text and an email, and the campaign that sends both.</summary>
internal static class Calls
{
    public static readonly CampaignFollowUpSettings Campaign = new()
    {
        Sms = new SmsFollowUpSettings { Enabled = true, Template = SmsTemplateKind.MeetingRequest },
        Email = new EmailFollowUpSettings
        {
            Enabled = true,
            AskForEmail = true,
            Subject = "Your call with {{ brand }}",
            Body = "Hi {{ first_name }},\n\nthanks for talking with {{ sender_name }} at {{ brand }} today.",
        },
    };

    /// <summary>Contact <paramref name="n"/>'s phone: a distinct valid US number for every n below 9,000.</summary>
    public static string Phone(int n) => string.Create(CultureInfo.InvariantCulture, $"+1415555{1000 + n:D4}");

    /// <summary>An answered call of <paramref name="accountId"/> with contact <paramref name="n"/>, who agreed to both.</summary>
    public static CallCompleted Answered(string accountId, int n, string campaignId = "campaign-1") => new()
    {
        AccountId = accountId,
        CampaignId = campaignId,
        CallId = string.Create(CultureInfo.InvariantCulture, $"{accountId}-{campaignId}-call-{n}"),
        Contact = new Contact
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"contact-{n}"),
            Phone = Phone(n),
            Email = string.Create(CultureInfo.InvariantCulture, $"contact{n}@example.com"),
            FirstName = "Ann",
        },
        Status = CallStatus.Answered,
        StartedAt = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(-8)),
        EndedAt = new DateTimeOffset(2026, 3, 2, 9, 3, 0, TimeSpan.FromHours(-8)),
        Transcript =
        [
            new TranscriptTurn { Speaker = Speaker.Agent, Text = "Can I text you a link, and email you a recap?" },
            new TranscriptTurn { Speaker = Speaker.Contact, Text = "Yes, you can text me the link, and email is fine." },
        ],
        Consent = new CallConsent
        {
            Sms = ChannelConsent.Granted(1, "you can text me the link", TimeSpan.FromSeconds(9)),
            Email = ChannelConsent.Granted(1, "email is fine", TimeSpan.FromSeconds(10)),
        },
    };
}
