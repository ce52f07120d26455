using FollowUps.Internal;
using FollowUps.Templates;

namespace FollowUps.Rules;

/// <summary>
/// Checks a campaign's two emails: their subjects and bodies as templates (text and known placeholders only; a body
/// must render, see <see cref="EmailBody"/>), and the values each takes from elsewhere in the campaign. An email checks
/// a value it borrows only when it uses it, so a channel that is off stops nothing: the missed-call email is always
/// sent under <c>Email.FromName</c>; <c>Email.MeetingLink</c> and <c>Sms.SenderName</c> count only where its subject
/// or body shows <c>{{ meeting_link }}</c> or <c>{{ sender_name }}</c>. Pure; thread-safe.
/// </summary>
internal static class EmailValidator
{
    /// <summary>A body's problem depends on its text and whether a meeting link is set; each is checked once (of the latest 1,024).</summary>
    private static readonly BoundedCache<(string Body, bool HasMeetingLink), string?> BodyProblems =
        new(1024, key => EmailBody.Check(EmailBody.Template(key.Body), key.HasMeetingLink));

    public static IReadOnlyList<FieldError> ValidateEmail(CampaignFollowUpSettings campaign)
    {
        if (campaign.Email is not { Enabled: true } email)
        {
            return [];
        }

        var errors = new FieldErrors("Email");
        errors.Optional(nameof(email.FromName), email.FromName, FromNameProblem);
        errors.Optional(nameof(email.MeetingLink), email.MeetingLink, SlotRules.MeetingLink);
        var copy = Copy(errors, email.Subject, email.Body, MeetingLink(campaign) is not null);
        return [.. errors.List, .. Borrowed("Sms", nameof(SmsFollowUpSettings.SenderName), campaign.Sms?.SenderName, SenderNameProblem, copy, "sender_name", "the email")];
    }

    public static IReadOnlyList<FieldError> ValidateMissedCallEmail(CampaignFollowUpSettings campaign)
    {
        if (campaign.MissedCallEmail is not { Enabled: true } missed)
        {
            return [];
        }

        const string where = "the missed-call email";
        var errors = new FieldErrors("MissedCallEmail");
        var copy = Copy(errors, missed.Subject, missed.Body, MeetingLink(campaign) is not null);
        var fromName = new FieldErrors("Email");
        fromName.Optional(nameof(EmailFollowUpSettings.FromName), campaign.Email?.FromName, v => FromNameProblem(v) is { } problem ? $"{problem} ({where} is sent under it)" : null);
        return
        [
            .. errors.List,
            .. fromName.List,
            .. Borrowed("Email", nameof(EmailFollowUpSettings.MeetingLink), campaign.Email?.MeetingLink, SlotRules.MeetingLink, copy, EmailTemplate.MeetingLink, where),
            .. Borrowed("Sms", nameof(SmsFollowUpSettings.SenderName), campaign.Sms?.SenderName, SenderNameProblem, copy, "sender_name", where),
        ];
    }

    /// <summary>
    /// What a campaign editor should know although nothing stops a send: an email follow-up that can never go out because
    /// the call never asks for email, and an email that shows <c>{{ meeting_link }}</c> with no link set (it shows nothing there).
    /// </summary>
    public static IReadOnlyList<FieldWarning> Warnings(CampaignFollowUpSettings campaign)
    {
        var warnings = new List<FieldWarning>();
        if (campaign.Email is { Enabled: true } email)
        {
            if (!email.AskForEmail)
            {
                warnings.Add(new("Email.AskForEmail", "is off, so no contact can agree to an email on the call and the email follow-up is never sent; turn it on, or turn the email follow-up off"));
            }

            AddLinkWarnings(warnings, "Email", email.Subject, email.Body, campaign);
        }

        if (campaign.MissedCallEmail is { Enabled: true } missed)
        {
            AddLinkWarnings(warnings, "MissedCallEmail", missed.Subject, missed.Body, campaign);
        }

        return warnings;
    }

    /// <summary>The name both emails are sent under: the email follow-up's from name, else the account's default sender name.</summary>
    public static string FromName(CampaignFollowUpSettings campaign, FollowUpOptions defaults) =>
        SlotText.FirstNonBlank(campaign.Email?.FromName, defaults.DefaultSenderName) ?? "";

    /// <summary>
    /// The scheduling link both emails use: the email follow-up's own, or none. An email's link is optional; the
    /// account's <see cref="FollowUpOptions.DefaultMeetingLink"/> is the SMS templates' fallback, not the emails'.
    /// </summary>
    public static string? MeetingLink(CampaignFollowUpSettings campaign) => SlotText.FirstNonBlank(campaign.Email?.MeetingLink, null);

    /// <summary>Checks an email's subject and body; returns the templates that parsed, to ask what they use.</summary>
    private static EmailTemplate[] Copy(FieldErrors errors, string? subject, string? body, bool hasMeetingLink)
    {
        errors.Required("Subject", subject, v => SlotRules.Subject(v) ?? EmailTemplate.Parse(v).Problem, "is required");
        errors.Required("Body", body, v => SlotRules.Body(v) ?? EmailBody.Template(v).Problem ?? BodyProblems.Get((v, hasMeetingLink)), "is required");
        return [.. Templates(subject, body)];
    }

    /// <summary>
    /// A value from another part of the campaign, checked only when the email's <paramref name="copy"/> shows the
    /// <paramref name="placeholder"/> it fills; the error names the field and the email.
    /// </summary>
    private static List<FieldError> Borrowed(string section, string field, string? value, Func<string, string?> rule, EmailTemplate[] copy, string placeholder, string where)
    {
        if (!copy.Any(t => t.Uses(placeholder)))
        {
            return [];
        }

        var errors = new FieldErrors(section);
        errors.Optional(field, value, v => rule(v) is { } problem ? $"{problem} (it fills {{{{ {placeholder} }}}} in {where})" : null);
        return errors.List;
    }

    private static void AddLinkWarnings(List<FieldWarning> warnings, string section, string? subject, string? body, CampaignFollowUpSettings campaign)
    {
        if (MeetingLink(campaign) is not null)
        {
            return;
        }

        const string message = "uses {{ meeting_link }}, but Email.MeetingLink is blank, so it shows nothing there; set Email.MeetingLink, or take the placeholder out";
        if (!string.IsNullOrWhiteSpace(subject) && EmailTemplate.Parse(subject).Uses(EmailTemplate.MeetingLink))
        {
            warnings.Add(new($"{section}.Subject", message));
        }

        if (!string.IsNullOrWhiteSpace(body) && EmailBody.Template(body).Uses(EmailTemplate.MeetingLink))
        {
            warnings.Add(new($"{section}.Body", message));
        }
    }

    /// <summary>The subject and body that are set, parsed (each distinct text once; a body with its line endings made "\n").</summary>
    private static IEnumerable<EmailTemplate> Templates(string? subject, string? body)
    {
        if (!string.IsNullOrWhiteSpace(subject))
        {
            yield return EmailTemplate.Parse(subject);
        }

        if (!string.IsNullOrWhiteSpace(body))
        {
            yield return EmailBody.Template(body);
        }
    }

    private static string? FromNameProblem(string value) => SlotRules.Name(value, SlotLimits.FromName);

    private static string? SenderNameProblem(string value) => SlotRules.Name(value, SlotLimits.SenderName);
}
