using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>The three kinds of follow-up; each goes to a contact at most once per campaign.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FollowUpKind>))]
public enum FollowUpKind
{
    /// <summary>The consent-gated text after an answered call.</summary>
    Sms = 0,

    /// <summary>The consent-gated email after an answered call.</summary>
    Email = 1,

    /// <summary>The email after a missed call; needs no consent.</summary>
    MissedCallEmail = 2,
}
