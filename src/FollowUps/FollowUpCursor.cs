namespace FollowUps;

/// <summary>
/// Where a page of follow-ups ends (<see cref="FollowUpQuery.After"/>): the claim time and key of its last record, in the
/// order follow-ups are listed. Small enough to carry between the requests of an admin page (it serialises to JSON as
/// its two members). Immutable.
/// </summary>
/// <param name="ClaimedAt">The last record's claim time.</param>
/// <param name="Key">The last record's key.</param>
public readonly record struct FollowUpCursor(DateTimeOffset ClaimedAt, FollowUpKey Key)
{
    /// <summary>The cursor after <paramref name="record"/>: the next page starts with the follow-up listed after it.</summary>
    /// <param name="record">The last record of a page.</param>
    /// <returns>The cursor.</returns>
    public static FollowUpCursor After(FollowUpRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.ClaimedAt, record.Key);
    }
}
