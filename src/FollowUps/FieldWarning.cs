namespace FollowUps;

/// <summary>
/// Something in the campaign settings that does not stop a send but is almost certainly not what its author meant,
/// such as an email that can never go out. Immutable.
/// </summary>
/// <param name="Field">The field's path, such as <c>Email.AskForEmail</c>.</param>
/// <param name="Message">What happens because of it and how to change it.</param>
public sealed record FieldWarning(string Field, string Message)
{
    /// <summary>The warning as <c>Field: Message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Field}: {Message}";
}
