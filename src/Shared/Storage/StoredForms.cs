// Shared as source by the store packages (FollowUps.Sqlite, FollowUps.PostgreSql): each compiles its own internal copy.
using System.Text.Json.Serialization;

namespace FollowUps.Storage;

// The store's own serialisation of what a row keeps beside its columns: short names, enums as their numbers (the public
// enums number their members for this), times as UTC ticks. Independent of the public JSON shape, so that shape can
// change without a schema version; a change here is a schema version. A member added later has a default, so what an
// older version wrote reads (version 2 added the outcome's DecidedBy and the report's Attempt).

/// <summary>The rendered message of a row: the SMS or the email; its key is the row's.</summary>
internal sealed record StoredMessage(StoredSms? Sms, StoredEmail? Email);

/// <summary>An <see cref="SmsMessage"/> without its key.</summary>
internal sealed record StoredSms(string To, string Body, int Template);

/// <summary>An <see cref="EmailMessage"/> without its key.</summary>
internal sealed record StoredEmail(string To, string FromName, string Subject, string TextBody, string? HtmlBody, string? UnsubscribeUrl);

/// <summary>A <see cref="SuppressionTarget"/>.</summary>
internal sealed record StoredTarget(int Kind, string Value);

/// <summary>A <see cref="FollowUpOutcome"/>.</summary>
internal sealed record StoredOutcome(
    int Kind,
    int Status,
    int Reason,
    string? Detail,
    string? Recipient,
    int? Template,
    string? Subject,
    string? Text,
    StoredMeasure? Measure,
    string? ProviderMessageId,
    string? DecidedBy = null);

/// <summary>An <see cref="SmsMeasure"/>.</summary>
internal sealed record StoredMeasure(int Encoding, int Length, int Segments, IReadOnlyList<string> Ucs2Characters);

/// <summary>A <see cref="DeliveryReport"/>.</summary>
internal sealed record StoredDelivery(string ProviderMessageId, int Status, string? ErrorCode, StoredKey? Key, long ReceivedAt, int? Attempt = null);

/// <summary>A <see cref="FollowUpKey"/>.</summary>
internal sealed record StoredKey(string Account, string Campaign, string Contact, int Kind);

/// <summary>The source-generated serialiser of the stored forms.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StoredMessage))]
[JsonSerializable(typeof(IReadOnlyList<StoredTarget>))]
[JsonSerializable(typeof(StoredOutcome))]
[JsonSerializable(typeof(StoredDelivery))]
internal sealed partial class StoredJsonContext : JsonSerializerContext;
