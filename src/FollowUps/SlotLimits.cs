namespace FollowUps;

/// <summary>The length limits the engine enforces on slot values and email copy, so a campaign editor can show them.</summary>
public static class SlotLimits
{
    /// <summary>Longest sender name or brand name, in characters.</summary>
    public const int SenderName = 40;

    /// <summary>Longest meeting link, in characters.</summary>
    public const int MeetingLink = 200;

    /// <summary>Longest offer summary, in characters.</summary>
    public const int OfferSummary = 120;

    /// <summary>Longest promo code, in characters.</summary>
    public const int PromoCode = 20;

    /// <summary>Longest conversation summary put in an SMS; longer ones are cut at a word boundary.</summary>
    public const int Summary = 300;

    /// <summary>Longest appointment location, in characters.</summary>
    public const int Location = 120;

    /// <summary>Longest first name used in a greeting; a longer one is replaced by a neutral greeting.</summary>
    public const int FirstName = 30;

    /// <summary>Longest email from name, in characters.</summary>
    public const int FromName = 64;

    /// <summary>Longest email subject, in characters.</summary>
    public const int Subject = 150;

    /// <summary>Longest email body, in characters.</summary>
    public const int Body = 10_000;

    /// <summary>Longest postal address shown at the foot of emails, in characters.</summary>
    public const int PostalAddress = 300;
}
