using FollowUps.Internal;

namespace FollowUps;

/// <summary>One identifier a do-not-contact entry matches: a contact id, an E.164 phone or a normalised email.</summary>
/// <param name="Kind">What <paramref name="Value"/> is.</param>
/// <param name="Value">The normalised value. Stores compare it ordinally.</param>
public readonly record struct SuppressionTarget(SuppressionTargetKind Kind, string Value)
{
    /// <summary>The target for logs and exceptions: a phone or email masked as the logs mask it, a contact id as it is.</summary>
    /// <returns>The text, such as <c>Phone +1******2671</c>.</returns>
    public override string ToString() => $"{Kind} {(Kind == SuppressionTargetKind.ContactId ? Value : Redact.Recipient(Value))}";
}
