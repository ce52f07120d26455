using System.Text.Json;

namespace FollowUps.Storage;

/// <summary>Converts between the public records and their stored forms (the records in StoredForms.cs). Pure.</summary>
internal static class StoredConvert
{
    public static string Message(FollowUpRecord record) => JsonSerializer.Serialize(
        new StoredMessage(
            record.Sms is { } sms ? new StoredSms(sms.To, sms.Body, (int)sms.Template) : null,
            record.Email is { } email ? new StoredEmail(email.To, email.FromName, email.Subject, email.TextBody, email.HtmlBody, email.UnsubscribeUrl) : null),
        StoredJsonContext.Default.StoredMessage);

    public static (SmsMessage? Sms, EmailMessage? Email) Message(FollowUpKey key, string json)
    {
        var stored = JsonSerializer.Deserialize(json, StoredJsonContext.Default.StoredMessage) ?? throw new JsonException("The message is null.");
        var sms = stored.Sms is { } s ? new SmsMessage { Key = key, To = s.To, Body = s.Body, Template = Defined<SmsTemplateKind>(s.Template) } : null;
        var email = stored.Email is { } e
            ? new EmailMessage { Key = key, To = e.To, FromName = e.FromName, Subject = e.Subject, TextBody = e.TextBody, HtmlBody = e.HtmlBody, UnsubscribeUrl = e.UnsubscribeUrl }
            : null;
        return (sms, email);
    }

    public static string Targets(IEnumerable<SuppressionTarget> targets) =>
        JsonSerializer.Serialize<IReadOnlyList<StoredTarget>>([.. targets.Select(t => new StoredTarget((int)t.Kind, t.Value))], StoredJsonContext.Default.IReadOnlyListStoredTarget);

    public static IReadOnlyList<SuppressionTarget> Targets(string json) =>
        [.. (JsonSerializer.Deserialize(json, StoredJsonContext.Default.IReadOnlyListStoredTarget) ?? throw new JsonException("The targets are null."))
            .Select(t => new SuppressionTarget(Defined<SuppressionTargetKind>(t.Kind), t.Value))];

    public static object Outcome(FollowUpOutcome? outcome) => outcome is null ? DBNull.Value : JsonSerializer.Serialize(
        new StoredOutcome(
            (int)outcome.Kind, (int)outcome.Status, (int)outcome.Reason, outcome.Detail, outcome.Recipient, (int?)outcome.Template, outcome.Subject, outcome.Text,
            outcome.SmsMeasure is { } m ? new StoredMeasure((int)m.Encoding, m.Length, m.Segments, m.Ucs2Characters) : null,
            outcome.ProviderMessageId,
            outcome.DecidedBy),
        StoredJsonContext.Default.StoredOutcome);

    public static FollowUpOutcome? Outcome(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var o = JsonSerializer.Deserialize(json, StoredJsonContext.Default.StoredOutcome) ?? throw new JsonException("The outcome is null.");
        return new FollowUpOutcome
        {
            Kind = Defined<FollowUpKind>(o.Kind),
            Status = Defined<OutcomeStatus>(o.Status),
            Reason = Defined<OutcomeReason>(o.Reason),
            Detail = o.Detail,
            Recipient = o.Recipient,
            Template = o.Template is { } template ? Defined<SmsTemplateKind>(template) : null,
            Subject = o.Subject,
            Text = o.Text,
            SmsMeasure = o.Measure is { } m ? new SmsMeasure { Encoding = Defined<SmsEncoding>(m.Encoding), Length = m.Length, Segments = m.Segments, Ucs2Characters = m.Ucs2Characters } : null,
            ProviderMessageId = o.ProviderMessageId,
            DecidedBy = o.DecidedBy,
        };
    }

    public static string Delivery(DeliveryReport report) => JsonSerializer.Serialize(
        new StoredDelivery(
            report.ProviderMessageId, (int)report.Status, report.ErrorCode,
            report.Key is { } k ? new StoredKey(k.AccountId, k.CampaignId, k.ContactId, (int)k.Kind) : null,
            Ticks.Of(report.ReceivedAt),
            report.Attempt),
        StoredJsonContext.Default.StoredDelivery);

    public static DeliveryReport? Delivery(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var d = JsonSerializer.Deserialize(json, StoredJsonContext.Default.StoredDelivery) ?? throw new JsonException("The delivery report is null.");
        return new DeliveryReport
        {
            ProviderMessageId = d.ProviderMessageId,
            Status = Defined<DeliveryStatus>(d.Status),
            ErrorCode = d.ErrorCode,
            Key = d.Key is { } k ? new FollowUpKey(k.Account, k.Campaign, k.Contact, Defined<FollowUpKind>(k.Kind)) : null,
            ReceivedAt = Ticks.Time(d.ReceivedAt),
            Attempt = d.Attempt,
        };
    }

    /// <summary>The member of <typeparamref name="TEnum"/> numbered <paramref name="value"/>; a number it has no member for is a corrupt row.</summary>
    public static TEnum Defined<TEnum>(long value)
        where TEnum : struct, Enum
    {
        var member = (TEnum)Enum.ToObject(typeof(TEnum), value);
        return Enum.IsDefined(member) ? member : throw new JsonException($"{value} is not a {typeof(TEnum).Name}.");
    }
}
