using System.Runtime.CompilerServices;
using FollowUps.Internal;
using FollowUps.Templates;

namespace FollowUps.Rules;

/// <summary>
/// What the planner takes from a campaign and an account's settings alone, worked out once instead of on every call:
/// each channel's refusal (off, or its settings invalid: the full validation, email bodies rendered included), the SMS
/// "no meeting link" skip, and the values the campaign and the account put in the messages. Immutable; thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// The validation that gates a send depends on the campaign's value only; the values in the messages (sender name,
/// brand, meeting link fallback) also depend on the account's settings. So one is kept per (campaign value, settings
/// instance): campaign settings are records compared by value (three nested records of strings, flags and an enum; no
/// collection, so value equality is complete), and a changed campaign (a <c>with</c> copy) is a new key, checked anew.
/// <see cref="FollowUpOptions"/> is a mutable class compared by reference: its instance is its version. The engine
/// makes a new instance each time it reads an account (<c>AccountSettings.Of</c>) and never changes one it handed out,
/// and a caller of the planner must not change settings it has planned with.
/// </para>
/// <para>
/// Bounded as the template caches are (<see cref="BoundedCache{TKey,TValue}"/>: the latest 1,024 keys, then it starts
/// over), with a <see cref="RecentByIdentity{TKey,TValue}"/> in front, so a host that passes the same objects call after
/// call does not even hash the campaign's texts.
/// </para>
/// </remarks>
internal sealed class PreparedCampaign
{
    private static readonly RecentByIdentity<(CampaignFollowUpSettings Campaign, FollowUpOptions Settings), PreparedCampaign> Prepared = new(
        new(1024, key => new PreparedCampaign(key.Campaign, key.Settings)),
        key => RuntimeHelpers.GetHashCode(key.Campaign) ^ RuntimeHelpers.GetHashCode(key.Settings),
        (a, b) => ReferenceEquals(a.Campaign, b.Campaign) && ReferenceEquals(a.Settings, b.Settings));

    private PreparedCampaign(CampaignFollowUpSettings campaign, FollowUpOptions settings)
    {
        var sms = campaign.Sms ?? SmsFollowUpSettings.Disabled;
        SmsTemplate = sms.Template;
        SmsRefused = Refusal(FollowUpKind.Sms, sms.Enabled, "The campaign has SMS follow-ups off.", () => CampaignValidator.ValidateSmsValues(sms));
        if (SmsRefused is null)
        {
            NoMeetingLink = CampaignValidator.NeedsMeetingLinkButHasNone(sms, settings)
                ? new(FollowUpKind.Sms, OutcomeReason.NoMeetingLink, $"The {SmsTemplates.Get(sms.Template).Name} template needs a meeting link, and neither the campaign nor the account sets one.")
                : null;
            SmsSlots = new()
            {
                FirstName = SlotText.NoName,
                SenderName = SlotText.FirstNonBlank(sms.SenderName, settings.DefaultSenderName)!,
                BrandName = settings.BrandName.Trim(),
                MeetingLink = SlotText.FirstNonBlank(sms.MeetingLink, settings.DefaultMeetingLink),
                OfferSummary = sms.Template == SmsTemplateKind.OfferPromo ? sms.OfferSummary!.Trim() : null,
                PromoCode = sms.Template == SmsTemplateKind.OfferPromo ? sms.PromoCode!.Trim() : null,
            };
        }

        var email = campaign.Email ?? EmailFollowUpSettings.Disabled;
        Email = email;
        EmailRefused = Refusal(FollowUpKind.Email, email.Enabled, "The campaign has email follow-ups off.", () => EmailValidator.ValidateEmail(campaign));

        var missed = campaign.MissedCallEmail ?? MissedCallEmailSettings.Disabled;
        MissedCallEmail = missed;
        MissedCallEmailRefused = Refusal(FollowUpKind.MissedCallEmail, missed.Enabled, "The campaign has missed-call emails off.", () => EmailValidator.ValidateMissedCallEmail(campaign));

        if (EmailRefused is null || MissedCallEmailRefused is null)
        {
            EmailValues = new(
                FirstName: SlotText.NoName,
                FromName: EmailValidator.FromName(campaign, settings),
                SenderName: SlotText.FirstNonBlank(campaign.Sms?.SenderName, settings.DefaultSenderName)!,
                Brand: settings.BrandName.Trim(),
                MeetingLink: EmailValidator.MeetingLink(campaign));
        }
    }

    /// <summary>The SMS skip every call gets (channel off, settings invalid), or <see langword="null"/>.</summary>
    public Skip? SmsRefused { get; }

    /// <summary>The campaign's template.</summary>
    public SmsTemplateKind SmsTemplate { get; }

    /// <summary>The skip for a template that needs a meeting link nobody sets, or <see langword="null"/>.</summary>
    public Skip? NoMeetingLink { get; }

    /// <summary>The slots the campaign and the account fill (the first name is the call's); set when the SMS is not refused.</summary>
    public SmsSlotValues? SmsSlots { get; }

    /// <summary>The email follow-up's settings.</summary>
    public EmailFollowUpSettings Email { get; }

    /// <summary>The email skip every call gets, or <see langword="null"/>.</summary>
    public Skip? EmailRefused { get; }

    /// <summary>The missed-call email's settings.</summary>
    public MissedCallEmailSettings MissedCallEmail { get; }

    /// <summary>The missed-call email skip every call gets, or <see langword="null"/>.</summary>
    public Skip? MissedCallEmailRefused { get; }

    /// <summary>The placeholder values both emails share (the first name is the call's); set when either email is not refused.</summary>
    public EmailValues? EmailValues { get; }

    /// <summary>The prepared form of <paramref name="campaign"/> under <paramref name="settings"/>: made once, then remembered.</summary>
    public static PreparedCampaign For(CampaignFollowUpSettings campaign, FollowUpOptions settings) => Prepared.Get((campaign, settings));

    private static Skip? Refusal(FollowUpKind kind, bool enabled, string off, Func<IReadOnlyList<FieldError>> validate)
    {
        if (!enabled)
        {
            return new(kind, OutcomeReason.ChannelDisabled, off);
        }

        var errors = validate();
        return errors.Count > 0
            ? new(kind, OutcomeReason.InvalidCampaignSettings, $"The campaign's settings are invalid: {string.Join("; ", errors)}.")
            : null;
    }
}
