namespace FollowUps.Normalization;

/// <summary>A contact address after normalisation: the canonical value, or the reason there is none.</summary>
/// <param name="Value">The canonical value when <see cref="Problem"/> is <see cref="OutcomeReason.None"/>.</param>
/// <param name="Problem">Why there is no usable value (missing or malformed).</param>
internal readonly record struct Checked(string? Value, OutcomeReason Problem)
{
    public bool IsUsable => Problem == OutcomeReason.None;

    public static Checked Ok(string value) => new(value, OutcomeReason.None);

    public static Checked Fail(OutcomeReason problem) => new(null, problem);
}
