using System.ComponentModel.DataAnnotations;

namespace FollowUps;

/// <summary>
/// Account-wide defaults, set in code (<c>AddFollowUps(o =&gt; ...)</c>) or bound from a configuration section
/// (<c>AddFollowUps(configuration.GetSection("FollowUps"))</c>), and validated at start-up. A campaign override wins;
/// these fill a blank.
/// </summary>
public sealed class FollowUpOptions
{
    /// <summary>The brand every SMS names, such as "Acme Dental". Required.</summary>
    public string BrandName { get; set; } = "";

    /// <summary>The sender name used when a campaign sets none, such as "Dana". Required.</summary>
    public string DefaultSenderName { get; set; } = "";

    /// <summary>
    /// The scheduling link the Meeting Request and Next Step SMS templates use when a campaign sets none. Optional; an
    /// absolute https URL. Emails use only their campaign's <see cref="EmailFollowUpSettings.MeetingLink"/>.
    /// </summary>
    public string? DefaultMeetingLink { get; set; }

    /// <summary>
    /// The ISO 3166 region used to read phone numbers dialled without a country code. Default <c>US</c>.
    /// </summary>
    public string DefaultRegion { get; set; } = "US";

    /// <summary>
    /// The most segments one SMS may take (carriers bill each). Default 3: every template fits with typical names and
    /// links even in UCS-2 (201 code units), and a GSM-7 text up to 459 septets. A longer text has its free-text slot
    /// (summary, offer or appointment location) shortened, or greets without the name, whichever keeps more; one that
    /// still does not fit is skipped as <see cref="OutcomeReason.OverSegmentBudget"/>. From 1 to 10.
    /// </summary>
    [Range(1, 10)]
    public int MaxSmsSegments { get; set; } = 3;

    /// <summary>
    /// The account's postal address, printed at the foot of every email (the US CAN-SPAM Act asks commercial email to
    /// show one). Optional; line breaks are kept; at most <see cref="SlotLimits.PostalAddress"/> characters.
    /// </summary>
    public string? PostalAddress { get; set; }

    /// <summary>
    /// The host's unsubscribe page, an absolute https URL without a fragment, such as
    /// <c>https://acme.example/unsubscribe</c>. Optional. When set, every email carries its recipient's link to it (the URL
    /// with a signed <c>token</c> query parameter added) at its foot and in <c>List-Unsubscribe</c> headers for one-click
    /// unsubscribe (RFC 8058); the page hands the token to <see cref="ISuppressionList.UnsubscribeAsync"/>. Needs
    /// <see cref="UnsubscribeSigningKey"/>.
    /// </summary>
    public string? UnsubscribeUrl { get; set; }

    /// <summary>
    /// The secret that signs unsubscribe tokens (HMAC-SHA256), at least 32 characters; required with
    /// <see cref="UnsubscribeUrl"/>. Keep it in a secret store; changing it makes the links in emails already sent invalid.
    /// </summary>
    public string? UnsubscribeSigningKey { get; set; }

    /// <summary>
    /// Keys that signed unsubscribe links before <see cref="UnsubscribeSigningKey"/> replaced them: tokens they signed
    /// still unsubscribe, so the links in emails sent before a rotation keep working (the US CAN-SPAM Act asks for 30
    /// days). New links are always signed with <see cref="UnsubscribeSigningKey"/>. Default none.
    /// </summary>
    public IList<string> RetiredUnsubscribeSigningKeys { get; } = [];
}
