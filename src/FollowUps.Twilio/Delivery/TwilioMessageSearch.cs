using Twilio.Base;
using Twilio.Clients;
using Twilio.Http;
using HttpMethod = Twilio.Http.HttpMethod;
using Twilio.Rest;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace FollowUps.Twilio.Delivery;

/// <summary>
/// Settles an unknown send by reading the account's messages to its number: the only proof Twilio offers, since it has
/// no idempotency key. Kept are outbound messages created since the attempt began (less <see cref="Margin"/> for clock
/// skew) from the configured number or Messaging Service (one may have no From yet); at most <see cref="MaxPages"/> pages
/// of <see cref="PageSize"/>, every one read whatever the list's order. Through the Messaging Service any such message is
/// found, whatever its body (a service may rewrite or redact it); from the configured number with no service involved,
/// Twilio keeps the body as sent, so only one with the stored body or a blank one (the account's message redaction) is
/// found, and one with another text (the host's own, another follow-up's) is not (<see cref="TwilioMessageEvidence"/>).
/// The stored body is preferred among those found. None is absent only once the attempt is older than the validity period
/// plus <see cref="Margin"/> (Twilio can no longer send it), no status callback came, no message from the configured
/// number with another text and no outbound message from another sender of the account was created in that window (either
/// is no proof, but may be this attempt's, rewritten or sent before the sender was changed), and the attempt's
/// start is known (a row from an older schema has only its claim); otherwise, cannot tell. Twilio's errors throw as the
/// SDK's exceptions, for the sender to map. Thread-safe.
/// </summary>
internal static class TwilioMessageSearch
{
    /// <summary>Messages per page read.</summary>
    public const int PageSize = 50;

    /// <summary>Pages read at most; a contact with more messages than this cannot be told about.</summary>
    public const int MaxPages = 3;

    /// <summary>Allowance for clock skew between this host and Twilio, and for Twilio's queue and list to catch up.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The answer about <paramref name="unknown"/>'s last attempt, by reading the messages of <paramref name="account"/>
    /// (its subaccount, when it names one) through <paramref name="client"/> at <paramref name="now"/>; each message was
    /// sent with <paramref name="validityPeriod"/>.
    /// </summary>
    public static async Task<Reconciliation> ReconcileAsync(FollowUpRecord unknown, TwilioAccount account, TimeSpan validityPeriod, ITwilioRestClient client, DateTimeOffset now)
    {
        var sms = unknown.Sms ?? throw new ArgumentException("Only an SMS follow-up can be looked for at Twilio.", nameof(unknown));
        var started = unknown.AttemptStartedAt ?? unknown.ClaimedAt;
        var since = started - Margin;
        var accountSid = account.MessagesAccountSid;
        var options = new ReadMessageOptions { PathAccountSid = accountSid, To = new PhoneNumber(sms.To), PageSize = PageSize };
        var request = new Request(HttpMethod.Get, Domain.Api, $"/2010-04-01/Accounts/{accountSid}/Messages.json", queryParams: options.GetParams());
        var read = 0;
        MessageResource? found = null;
        MessageResource? otherText = null;
        MessageResource? otherSender = null;
        for (var pages = 1; ; pages++)
        {
            var response = await client.RequestAsync(request).ConfigureAwait(false);
            var page = Page<MessageResource>.FromJson("messages", response.Content);
            read += page.Records.Count;
            foreach (var message in page.Records.Where(m => IsOutboundSince(m, since)).OrderBy(m => m.DateCreated))
            {
                switch (Proof(message, sms, account))
                {
                    case TwilioMessageEvidence.SameBody:
                        return Found(message, unknown);
                    case TwilioMessageEvidence.Sent:
                        found ??= message;
                        break;
                    case TwilioMessageEvidence.OtherText:
                        otherText ??= message;
                        break;
                    default:
                        otherSender ??= message;
                        break;
                }
            }

            if (!page.HasNextPage())
            {
                break;
            }

            if (pages == MaxPages)
            {
                return found is not null
                    ? Found(found, unknown)
                    : Reconciliation.CannotTell($"Twilio lists more than {read} messages to the contact and none of the first {read} is this attempt's, so it cannot tell; it is asked again.");
            }

            request = new Request(HttpMethod.Get, page.GetNextPageUrl(Domain.Api));
        }

        if (found is not null)
        {
            return Found(found, unknown);
        }

        var settledAt = started + validityPeriod + Margin;
        if (unknown.Delivery is not null)
        {
            return Reconciliation.CannotTell($"Twilio lists no message of attempt {unknown.Attempts} to the contact, but a status callback came for message {unknown.Delivery.ProviderMessageId}; it is asked again.");
        }

        if (otherText is not null)
        {
            return Reconciliation.CannotTell($"Twilio lists no message of attempt {unknown.Attempts} with its text, but message {otherText.Sid} from the configured number to the contact was created since it began ({Created(otherText):u}) with another text; Twilio keeps a number's text as sent, so it is likely the host's own or another follow-up's, yet it may be this attempt's if something rewrote it, so it is not sent again: an operator decides.");
        }

        if (otherSender is not null)
        {
            return Reconciliation.CannotTell($"Twilio lists no message of attempt {unknown.Attempts} from the configured sender, but message {otherSender.Sid} to the contact {Unproven(otherSender)}; it may be this attempt's, sent before the sender was changed, so it is not sent again: an operator decides.");
        }

        if (unknown.AttemptStartedAt is null)
        {
            return Reconciliation.CannotTell($"Twilio lists no message to the contact since the follow-up was claimed ({started:u}), but attempt {unknown.Attempts}'s start is unknown (the row predates it), so its validity period cannot be judged and it is not sent again: an operator decides.");
        }

        return now >= settledAt
            ? Reconciliation.Absent($"Twilio lists no message to the contact created since attempt {unknown.Attempts} began ({started:u}), and its validity period ({validityPeriod}) has passed, so Twilio can no longer send one.")
            : Reconciliation.CannotTell($"Twilio lists no message to the contact yet; one sent by attempt {unknown.Attempts} could still appear until {settledAt:u}, when its validity period has passed.", settledAt - now);
    }

    /// <summary>
    /// Whether <paramref name="message"/> is outbound and created since <paramref name="since"/>: one that may be this
    /// attempt's, whoever sent it. One with no creation date cannot be placed, so it counts.
    /// </summary>
    private static bool IsOutboundSince(MessageResource message, DateTimeOffset since) =>
        message.Direction?.ToString().StartsWith("outbound", StringComparison.Ordinal) == true
        && (message.DateCreated is null || Created(message) >= since);

    /// <summary>
    /// What <paramref name="message"/>, outbound in the window, proves about the follow-up: through the configured
    /// Messaging Service any body is <see cref="TwilioMessageEvidence.Sent"/> (a service may rewrite or redact it); from the configured
    /// number with no service involved, Twilio keeps the body as sent, so only the stored body or a blank one (redacted by
    /// the account's message redaction) is, and another text is <see cref="TwilioMessageEvidence.OtherText"/>.
    /// </summary>
    private static TwilioMessageEvidence Proof(MessageResource message, SmsMessage sms, TwilioAccount settings)
    {
        if (message.DateCreated is null || !string.Equals(message.To, sms.To, StringComparison.Ordinal))
        {
            return TwilioMessageEvidence.None;
        }

        var sameBody = string.Equals(message.Body, sms.Body, StringComparison.Ordinal);
        var service = message.MessagingServiceSid;
        if (!string.IsNullOrWhiteSpace(settings.MessagingServiceSid) && string.Equals(service, settings.MessagingServiceSid, StringComparison.Ordinal))
        {
            return sameBody ? TwilioMessageEvidence.SameBody : TwilioMessageEvidence.Sent;
        }

        if (string.IsNullOrWhiteSpace(settings.FromNumber) || !string.Equals(message.From?.ToString(), settings.FromNumber, StringComparison.Ordinal))
        {
            return TwilioMessageEvidence.None;
        }

        return sameBody ? TwilioMessageEvidence.SameBody
            : string.IsNullOrWhiteSpace(message.Body) || !string.IsNullOrWhiteSpace(service) ? TwilioMessageEvidence.Sent
            : TwilioMessageEvidence.OtherText;
    }

    private static Reconciliation Found(MessageResource message, FollowUpRecord unknown) =>
        Reconciliation.Found(message.Sid, $"Twilio has message {message.Sid} ({message.Status}) to the contact, created {Created(message):u} since attempt {unknown.Attempts} began, so it was sent.");

    /// <summary>Why <paramref name="message"/>, outbound in the window but not ours, proves nothing: who sent it, as Twilio shows it.</summary>
    private static string Unproven(MessageResource message)
    {
        var sender = (message.From?.ToString(), message.MessagingServiceSid) switch
        {
            ({ Length: > 0 } from, { Length: > 0 } service) => $"{from}, Messaging Service {service}",
            ({ Length: > 0 } from, _) => from,
            (_, { Length: > 0 } service) => $"Messaging Service {service}",
            _ => "no sender shown",
        };
        return message.DateCreated is null
            ? $"({sender}) has no creation date, so it may have been created since it began"
            : $"from another sender of the account ({sender}) was created since it began";
    }

    /// <summary>
    /// When Twilio created <paramref name="message"/>. The SDK parses Twilio's RFC 2822 date (always GMT) into a local
    /// <see cref="DateTime"/>; one without a kind is taken as UTC, as Twilio writes it.
    /// </summary>
    private static DateTimeOffset Created(MessageResource message)
    {
        var created = message.DateCreated!.Value;
        return created.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc))
            : new DateTimeOffset(created.ToUniversalTime(), TimeSpan.Zero);
    }
}
