using FollowUps.Templates;

namespace FollowUps.Rules;

/// <summary>Checks a campaign's follow-up settings against the account defaults. Pure; thread-safe.</summary>
internal static class CampaignValidator
{
    /// <summary>
    /// Every error, one per field (the first found: the field's own channel before an email that borrows it), and every
    /// warning.
    /// </summary>
    public static CampaignValidationResult Validate(CampaignFollowUpSettings campaign, FollowUpOptions defaults)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ValidateSms(campaign.Sms, defaults));
        errors.AddRange(EmailValidator.ValidateEmail(campaign));
        errors.AddRange(EmailValidator.ValidateMissedCallEmail(campaign));
        var warnings = EmailValidator.Warnings(campaign);
        return errors.Count == 0 && warnings.Count == 0
            ? CampaignValidationResult.Valid
            : new() { Errors = [.. errors.DistinctBy(e => e.Field)], Warnings = warnings };
    }

    /// <summary>
    /// Every SMS problem: malformed values, a meeting link the template needs but nobody sets, and fixed text that
    /// cannot fit the segment budget.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateSms(SmsFollowUpSettings? sms, FollowUpOptions defaults)
    {
        var errors = ValidateSmsValues(sms);
        if (errors.Count > 0 || sms is not { Enabled: true })
        {
            return errors;
        }

        var template = SmsTemplates.Get(sms.Template).Name;
        if (NeedsMeetingLinkButHasNone(sms, defaults))
        {
            return [new("Sms.MeetingLink", $"is required by the {template} template; set it here or set the account's DefaultMeetingLink")];
        }

        var shortest = ShortestText(sms, defaults);
        if (!shortest.FitsBudget)
        {
            return [new("Sms.Template", OverBudget(sms.Template, shortest.Measure, defaults.MaxSmsSegments))];
        }

        var offer = sms.OfferSummary?.Trim() ?? "";
        return sms.Template == SmsTemplateKind.OfferPromo && shortest.FreeTextKept < offer.Length
            ? [new("Sms.OfferSummary", $"would be cut short to fit {Segments(defaults.MaxSmsSegments)}; shorten it, or raise MaxSmsSegments")]
            : [];
    }

    private static string OverBudget(SmsTemplateKind template, SmsMeasure measure, int budget)
    {
        var name = SmsTemplates.Get(template).Name;
        var callText = template switch
        {
            SmsTemplateKind.ConversationSummary => "summary",
            SmsTemplateKind.AppointmentConfirmation => "appointment location",
            _ => null,
        };
        return callText is null
            ? $"the {name} template with this sender name, brand and its other values needs {measure}, over the account's budget of {Segments(budget)}; shorten them, or raise MaxSmsSegments"
            : $"the {name} template with this sender name and brand needs {measure} when a call's {callText} has a character GSM-7 lacks (the whole text is then UCS-2), over the account's budget of {Segments(budget)}; shorten the sender name or brand, or raise MaxSmsSegments";
    }

    private static string Segments(int count) => count == 1 ? "1 segment" : $"{count} segments";

    /// <summary>The SMS settings' own values: a known template, well-formed overrides, the offer's slots filled.</summary>
    public static IReadOnlyList<FieldError> ValidateSmsValues(SmsFollowUpSettings? sms)
    {
        if (sms is not { Enabled: true })
        {
            return [];
        }

        var errors = new FieldErrors("Sms");
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

    /// <summary>
    /// The template with this campaign's values and the worst a call can bring once shortened: a greeting without the
    /// name, the longest appointment time any zone gives, and a summary or location cut as short as it gets in UCS-2
    /// (one character GSM-7 lacks and "...", or an emoji pair that may not straddle a segment boundary). What fits
    /// here, every call fits.
    /// </summary>
    private static ComposedSms ShortestText(SmsFollowUpSettings sms, FollowUpOptions defaults)
    {
        var slots = new SmsSlotValues
        {
            FirstName = SlotText.NoName,
            SenderName = SlotText.FirstNonBlank(sms.SenderName, defaults.DefaultSenderName) ?? "",
            BrandName = defaults.BrandName?.Trim() ?? "",
            MeetingLink = SlotText.FirstNonBlank(sms.MeetingLink, defaults.DefaultMeetingLink),
            AppointmentTime = AppointmentText.LongestTime,
            OfferSummary = sms.OfferSummary?.Trim(),
            PromoCode = sms.PromoCode?.Trim(),
        };

        var letter = SmsComposer.Compose(sms.Template, slots with { Summary = "\u0141...", AppointmentLocation = "\u0141..." }, defaults.MaxSmsSegments);
        var emoji = SmsComposer.Compose(sms.Template, slots with { Summary = "\U0001F600\U0001F600", AppointmentLocation = "\U0001F600\U0001F600" }, defaults.MaxSmsSegments);
        return !emoji.FitsBudget || emoji.Measure.Segments > letter.Measure.Segments ? emoji : letter;
    }

    private static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);
}
