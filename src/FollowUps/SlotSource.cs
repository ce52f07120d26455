namespace FollowUps;

/// <summary>Where a template slot's value comes from.</summary>
public enum SlotSource
{
    /// <summary>The campaign's settings, falling back to the account default where one exists.</summary>
    Campaign,

    /// <summary>The account-wide options.</summary>
    Account,

    /// <summary>The contact record.</summary>
    Contact,

    /// <summary>What the call produced (transcript analysis).</summary>
    Call,
}
