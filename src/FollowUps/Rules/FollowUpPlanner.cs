using FollowUps.Templates;

namespace FollowUps.Rules;

/// <summary>
/// The rules: for each kind of follow-up, send or skip with a reason. Pure (no I/O, no clock), so each rule is a
/// plain function to test. The checks run in the order a reader would ask them: is the channel on and configured,
/// is the contact suppressed, did the call go the right way, did the contact consent, where does it go, is there
/// something to say.
/// </summary>
internal static class FollowUpPlanner
{
    public static FollowUpPlan Plan(PlanningInput input)
    {
        if (input.CallProblem is { } problem)
        {
            return FollowUpPlan.SkipAll(OutcomeReason.InvalidCall, $"The call record is incomplete: {problem}.");
        }

        return new(PlanSms(input), PlanEmail(input), PlanMissedCallEmail(input));
    }

    private static Decision PlanSms(PlanningInput input)
    {
        const FollowUpKind kind = FollowUpKind.Sms;
        var (call, defaults) = (input.Call, input.Defaults);
        var sms = input.Campaign.Sms ?? SmsFollowUpSettings.Disabled;

        if (!sms.Enabled)
        {
            return new Skip(kind, OutcomeReason.ChannelDisabled, "The campaign has SMS follow-ups off.");
        }

        if (Gate(kind, CampaignValidator.ValidateSmsValues(sms), input) is { } gated)
        {
            return gated;
        }

        if (call.Status != CallStatus.Answered)
        {
            return new Skip(kind, OutcomeReason.CallNotAnswered, $"The call ended as {call.Status}; an SMS needs an answered call.");
        }

        if (call.Transcript is not { Count: > 0 })
        {
            return new Skip(kind, OutcomeReason.NoTranscript, "The answered call has no transcript to trace consent in.");
        }

        if (ConsentRule.Check(kind, call, call.Consent?.Sms) is { } noConsent)
        {
            return noConsent;
        }

        if (!input.Addresses.Phone.IsUsable)
        {
            return AddressSkip(kind, input.Addresses.Phone.Problem);
        }

        if (CampaignValidator.NeedsMeetingLinkButHasNone(sms, defaults))
        {
            return new Skip(kind, OutcomeReason.NoMeetingLink, $"The {SmsTemplates.Get(sms.Template).Name} template needs a meeting link, and neither the campaign nor the account sets one.");
        }

        var slots = new SmsSlotValues
        {
            FirstName = SlotText.FirstName(call.Contact.FirstName),
            SenderName = SlotText.FirstNonBlank(sms.SenderName, defaults.DefaultSenderName)!,
            BrandName = defaults.BrandName.Trim(),
            MeetingLink = SlotText.FirstNonBlank(sms.MeetingLink, defaults.DefaultMeetingLink),
        };

        return sms.Template switch
        {
            SmsTemplateKind.AppointmentConfirmation => WithAppointment(input.Addresses.Phone.Value!, call.Appointment, input.Now, slots),
            SmsTemplateKind.ConversationSummary => WithSummary(input.Addresses.Phone.Value!, call.Summary, slots),
            SmsTemplateKind.OfferPromo => new SendSms(input.Addresses.Phone.Value!, sms.Template, slots with
            {
                OfferSummary = sms.OfferSummary!.Trim(),
                PromoCode = sms.PromoCode!.Trim(),
            }),
            _ => new SendSms(input.Addresses.Phone.Value!, sms.Template, slots),
        };
    }

    private static Decision WithAppointment(string to, Appointment? appointment, DateTimeOffset now, SmsSlotValues slots)
    {
        const FollowUpKind kind = FollowUpKind.Sms;
        if (appointment is null)
        {
            return new Skip(kind, OutcomeReason.NoAppointment, "The call booked no appointment to confirm.");
        }

        if (appointment.StartsAt <= now)
        {
            return new Skip(kind, OutcomeReason.NoAppointment, "The appointment is not in the future, so there is nothing to confirm.");
        }

        if (!AppointmentText.TryFormatTime(appointment, out var time))
        {
            return new Skip(kind, OutcomeReason.NoAppointment, $"The appointment's time zone '{appointment.TimeZone}' is not a known IANA time zone.");
        }

        var location = SlotText.Shorten(SlotText.Clean(appointment.Location), SlotLimits.Location);
        return location.Length == 0
            ? new Skip(kind, OutcomeReason.NoAppointment, "The appointment has no location.")
            : new SendSms(to, SmsTemplateKind.AppointmentConfirmation, slots with { AppointmentTime = time, AppointmentLocation = location });
    }

    private static Decision WithSummary(string to, string? summary, SmsSlotValues slots)
    {
        var text = SlotText.Shorten(SlotText.Clean(summary), SlotLimits.Summary);
        return text.Length == 0
            ? new Skip(FollowUpKind.Sms, OutcomeReason.NoSummary, "The call produced no summary to recap.")
            : new SendSms(to, SmsTemplateKind.ConversationSummary, slots with { Summary = text });
    }

    private static Decision PlanEmail(PlanningInput input)
    {
        const FollowUpKind kind = FollowUpKind.Email;
        var call = input.Call;
        var email = input.Campaign.Email ?? EmailFollowUpSettings.Disabled;

        if (!email.Enabled)
        {
            return new Skip(kind, OutcomeReason.ChannelDisabled, "The campaign has email follow-ups off.");
        }

        if (Gate(kind, EmailValidator.ValidateEmail(input.Campaign), input) is { } gated)
        {
            return gated;
        }

        if (call.Status != CallStatus.Answered)
        {
            return new Skip(kind, OutcomeReason.CallNotAnswered, $"The call ended as {call.Status}; an email follow-up needs an answered call.");
        }

        if (!email.AskForEmail)
        {
            return new Skip(kind, OutcomeReason.AskForEmailOff, "The campaign does not ask for email on the call, so no contact can consent to one.");
        }

        if (call.Transcript is not { Count: > 0 })
        {
            return new Skip(kind, OutcomeReason.NoTranscript, "The answered call has no transcript to trace consent in.");
        }

        if (ConsentRule.Check(kind, call, call.Consent?.Email) is { } noConsent)
        {
            return noConsent;
        }

        // The address the contact gave on the call wins; the one on file is the fallback.
        var (captured, onFile) = (input.Addresses.CapturedEmail, input.Addresses.EmailOnFile);
        var to = captured.IsUsable ? captured : onFile;
        if (!to.IsUsable)
        {
            var reason = captured.Problem == OutcomeReason.InvalidEmailAddress ? captured.Problem : onFile.Problem;
            return AddressSkip(kind, reason);
        }

        return new SendEmail(kind, to.Value!, new EmailDraft(email.Subject!, email.Body!, EmailValuesFor(input), ClosesWithMeetingLink: true));
    }

    private static Decision PlanMissedCallEmail(PlanningInput input)
    {
        const FollowUpKind kind = FollowUpKind.MissedCallEmail;
        var call = input.Call;
        var missed = input.Campaign.MissedCallEmail ?? MissedCallEmailSettings.Disabled;

        if (!missed.Enabled)
        {
            return new Skip(kind, OutcomeReason.ChannelDisabled, "The campaign has missed-call emails off.");
        }

        if (Gate(kind, EmailValidator.ValidateMissedCallEmail(input.Campaign), input) is { } gated)
        {
            return gated;
        }

        if (!call.Status.IsMissed())
        {
            return new Skip(kind, OutcomeReason.CallNotMissed, $"The call ended as {call.Status}; a missed-call email needs a missed, busy or unanswered call.");
        }

        var onFile = input.Addresses.EmailOnFile;
        if (!onFile.IsUsable)
        {
            return AddressSkip(kind, onFile.Problem);
        }

        return new SendEmail(kind, onFile.Value!, new EmailDraft(missed.Subject!, missed.Body!, EmailValuesFor(input), ClosesWithMeetingLink: false));
    }

    /// <summary>The placeholder values both emails share: campaign overrides first, account defaults after.</summary>
    private static EmailValues EmailValuesFor(PlanningInput input)
    {
        var (campaign, defaults) = (input.Campaign, input.Defaults);
        return new EmailValues(
            FirstName: SlotText.FirstName(input.Call.Contact.FirstName),
            FromName: EmailValidator.FromName(campaign, defaults),
            SenderName: SlotText.FirstNonBlank(campaign.Sms?.SenderName, defaults.DefaultSenderName)!,
            Brand: defaults.BrandName.Trim(),
            MeetingLink: EmailValidator.MeetingLink(campaign));
    }

    /// <summary>The checks every kind shares once its channel is on: valid settings, and a contact not on the do-not-contact list.</summary>
    private static Skip? Gate(FollowUpKind kind, IReadOnlyList<FieldError> settingsErrors, PlanningInput input)
    {
        if (settingsErrors.Count > 0)
        {
            return new Skip(kind, OutcomeReason.InvalidCampaignSettings, $"The campaign's settings are invalid: {string.Join("; ", settingsErrors)}.");
        }

        return input.Suppression is { } entry
            ? new Skip(kind, OutcomeReason.Suppressed, $"The contact is on the do-not-contact list (by {entry.Target.Kind}, {entry.Reason}).")
            : null;
    }

    private static Skip AddressSkip(FollowUpKind kind, OutcomeReason problem) => new(kind, problem, problem switch
    {
        OutcomeReason.NoPhoneNumber => "The contact has no phone number.",
        OutcomeReason.InvalidPhoneNumber => "The contact's phone number cannot be read as a valid number.",
        OutcomeReason.NoEmailAddress => kind == FollowUpKind.Email
            ? "The contact gave no email address on the call and has none on file."
            : "The contact has no email address on file.",
        _ => "The contact's email address is malformed.",
    });
}
