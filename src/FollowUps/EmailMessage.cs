using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using FollowUps.Internal;

namespace FollowUps;

/// <summary>
/// One email ready to go. The from address is the adapter's connected mailbox. Immutable. <see cref="ToString"/> masks the
/// recipient as the logs do (<c>a***@example.com</c>), shows the subject and bodies only as their length (they greet the
/// contact by name) and the unsubscribe link without its token (it encodes the address and unsubscribes whoever follows it).
/// </summary>
public sealed record EmailMessage
{
    /// <summary>The follow-up this message is (its kind says follow-up or missed-call email); stable across retries.</summary>
    public required FollowUpKey Key { get; init; }

    /// <summary>The recipient, a normalised address.</summary>
    public required string To { get; init; }

    /// <summary>The sender name shown in the inbox.</summary>
    public required string FromName { get; init; }

    /// <summary>The subject line.</summary>
    public required string Subject { get; init; }

    /// <summary>The plain-text body.</summary>
    public required string TextBody { get; init; }

    /// <summary>The HTML body, when the message has one.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>
    /// This recipient's one-click unsubscribe link (an absolute https URL), when the account has one configured. A sender
    /// that writes headers should send it as <c>List-Unsubscribe: &lt;url&gt;</c> with
    /// <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c> (RFC 8058); the bodies already show it.
    /// </summary>
    public string? UnsubscribeUrl { get; init; }

    /// <summary>
    /// Which send of its follow-up this is: 1 for the first, 2 for the first retry, and so on; 0 outside the outbox (a
    /// message sent on its own). Set by the outbox for each send and never stored with the message.
    /// </summary>
    [JsonIgnore]
    public int Attempt { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Key = {Key}, To = {Redact.Recipient(To)}, FromName = {FromName}, Subject = {Printed.Length(Subject)}, ");
        builder.Append(CultureInfo.InvariantCulture, $"TextBody = {Printed.Length(TextBody)}, HtmlBody = {Printed.Length(HtmlBody)}, UnsubscribeUrl = {Printed.Link(UnsubscribeUrl)}, Attempt = {Attempt}");
        return true;
    }
}
