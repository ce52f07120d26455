using FollowUps.Internal;
using FollowUps.Templates;

namespace FollowUps.Rules;

/// <summary>
/// Checks a campaign's two emails: the names and links as for SMS, and the subject and body as templates (text and
/// known placeholders only; a body's links https, http or mailto, no images). Pure; thread-safe.
/// </summary>
internal static class EmailValidator
{
    private const string MeetingLinkPlaceholder = "meeting_link";

    /// <summary>A body's formatting problem depends on its text alone; each distinct body is checked once (of the latest 1,024).</summary>
    private static readonly BoundedCache<string, string?> FormattingProblems = new(1024, FormattingProblem);

    public static IReadOnlyList<FieldError> ValidateEmail(CampaignFollowUpSettings campaign, FollowUpOptions defaults)
    {
        if (campaign.Email is not { Enabled: true } email)
        {
            return [];
        }

        var errors = new FieldErrors("Email");
        errors.Required(nameof(email.FromName), email.FromName, v => SlotRules.Name(v, SlotLimits.FromName), "is required");
        errors.Optional(nameof(email.MeetingLink), email.MeetingLink, SlotRules.MeetingLink);
        var link = MeetingLink(campaign, defaults);
        errors.Required(nameof(email.Subject), email.Subject, v => SlotRules.Subject(v) ?? SubjectProblem(v, link), "is required");
        errors.Required(nameof(email.Body), email.Body, v => SlotRules.Body(v) ?? BodyProblem(v, link), "is required");
        return errors.List;
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

        // The missed-call email goes out under the email follow-up's from name and meeting link when it has them; with
        // email follow-ups on, ValidateEmail checks those already.
        if (campaign.Email is not { Enabled: true })
        {
            var email = new FieldErrors("Email");
            email.Optional(nameof(EmailFollowUpSettings.FromName), campaign.Email?.FromName, v => SlotRules.Name(v, SlotLimits.FromName));
            email.Optional(nameof(EmailFollowUpSettings.MeetingLink), campaign.Email?.MeetingLink, SlotRules.MeetingLink);
            return [.. errors.List, .. email.List];
        }

        return errors.List;
    }

    /// <summary>The name both emails are sent under: the email follow-up's from name, else the account's sender name.</summary>
    public static string FromName(CampaignFollowUpSettings campaign, FollowUpOptions defaults) =>
        SlotText.FirstNonBlank(campaign.Email?.FromName, defaults.DefaultSenderName) ?? "";

    /// <summary>The scheduling link both emails use: the email follow-up's link, else the account's; or none.</summary>
    public static string? MeetingLink(CampaignFollowUpSettings campaign, FollowUpOptions defaults) =>
        SlotText.FirstNonBlank(campaign.Email?.MeetingLink, defaults.DefaultMeetingLink);

    private static string? SubjectProblem(string subject, string? meetingLink) => TemplateProblem(EmailTemplate.Parse(subject), meetingLink);

    private static string? BodyProblem(string body, string? meetingLink)
    {
        return TemplateProblem(EmailTemplate.Parse(body), meetingLink) ?? FormattingProblems.Get(body);
    }

    /// <summary>The body's links and images, checked with every placeholder filled (the meeting link is checked on its own).</summary>
    private static string? FormattingProblem(string body)
    {
        var sample = EmailTemplate.Parse(body).Fill(name => name == MeetingLinkPlaceholder ? EmailMarkdown.Link("https://example.com") : "x");
        return EmailMarkdown.FindProblem(EmailMarkdown.Parse(sample));
    }

    private static string? TemplateProblem(EmailTemplate template, string? meetingLink) =>
        template.Problem
        ?? (meetingLink is null && template.Uses(MeetingLinkPlaceholder)
            ? "uses {{ meeting_link }}, but no meeting link is set; set Email.MeetingLink or the account's DefaultMeetingLink"
            : null);
}
