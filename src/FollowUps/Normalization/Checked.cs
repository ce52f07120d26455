namespace FollowUps.Normalization;

/// <summary>A contact address after normalisation: the canonical value, or the reason there is none.</summary>
/// <param name="Value">
/// The canonical value when <see cref="Problem"/> is <see cref="OutcomeReason.None"/>. Beside a problem, the canonical
/// form of a value that could be read but must not be sent to (a phone number that parses but is not a valid number):
/// not an address, but still an identifier the do-not-contact list is checked by.
/// </param>
/// <param name="Problem">Why there is no usable value (missing or malformed).</param>
internal readonly record struct Checked(string? Value, OutcomeReason Problem)
{
    public bool IsUsable => Problem == OutcomeReason.None;

    public static Checked Ok(string value) => new(value, OutcomeReason.None);

    public static Checked Fail(OutcomeReason problem) => new(null, problem);
}
