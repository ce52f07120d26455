namespace FollowUps.Rules;

/// <summary>
/// The detail of a skip for a call that ended the wrong way for a kind ("The call ended as Missed; an SMS needs an
/// answered call."), written once per kind and status instead of formatted on every call. Thread-safe.
/// </summary>
internal static class NotAnswered
{
    private static readonly CallStatus[] Statuses = Enum.GetValues<CallStatus>();

    private static readonly string[][] Details = [Written(FollowUpKind.Sms), Written(FollowUpKind.Email), Written(FollowUpKind.MissedCallEmail)];

    /// <summary>Why a call that ended as <paramref name="status"/> gets no follow-up of <paramref name="kind"/>.</summary>
    public static string For(FollowUpKind kind, CallStatus status) =>
        (uint)kind < (uint)Details.Length && (uint)status < (uint)Details[(int)kind].Length && Statuses[(int)status] == status
            ? Details[(int)kind][(int)status]
            : Format(kind, status);

    private static string[] Written(FollowUpKind kind) => [.. Statuses.Select(status => Format(kind, status))];

    private static string Format(FollowUpKind kind, CallStatus status) => kind switch
    {
        FollowUpKind.Sms => $"The call ended as {status}; an SMS needs an answered call.",
        FollowUpKind.Email => $"The call ended as {status}; an email follow-up needs an answered call.",
        _ => $"The call ended as {status}; a missed-call email needs a missed, busy or unanswered call.",
    };
}
