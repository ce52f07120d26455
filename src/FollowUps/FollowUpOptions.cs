using System.ComponentModel.DataAnnotations;

namespace FollowUps;

/// <summary>
/// Account-wide defaults, bound from configuration (section "FollowUps" by convention) and validated at start-up.
/// A campaign override wins; these fill a blank.
/// </summary>
public sealed class FollowUpOptions
{
    /// <summary>The brand every SMS names, such as "Acme Dental". Required.</summary>
    public string BrandName { get; set; } = "";

    /// <summary>The sender name used when a campaign sets none, such as "Dana". Required.</summary>
    public string DefaultSenderName { get; set; } = "";

    /// <summary>The scheduling link used when a campaign sets none. Optional; an absolute https URL.</summary>
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
}
