namespace FollowUps;

/// <summary>The problems found in a campaign's settings. Immutable.</summary>
public sealed record CampaignValidationResult
{
    /// <summary>A result with no problems.</summary>
    public static CampaignValidationResult Valid { get; } = new() { Errors = [] };

    /// <summary>The problems, each naming its field. A read-only copy of the list handed in.</summary>
    public required IReadOnlyList<FieldError> Errors
    {
        get;
        init => field = Array.AsReadOnly([.. value ?? throw new ArgumentNullException(nameof(value))]);
    }

    /// <summary>Whether there are none.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The problems as one line, for logs and exceptions.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsValid ? "valid" : string.Join("; ", Errors);
}
