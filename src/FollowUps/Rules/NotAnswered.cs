namespace FollowUps.Rules;

/// <summary>
/// The skip of a follow-up whose call ended the wrong way for its kind ("The call ended as Missed; an SMS needs an
/// answered call."): made once per kind and status, its outcome with it, instead of on every call. Thread-safe.
/// </summary>
internal static class NotAnswered
{
    private static readonly CallStatus[] Statuses = Enum.GetValues<CallStatus>();

    private static readonly Skip[][] Skips = [Made(FollowUpKind.Sms), Made(FollowUpKind.Email), Made(FollowUpKind.MissedCallEmail)];

    /// <summary>
    /// Why a call that ended as <paramref name="status"/> gets no follow-up of <paramref name="kind"/>: the call was not
    /// answered (an SMS, an email), or not missed (a missed-call email).
    /// </summary>
    public static Skip Skip(FollowUpKind kind, CallStatus status) =>
        (uint)kind < (uint)Skips.Length && (uint)status < (uint)Skips[(int)kind].Length && Statuses[(int)status] == status
            ? Skips[(int)kind][(int)status]
            : Make(kind, status);

    /// <summary>The sentence of <see cref="Skip"/>.</summary>
    public static string For(FollowUpKind kind, CallStatus status) => Skip(kind, status).Detail;

    private static Skip[] Made(FollowUpKind kind) => [.. Statuses.Select(status => Make(kind, status))];

    private static Skip Make(FollowUpKind kind, CallStatus status) => kind switch
    {
        FollowUpKind.Sms => new(kind, OutcomeReason.CallNotAnswered, $"The call ended as {status}; an SMS needs an answered call."),
        FollowUpKind.Email => new(kind, OutcomeReason.CallNotAnswered, $"The call ended as {status}; an email follow-up needs an answered call."),
        _ => new(kind, OutcomeReason.CallNotMissed, $"The call ended as {status}; a missed-call email needs a missed, busy or unanswered call."),
    };
}
