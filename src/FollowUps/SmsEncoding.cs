using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>How a text message is encoded on the carrier network, which decides how much fits in one segment.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SmsEncoding>))]
public enum SmsEncoding
{
    /// <summary>The GSM 03.38 7-bit alphabet: 160 septets in a single segment, 153 per segment when split.</summary>
    Gsm7 = 0,

    /// <summary>UCS-2 (UTF-16 code units), used as soon as one character is outside GSM-7: 70 in a single segment, 67 per segment when split.</summary>
    Ucs2 = 1,
}
