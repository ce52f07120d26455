namespace FollowUps.Smtp.Tests.Support;

/// <summary>Follow-up emails for tests; <c>n</c> makes the key and recipient distinct.</summary>
internal static class Emails
{
    public static EmailMessage Create(int n = 1, string? to = null, string fromName = "Dana at Acme Dental", string? subject = null, string? htmlBody = null, string? unsubscribeUrl = null) => new()
    {
        Key = new FollowUpKey("account-1", "campaign-1", $"contact-{n}", FollowUpKind.Email),
        To = to ?? $"contact{n}@example.com",
        FromName = fromName,
        Subject = subject ?? $"Thanks for your call ({n})",
        TextBody = $"Hi, thanks for talking with us today. Reference {n}.",
        HtmlBody = htmlBody,
        UnsubscribeUrl = unsubscribeUrl,
    };

    /// <summary>Email <paramref name="n"/> of <paramref name="accountId"/>, to <c>{accountId}-contact{n}@example.com</c>.</summary>
    public static EmailMessage For(string accountId, int n) => Create(n, to: $"{accountId}-contact{n}@example.com") with
    {
        Key = new FollowUpKey(accountId, "campaign-1", $"contact-{n}", FollowUpKind.Email),
    };
}
