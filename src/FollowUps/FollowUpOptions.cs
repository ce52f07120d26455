using System.ComponentModel.DataAnnotations;

namespace FollowUps;

/// <summary>
/// Account-wide defaults, bound from configuration and validated at start-up. A campaign override wins;
/// these fill a blank.
/// </summary>
public sealed class FollowUpOptions
{
    /// <summary>The brand every SMS names, such as "Acme Dental". Required.</summary>
    [Required]
    [StringLength(SlotLimits.SenderName)]
    public string BrandName { get; set; } = "";

    /// <summary>The sender name used when a campaign sets none, such as "Dana". Required.</summary>
    [Required]
    [StringLength(SlotLimits.SenderName)]
    public string DefaultSenderName { get; set; } = "";

    /// <summary>The scheduling link used when a campaign sets none. Optional; an absolute https URL.</summary>
    public string? DefaultMeetingLink { get; set; }

    /// <summary>
    /// The ISO 3166 region used to read phone numbers dialled without a country code. Default <c>US</c>.
    /// </summary>
    [Required]
    public string DefaultRegion { get; set; } = "US";
}
