namespace FollowUps;

/// <summary>What a do-not-contact entry matches on.</summary>
public enum SuppressionTargetKind
{
    /// <summary>The host's contact id.</summary>
    ContactId,

    /// <summary>A phone number, in E.164.</summary>
    Phone,

    /// <summary>An email address, normalised (trimmed, lower case).</summary>
    Email,
}
