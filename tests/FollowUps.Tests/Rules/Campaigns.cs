namespace FollowUps.Tests.Rules;

/// <summary>Valid campaign settings with every channel on; change one field with <c>with</c>.</summary>
internal static class Campaigns
{
    public const string OfferSummary = "20% off teeth whitening booked before August 31";
    public const string PromoCode = "SMILE20";
    public const string EmailMeetingLink = "https://cal.example.com/acme-dental/email";

    public static EmailFollowUpSettings Email { get; } = new()
    {
        Enabled = true,
        AskForEmail = true,
        FromName = "Dana at Acme Dental",
        Subject = "Your cleaning at Acme Dental",
        Body = "Hi,\r\n\r\nThanks for talking with us today. Your visit details are below.\r\n\r\nAcme Dental",
        MeetingLink = EmailMeetingLink,
    };

    public static MissedCallEmailSettings MissedCallEmail { get; } = new()
    {
        Enabled = true,
        Subject = "Sorry we missed you",
        Body = "Hi,\n\nWe tried to reach you about your cleaning. Reply with a time that suits you.\n\nAcme Dental",
    };

    /// <summary>SMS on with <paramref name="template"/>; the Offer / Promo template gets its offer and code.</summary>
    public static SmsFollowUpSettings Sms(SmsTemplateKind template = SmsTemplateKind.MeetingRequest) => new()
    {
        Enabled = true,
        Template = template,
        OfferSummary = template == SmsTemplateKind.OfferPromo ? OfferSummary : null,
        PromoCode = template == SmsTemplateKind.OfferPromo ? PromoCode : null,
    };

    public static CampaignFollowUpSettings All(SmsTemplateKind template = SmsTemplateKind.MeetingRequest) => new()
    {
        Sms = Sms(template),
        Email = Email,
        MissedCallEmail = MissedCallEmail,
    };
}
