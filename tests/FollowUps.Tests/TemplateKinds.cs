namespace FollowUps.Tests;

/// <summary>Theory data: each of the five SMS templates.</summary>
public static class TemplateKinds
{
    public static TheoryData<SmsTemplateKind> All { get; } = [.. Enum.GetValues<SmsTemplateKind>()];
}
