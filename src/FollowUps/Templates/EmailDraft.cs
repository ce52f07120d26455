namespace FollowUps.Templates;

/// <summary>The copy of one email, resolved from the campaign and the defaults.</summary>
internal sealed record EmailDraft(string FromName, string Subject, string Body, string? MeetingLink);
