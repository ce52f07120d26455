namespace FollowUps.Templates;

/// <summary>One email before rendering: the campaign's subject and body templates and the values for their placeholders.</summary>
internal sealed record EmailDraft(string Subject, string Body, EmailValues Values);
