namespace FollowUps.Rules;

/// <summary>Checks a campaign's follow-up settings against the account defaults. Pure; thread-safe.</summary>
internal static class CampaignValidator
{
    public static CampaignValidationResult Validate(CampaignFollowUpSettings campaign, FollowUpOptions defaults)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ValidateSms(campaign.Sms, defaults));
        errors.AddRange(ValidateEmail(campaign.Email));
        errors.AddRange(ValidateMissedCallEmail(campaign));
        // The email from name is checked for both emails; report it once.
        return errors.Count == 0 ? CampaignValidationResult.Valid : new() { Errors = [.. errors.Distinct()] };
    }

    /// <summary>Every SMS problem: malformed values, and a meeting link the template needs but nobody sets.</summary>
    public static IReadOnlyList<FieldError> ValidateSms(SmsFollowUpSettings? sms, FollowUpOptions defaults)
    {
        var errors = ValidateSmsValues(sms);
        if (errors.Count > 0 || sms is not { Enabled: true } || !NeedsMeetingLinkButHasNone(sms, defaults))
        {
            return errors;
        }

        return [new("Sms.MeetingLink", $"is required by the {SmsTemplates.Get(sms.Template).Name} template; set it here or set the account's DefaultMeetingLink")];
    }

    /// <summary>The SMS settings' own values: a known template, well-formed overrides, the offer's slots filled.</summary>
    public static IReadOnlyList<FieldError> ValidateSmsValues(SmsFollowUpSettings? sms)
    {
        if (sms is not { Enabled: true })
        {
            return [];
        }

        var errors = new Errors("Sms");
        if (!Enum.IsDefined(sms.Template))
        {
            errors.Add(nameof(sms.Template), "must be one of the five SMS templates");
            return errors.List;
        }

        errors.Optional(nameof(sms.SenderName), sms.SenderName, v => SlotRules.Name(v, SlotLimits.SenderName));
        errors.Optional(nameof(sms.MeetingLink), sms.MeetingLink, SlotRules.MeetingLink);
        if (sms.Template == SmsTemplateKind.OfferPromo)
        {
            errors.Required(nameof(sms.OfferSummary), sms.OfferSummary, SlotRules.OfferSummary, "is required by the Offer / Promo template");
            errors.Required(nameof(sms.PromoCode), sms.PromoCode, SlotRules.PromoCode, "is required by the Offer / Promo template");
        }

        return errors.List;
    }

    /// <summary>Meeting Request and Next Step need a link, from the campaign or else the account.</summary>
    public static bool NeedsMeetingLinkButHasNone(SmsFollowUpSettings sms, FollowUpOptions defaults) =>
        SmsTemplates.NeedsMeetingLink(sms.Template) && IsBlank(sms.MeetingLink) && IsBlank(defaults.DefaultMeetingLink);

    public static IReadOnlyList<FieldError> ValidateEmail(EmailFollowUpSettings? email)
    {
        if (email is not { Enabled: true })
        {
            return [];
        }

        var errors = new Errors("Email");
        errors.Required(nameof(email.FromName), email.FromName, v => SlotRules.Name(v, SlotLimits.FromName), "is required");
        errors.Required(nameof(email.Subject), email.Subject, SlotRules.Subject, "is required");
        errors.Required(nameof(email.Body), email.Body, SlotRules.Body, "is required");
        errors.Optional(nameof(email.MeetingLink), email.MeetingLink, SlotRules.MeetingLink);
        return errors.List;
    }

    public static IReadOnlyList<FieldError> ValidateMissedCallEmail(CampaignFollowUpSettings campaign)
    {
        if (campaign.MissedCallEmail is not { Enabled: true } missed)
        {
            return [];
        }

        var errors = new Errors("MissedCallEmail");
        errors.Required(nameof(missed.Subject), missed.Subject, SlotRules.Subject, "is required");
        errors.Required(nameof(missed.Body), missed.Body, SlotRules.Body, "is required");

        // The missed-call email goes out under the campaign's email from name when it has one.
        var fromName = new Errors("Email");
        fromName.Optional(nameof(EmailFollowUpSettings.FromName), campaign.Email?.FromName, v => SlotRules.Name(v, SlotLimits.FromName));
        return [.. errors.List, .. fromName.List];
    }

    private static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>Collects errors under one section, so each names its full field path.</summary>
    private sealed class Errors(string section)
    {
        public List<FieldError> List { get; } = [];

        public void Add(string field, string message) => List.Add(new($"{section}.{field}", message));

        public void Optional(string field, string? value, Func<string, string?> rule)
        {
            if (!IsBlank(value) && rule(value!.Trim()) is { } problem)
            {
                Add(field, problem);
            }
        }

        public void Required(string field, string? value, Func<string, string?> rule, string whenBlank)
        {
            if (IsBlank(value))
            {
                Add(field, whenBlank);
            }
            else
            {
                Optional(field, value, rule);
            }
        }
    }
}
