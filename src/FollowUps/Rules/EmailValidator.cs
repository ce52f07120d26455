using FollowUps.Internal;
using FollowUps.Templates;

namespace FollowUps.Rules;

/// <summary>
/// Checks a campaign's two emails: their subjects and bodies as templates (text and known placeholders only; a body
/// must render, see <see cref="EmailBody"/>), and every value they take from elsewhere in the campaign (from name,
/// meeting link, SMS sender name), whichever channels are on. Pure; thread-safe.
/// </summary>
internal static class EmailValidator
{
    /// <summary>A body's problem depends on its text alone; each distinct body is checked once (of the latest 1,024).</summary>
    private static readonly BoundedCache<string, string?> BodyProblems = new(1024, body => EmailBody.Check(EmailBody.Template(body)));

    public static IReadOnlyList<FieldError> ValidateEmail(CampaignFollowUpSettings campaign, FollowUpOptions defaults)
    {
        if (campaign.Email is not { Enabled: true } email)
        {
            return [];
        }

        var errors = new FieldErrors("Email");
        errors.Required(nameof(email.FromName), email.FromName, v => SlotRules.Name(v, SlotLimits.FromName), "is required");
        var link = MeetingLink(campaign, defaults);
        errors.Required(nameof(email.Subject), email.Subject, v => SlotRules.Subject(v) ?? SubjectProblem(v, link), "is required");
        errors.Required(nameof(email.Body), email.Body, v => SlotRules.Body(v) ?? BodyProblem(v, link), "is required");
        return [.. errors.List.Concat(SharedValues(campaign)).Distinct()];
    }

    public static IReadOnlyList<FieldError> ValidateMissedCallEmail(CampaignFollowUpSettings campaign, FollowUpOptions defaults)
    {
        if (campaign.MissedCallEmail is not { Enabled: true } missed)
        {
            return [];
        }

        var errors = new FieldErrors("MissedCallEmail");
        var link = MeetingLink(campaign, defaults);
        errors.Required(nameof(missed.Subject), missed.Subject, v => SlotRules.Subject(v) ?? SubjectProblem(v, link), "is required");
        errors.Required(nameof(missed.Body), missed.Body, v => SlotRules.Body(v) ?? BodyProblem(v, link), "is required");
        return [.. errors.List, .. SharedValues(campaign)];
    }

    /// <summary>The name both emails are sent under: the email follow-up's from name, else the account's sender name.</summary>
    public static string FromName(CampaignFollowUpSettings campaign, FollowUpOptions defaults) =>
        SlotText.FirstNonBlank(campaign.Email?.FromName, defaults.DefaultSenderName) ?? "";

    /// <summary>The scheduling link both emails use: the email follow-up's link, else the account's; or none.</summary>
    public static string? MeetingLink(CampaignFollowUpSettings campaign, FollowUpOptions defaults) =>
        SlotText.FirstNonBlank(campaign.Email?.MeetingLink, defaults.DefaultMeetingLink);

    /// <summary>
    /// The values both emails take from other parts of the campaign, checked whether or not those channels are on: the
    /// email follow-up's from name and meeting link, and the SMS sender name behind <c>{{ sender_name }}</c>.
    /// </summary>
    private static IEnumerable<FieldError> SharedValues(CampaignFollowUpSettings campaign)
    {
        var email = new FieldErrors("Email");
        email.Optional(nameof(EmailFollowUpSettings.FromName), campaign.Email?.FromName, v => SlotRules.Name(v, SlotLimits.FromName));
        email.Optional(nameof(EmailFollowUpSettings.MeetingLink), campaign.Email?.MeetingLink, SlotRules.MeetingLink);
        var sms = new FieldErrors("Sms");
        sms.Optional(nameof(SmsFollowUpSettings.SenderName), campaign.Sms?.SenderName, v => SlotRules.Name(v, SlotLimits.SenderName));
        return email.List.Concat(sms.List);
    }

    private static string? SubjectProblem(string subject, string? meetingLink) => TemplateProblem(EmailTemplate.Parse(subject), meetingLink);

    private static string? BodyProblem(string body, string? meetingLink) =>
        TemplateProblem(EmailBody.Template(body), meetingLink) ?? BodyProblems.Get(body);

    private static string? TemplateProblem(EmailTemplate template, string? meetingLink) =>
        template.Problem
        ?? (meetingLink is null && template.Uses(EmailTemplate.MeetingLink)
            ? "uses {{ meeting_link }}, but no meeting link is set; set Email.MeetingLink or the account's DefaultMeetingLink"
            : null);
}
