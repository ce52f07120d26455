using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using FollowUps.Internal;

namespace FollowUps;

/// <summary>
/// One text message ready to go. Immutable. <see cref="ToString"/> masks the recipient as the logs do (<c>+1******2671</c>)
/// and shows the body only as its length: it greets the contact by name.
/// </summary>
public sealed record SmsMessage
{
    /// <summary>The follow-up this message is; stable across retries, so adapters can derive ids from it.</summary>
    public required FollowUpKey Key { get; init; }

    /// <summary>The recipient in E.164, such as <c>+14155550100</c>.</summary>
    public required string To { get; init; }

    /// <summary>The rendered text.</summary>
    public required string Body { get; init; }

    /// <summary>The template it was rendered from.</summary>
    public required SmsTemplateKind Template { get; init; }

    /// <summary>
    /// Which send of its follow-up this is: 1 for the first, 2 for the first retry, and so on; 0 outside the outbox (a
    /// message sent on its own). Set by the outbox for each send and never stored with the message. An adapter tags its
    /// provider request with it (FollowUps.Twilio puts it in the status callback URL), so a late report names its attempt.
    /// </summary>
    [JsonIgnore]
    public int Attempt { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Key = {Key}, To = {Redact.Recipient(To)}, Body = {Printed.Length(Body)}, Template = {Template}, Attempt = {Attempt}");
        return true;
    }
}
