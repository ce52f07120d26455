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
    /// <summary>The skip of an answered call without a transcript, per kind (made once, its outcome with it).</summary>
    private static readonly Skip[] NoTranscripts = [.. Enum.GetValues<FollowUpKind>().Select(kind => new Skip(kind, OutcomeReason.NoTranscript, "The answered call has no transcript to trace consent in."))];

    public static FollowUpPlan Plan(PlanningInput input)
    {
        if (input.CallProblem is { } problem)
        {
            return FollowUpPlan.SkipAll(OutcomeReason.InvalidCall, $"The call record is incomplete: {problem}.");
        }

        var campaign = PreparedCampaign.For(input.Campaign, input.Defaults);
        return new(PlanSms(input, campaign), PlanEmail(input, campaign), PlanMissedCallEmail(input, campaign));
    }

    private static Decision PlanSms(PlanningInput input, PreparedCampaign campaign)
    {
        const FollowUpKind kind = FollowUpKind.Sms;
        var call = input.Call;
        if ((campaign.SmsRefused ?? Suppressed(kind, input)) is { } gated)
        {
            return gated;
        }

        if (call.Status != CallStatus.Answered)
        {
            return NotAnswered.Skip(kind, call.Status);
        }

        if (call.Transcript is not { Count: > 0 })
        {
            return NoTranscript(kind);
        }

        if (ConsentRule.Check(kind, call, call.Consent?.Sms) is { } noConsent)
        {
            return noConsent;
        }

        if (!input.Addresses.Phone.IsUsable)
        {
            return AddressSkip(kind, input.Addresses.Phone.Problem);
        }

        if (campaign.NoMeetingLink is { } noLink)
        {
            return noLink;
        }

        var (to, template, slots) = (input.Addresses.Phone.Value!, campaign.SmsTemplate, campaign.SmsSlots!.Value);
        var firstName = SlotText.FirstName(call.Contact.FirstName);
        return template switch
        {
            SmsTemplateKind.AppointmentConfirmation => WithAppointment(to, call.Appointment, input.Now, slots, firstName),
            SmsTemplateKind.ConversationSummary => WithSummary(to, call.Summary, slots, firstName),
            _ => new SendSms(to, template, slots with { FirstName = firstName }),
        };
    }

    private static Decision WithAppointment(string to, Appointment? appointment, DateTimeOffset now, SmsSlotValues slots, string firstName)
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
            : new SendSms(to, SmsTemplateKind.AppointmentConfirmation, slots with { FirstName = firstName, AppointmentTime = time, AppointmentLocation = location });
    }

    private static Decision WithSummary(string to, string? summary, SmsSlotValues slots, string firstName)
    {
        var text = SlotText.Shorten(SlotText.Clean(summary), SlotLimits.Summary);
        return text.Length == 0
            ? new Skip(FollowUpKind.Sms, OutcomeReason.NoSummary, "The call produced no summary to recap.")
            : new SendSms(to, SmsTemplateKind.ConversationSummary, slots with { FirstName = firstName, Summary = text });
    }

    private static Decision PlanEmail(PlanningInput input, PreparedCampaign campaign)
    {
        const FollowUpKind kind = FollowUpKind.Email;
        var call = input.Call;
        if ((campaign.EmailRefused ?? Suppressed(kind, input)) is { } gated)
        {
            return gated;
        }

        if (call.Status != CallStatus.Answered)
        {
            return NotAnswered.Skip(kind, call.Status);
        }

        var email = campaign.Email;
        if (!email.AskForEmail)
        {
            return new Skip(kind, OutcomeReason.AskForEmailOff, "The campaign does not ask for email on the call, so no contact can consent to one.");
        }

        if (call.Transcript is not { Count: > 0 })
        {
            return NoTranscript(kind);
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

        return new SendEmail(kind, to.Value!, new EmailDraft(email.Subject!, email.Body!, ValuesFor(input, campaign), ClosesWithMeetingLink: true));
    }

    private static Decision PlanMissedCallEmail(PlanningInput input, PreparedCampaign campaign)
    {
        const FollowUpKind kind = FollowUpKind.MissedCallEmail;
        var call = input.Call;
        if ((campaign.MissedCallEmailRefused ?? Suppressed(kind, input)) is { } gated)
        {
            return gated;
        }

        if (!call.Status.IsMissed())
        {
            return NotAnswered.Skip(kind, call.Status);
        }

        var onFile = input.Addresses.EmailOnFile;
        if (!onFile.IsUsable)
        {
            return AddressSkip(kind, onFile.Problem);
        }

        var missed = campaign.MissedCallEmail;
        return new SendEmail(kind, onFile.Value!, new EmailDraft(missed.Subject!, missed.Body!, ValuesFor(input, campaign), ClosesWithMeetingLink: false));
    }

    /// <summary>The placeholder values both emails share: the call's first name, and the campaign's and account's values prepared once.</summary>
    private static EmailValues ValuesFor(PlanningInput input, PreparedCampaign campaign) =>
        campaign.EmailValues!.Value with { FirstName = SlotText.FirstName(input.Call.Contact.FirstName) };

    /// <summary>The check every kind makes once its channel is on and its settings valid: a contact not on the do-not-contact list.</summary>
    private static Skip? Suppressed(FollowUpKind kind, PlanningInput input) =>
        input.Suppression is { } entry
            ? new Skip(kind, OutcomeReason.Suppressed, $"The contact is on the do-not-contact list (by {entry.Target.Kind}, {entry.Reason}).")
            : null;

    private static Skip NoTranscript(FollowUpKind kind) => NoTranscripts[(int)kind];

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
