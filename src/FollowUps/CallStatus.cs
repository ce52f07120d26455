using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>How a call ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallStatus>))]
public enum CallStatus
{
    /// <summary>A person picked up and a conversation took place.</summary>
    Answered = 0,

    /// <summary>Nobody picked up. Counts as missed.</summary>
    Missed = 1,

    /// <summary>The line was busy. Counts as missed.</summary>
    Busy = 2,

    /// <summary>The phone rang out without an answer. Counts as missed.</summary>
    NoAnswer = 3,

    /// <summary>The call reached voicemail. Not missed, not answered: no follow-up of any kind.</summary>
    Voicemail = 4,

    /// <summary>The call could not be placed (network, invalid number, carrier error).</summary>
    Failed = 5,
}

/// <summary>Helpers for <see cref="CallStatus"/>.</summary>
public static class CallStatusExtensions
{
    /// <summary>Whether the status counts as a missed call: <see cref="CallStatus.Missed"/>, <see cref="CallStatus.Busy"/> or <see cref="CallStatus.NoAnswer"/>.</summary>
    /// <param name="status">The status.</param>
    /// <returns><see langword="true"/> for the missed-call family.</returns>
    public static bool IsMissed(this CallStatus status) =>
        status is CallStatus.Missed or CallStatus.Busy or CallStatus.NoAnswer;
}
