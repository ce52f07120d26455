namespace FollowUps;

/// <summary>One variable slot of a fixed SMS template. Immutable.</summary>
/// <param name="Name">The placeholder name in <see cref="SmsTemplate.Text"/>, such as <c>meeting_link</c>.</param>
/// <param name="Description">What goes in it, for a campaign editor.</param>
/// <param name="Source">Where its value comes from.</param>
public sealed record SmsTemplateSlot(string Name, string Description, SlotSource Source);
