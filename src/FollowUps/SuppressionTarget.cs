namespace FollowUps;

/// <summary>One identifier a do-not-contact entry matches: a contact id, an E.164 phone or a normalised email.</summary>
/// <param name="Kind">What <paramref name="Value"/> is.</param>
/// <param name="Value">The normalised value. Stores compare it ordinally.</param>
public readonly record struct SuppressionTarget(SuppressionTargetKind Kind, string Value);
