namespace FollowUps.Samples;

/// <summary>The shape of calls.json: a do-not-contact list, the campaigns by id, and the calls to replay in order.</summary>
internal sealed record ReplayFile
{
    public IReadOnlyList<DoNotContactEntry> Suppressed { get; init; } = [];

    public required IReadOnlyDictionary<string, CampaignFollowUpSettings> Campaigns { get; init; }

    public required IReadOnlyList<CallCompleted> Calls { get; init; }
}
