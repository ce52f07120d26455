namespace FollowUps;

/// <summary>What a provider said about a send whose outcome was unknown (<see cref="ISendReconciler"/>). Immutable.</summary>
public sealed record Reconciliation
{
    private Reconciliation(ReconciliationVerdict verdict, string detail, string? providerMessageId, TimeSpan? askAgainAfter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(detail);
        (Verdict, Detail, ProviderMessageId, AskAgainAfter) = (verdict, detail, providerMessageId, askAgainAfter);
    }

    /// <summary>Found, absent, or cannot tell.</summary>
    public ReconciliationVerdict Verdict { get; }

    /// <summary>What the provider showed, in a sentence for the follow-up's outcome and history.</summary>
    public string Detail { get; }

    /// <summary>The provider's id of the message found; <see langword="null"/> unless <see cref="ReconciliationVerdict.Found"/>.</summary>
    public string? ProviderMessageId { get; }

    /// <summary>
    /// For cannot tell: when asking again can first tell more (such as when a provider's queue can no longer hold the
    /// message); <see langword="null"/> to ask again after <see cref="FollowUpDeliveryOptions.ReconcileInterval"/>.
    /// </summary>
    public TimeSpan? AskAgainAfter { get; }

    /// <summary>The provider has the message: the follow-up is recorded as sent with <paramref name="providerMessageId"/>.</summary>
    /// <param name="providerMessageId">The provider's id of the message found.</param>
    /// <param name="detail">What was found, in a sentence.</param>
    /// <returns>The answer.</returns>
    public static Reconciliation Found(string providerMessageId, string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerMessageId);
        return new(ReconciliationVerdict.Found, detail, providerMessageId, null);
    }

    /// <summary>The provider does not have the message and can no longer create or send it: the follow-up is sent again.</summary>
    /// <param name="detail">What was checked, in a sentence.</param>
    /// <returns>The answer.</returns>
    public static Reconciliation Absent(string detail) => new(ReconciliationVerdict.Absent, detail, null, null);

    /// <summary>The provider cannot tell yet: the follow-up stays unknown and is asked about again.</summary>
    /// <param name="detail">Why not, in a sentence.</param>
    /// <param name="askAgainAfter">When asking again can first tell more; <see langword="null"/> for the usual interval.</param>
    /// <returns>The answer.</returns>
    public static Reconciliation CannotTell(string detail, TimeSpan? askAgainAfter = null)
    {
        if (askAgainAfter is { } after)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(after, TimeSpan.Zero, nameof(askAgainAfter));
        }

        return new(ReconciliationVerdict.CannotTell, detail, null, askAgainAfter);
    }
}
