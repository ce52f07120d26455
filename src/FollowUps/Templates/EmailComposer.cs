namespace FollowUps.Templates;

/// <summary>Turns an email draft into the message a sender takes: the body with the meeting link, if any, as its last line.</summary>
internal static class EmailComposer
{
    public static EmailMessage Compose(FollowUpKey key, string to, EmailDraft draft)
    {
        var body = draft.Body.ReplaceLineEndings("\n").Trim();
        if (draft.MeetingLink is { } link)
        {
            body = $"{body}\n\nBook a time: {link}";
        }

        return new EmailMessage
        {
            Key = key,
            To = to,
            FromName = draft.FromName,
            Subject = draft.Subject,
            TextBody = body,
        };
    }
}
