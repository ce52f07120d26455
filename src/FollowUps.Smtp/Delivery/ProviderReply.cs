namespace FollowUps.Smtp.Delivery;

/// <summary>
/// Recognises the Gmail and Microsoft 365 replies whose basic code misleads: a daily sending limit answered with 5xx, which
/// passes (retried after <see cref="DailyLimitWindow"/>), and Microsoft's "send as denied", which no retry fixes. Each gets
/// a sentence saying what it means.
/// </summary>
internal static class ProviderReply
{
    /// <summary>
    /// How long to wait after a daily sending limit: the limit counts recipients over a rolling 24 hours, so capacity comes
    /// back gradually as the oldest sends age out, not all at once a day later; an hour lets some through soon without
    /// asking the provider again every few minutes.
    /// </summary>
    public static readonly TimeSpan DailyLimitWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// The result for <paramref name="reply"/> (the code and the server's text) when <paramref name="text"/> is one of the
    /// known replies, else null.
    /// </summary>
    public static SendResult? ToResult(string reply, string text)
    {
        // Gmail: "550 5.4.5 Daily user sending limit exceeded" (or "quota"): recipients counted over a rolling 24 hours.
        // RFC 3463 X.4.5 is "mail system congestion", a condition that passes, whatever the first digit says.
        if (text.StartsWith("5.4.5 ", StringComparison.Ordinal))
        {
            return DailyLimit(reply);
        }

        // Microsoft 365: "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException", 10,000 recipients a day.
        if (text.Contains("SubmissionQuotaExceeded", StringComparison.OrdinalIgnoreCase))
        {
            return DailyLimit(reply);
        }

        // Microsoft 365: "554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException": the signed-in mailbox may not send
        // as the from address. Every message fails the same way until the configuration changes.
        if (text.Contains("SendAsDenied", StringComparison.OrdinalIgnoreCase))
        {
            return SendResult.PermanentFailure(
                $"{reply} The signed-in mailbox may not send as the from address: set FollowUps:Smtp:FromAddress to the mailbox FollowUps:Smtp:UserName signs in as, or give that mailbox Send As permission for the address.");
        }

        return null;
    }

    private static SendResult DailyLimit(string reply) => SendResult.RetryLater(
        $"{reply} The mailbox has reached its provider's daily sending limit (counted over a rolling 24 hours); the message was not sent and can be sent once the window has passed, within 24 hours.",
        DailyLimitWindow);
}
