namespace FollowUps;

/// <summary>What a contact said when asked on the call whether they want a follow-up on a channel.</summary>
public enum ConsentStatus
{
    /// <summary>The agent did not ask (the default).</summary>
    NotAsked,

    /// <summary>The contact agreed.</summary>
    Granted,

    /// <summary>The contact said no.</summary>
    Declined,
}
