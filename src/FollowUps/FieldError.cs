namespace FollowUps;

/// <summary>One problem with one field of the campaign settings. Immutable.</summary>
/// <param name="Field">The field's path, such as <c>Sms.MeetingLink</c>.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record FieldError(string Field, string Message)
{
    /// <summary>The error as <c>Field: Message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Field}: {Message}";
}
