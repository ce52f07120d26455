namespace FollowUps;

/// <summary>One text message ready to go. Immutable.</summary>
public sealed record SmsMessage
{
    /// <summary>The follow-up this message is; stable across retries, so adapters can derive ids from it.</summary>
    public required FollowUpKey Key { get; init; }

    /// <summary>The recipient in E.164, such as <c>+14155550100</c>.</summary>
    public required string To { get; init; }

    /// <summary>The rendered text.</summary>
    public required string Body { get; init; }

    /// <summary>The template it was rendered from.</summary>
    public required SmsTemplateKind Template { get; init; }
}
