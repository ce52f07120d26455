namespace FollowUps;

/// <summary>One of the five fixed SMS templates, as a campaign editor shows it. Immutable.</summary>
public sealed record SmsTemplate
{
    /// <summary>Which template.</summary>
    public required SmsTemplateKind Kind { get; init; }

    /// <summary>Its display name, such as "Meeting Request".</summary>
    public required string Name { get; init; }

    /// <summary>What it is best for.</summary>
    public required string Purpose { get; init; }

    /// <summary>The fixed wording, with <c>{{ slot }}</c> placeholders. Users never change it.</summary>
    public required string Text { get; init; }

    /// <summary>Every slot the wording uses, in order of appearance. A read-only copy of the list handed in.</summary>
    public required IReadOnlyList<SmsTemplateSlot> Slots
    {
        get;
        init => field = Array.AsReadOnly([.. value ?? throw new ArgumentNullException(nameof(value))]);
    }
}
