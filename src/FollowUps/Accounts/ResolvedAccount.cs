using FollowUps.Templates;

namespace FollowUps.Accounts;

/// <summary>An account's validated settings, with what the engine builds from them once per read (its email composer).</summary>
internal sealed class ResolvedAccount(FollowUpOptions settings)
{
    public FollowUpOptions Settings { get; } = settings;

    public EmailComposer Emails { get; } = new(settings);
}
