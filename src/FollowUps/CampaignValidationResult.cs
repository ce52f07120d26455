namespace FollowUps;

/// <summary>What campaign validation found: errors that stop a channel, and warnings that do not. Immutable.</summary>
public sealed record CampaignValidationResult
{
    /// <summary>A result with no errors and no warnings.</summary>
    public static CampaignValidationResult Valid { get; } = new() { Errors = [] };

    /// <summary>
    /// The problems, each naming its field. A channel whose settings have one is skipped as
    /// <see cref="OutcomeReason.InvalidCampaignSettings"/>. A read-only copy of the list handed in.
    /// </summary>
    public required IReadOnlyList<FieldError> Errors
    {
        get;
        init => field = Array.AsReadOnly([.. value ?? throw new ArgumentNullException(nameof(value))]);
    }

    /// <summary>
    /// Settings that send nothing wrong but are probably not meant, each naming its field: a campaign editor shows them
    /// beside the errors; the engine sends as the settings say. A read-only copy of the list handed in; empty by default.
    /// </summary>
    public IReadOnlyList<FieldWarning> Warnings
    {
        get;
        init => field = Array.AsReadOnly([.. value ?? throw new ArgumentNullException(nameof(value))]);
    } = [];

    /// <summary>Whether there are no errors (warnings do not count).</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The errors and warnings as one line, for logs and exceptions.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var errors = IsValid ? "valid" : string.Join("; ", Errors);
        return Warnings.Count == 0 ? errors : $"{errors}; warnings: {string.Join("; ", Warnings)}";
    }
}
