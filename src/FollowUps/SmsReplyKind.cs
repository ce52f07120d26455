using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>What an inbound SMS reply from a contact asks for. <see cref="SmsReplies.Classify"/> decides it.</summary>
/// <remarks>The numbers are stable: hosts may store them.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<SmsReplyKind>))]
public enum SmsReplyKind
{
    /// <summary>Anything else: an ordinary reply, for the host to read. Also an empty or missing body.</summary>
    Other = 0,

    /// <summary>Stop texting me: the contact withdraws SMS consent, from this reply on.</summary>
    OptOut = 1,

    /// <summary>Start texting me again (START, UNSTOP or YES, alone): lifts an earlier opt-out, and grants nothing else.</summary>
    OptIn = 2,

    /// <summary>A request for help (HELP or INFO, alone): answer with who is texting and how to opt out.</summary>
    Help = 3,
}
