namespace FollowUps;

/// <summary>
/// Who asked for an operator's action, and why: kept with the outcome it writes (<see cref="FollowUpOutcome.DecidedBy"/>,
/// <see cref="FollowUpOutcome.Detail"/>) and so in the follow-up's history. Immutable.
/// </summary>
public sealed record OperatorNote
{
    /// <summary>The longest <see cref="By"/>: 200 characters.</summary>
    public const int MaxByLength = 200;

    /// <summary>The longest <see cref="Reason"/>: 1,000 characters.</summary>
    public const int MaxReasonLength = 1_000;

    /// <summary>Creates a note.</summary>
    /// <param name="by">Who asked, as the host names its users (an email, a user id).</param>
    /// <param name="reason">Why, in their words.</param>
    /// <exception cref="ArgumentException">Either is blank or longer than its limit.</exception>
    public OperatorNote(string by, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (by.Length > MaxByLength)
        {
            throw new ArgumentException($"Who asked may be at most {MaxByLength} characters; it was {by.Length}.", nameof(by));
        }

        if (reason.Length > MaxReasonLength)
        {
            throw new ArgumentException($"The reason may be at most {MaxReasonLength} characters; it was {reason.Length}.", nameof(reason));
        }

        (By, Reason) = (by.Trim(), reason.Trim());
    }

    /// <summary>Who asked.</summary>
    public string By { get; }

    /// <summary>Why.</summary>
    public string Reason { get; }
}
