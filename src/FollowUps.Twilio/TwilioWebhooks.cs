using FollowUps.Internal;
using FollowUps.Twilio.Accounts;
using FollowUps.Twilio.Delivery;
using FollowUps.Twilio.Inbound;
using FollowUps.Twilio.Internal;
using Microsoft.Extensions.Logging;

namespace FollowUps.Twilio;

/// <summary>
/// Handles Twilio's webhooks, framework-neutral: inbound replies (STOP and its kin put the number on the do-not-contact
/// list at once; START lifts an opt-out) and delivery status callbacks (which move a follow-up forward only). Every
/// request is routed to a FollowUps account and must carry a valid <c>X-Twilio-Signature</c>, checked with that
/// account's auth token (<see cref="ITwilioCredentials"/>; <see cref="TwilioSmsOptions.AuthToken"/> in the
/// single-account setup), or its <see cref="TwilioCredentials.PreviousAuthToken"/> during a rotation: a request signed
/// with another account's token is refused. An exception from <see cref="ITwilioCredentials"/> propagates (an endpoint
/// answers 500). Registered by <c>AddTwilioSms</c>; ASP.NET Core hosts map it with <c>MapTwilioWebhooks</c>. Thread-safe.
/// </summary>
public sealed class TwilioWebhooks
{
    /// <summary>Twilio's "unsubscribed recipient" error, also reported in status callbacks.</summary>
    private const string OptedOutCode = "21610";

    private readonly ITwilioCredentials _credentials;
    private readonly ISuppressionList _suppressions;
    private readonly IFollowUpStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the handler; the container does this.</summary>
    /// <param name="credentials">Each account's credentials; its auth token (or the previous one) checks signatures.</param>
    /// <param name="suppressions">The do-not-contact list.</param>
    /// <param name="store">The store delivery reports go to.</param>
    /// <param name="time">The clock delivery reports are stamped with.</param>
    /// <param name="logger">The logger.</param>
    public TwilioWebhooks(ITwilioCredentials credentials, ISuppressionList suppressions, IFollowUpStore store, TimeProvider time, ILogger<TwilioWebhooks> logger)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(suppressions);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        (_credentials, _suppressions, _store, _time, _logger) = (credentials, suppressions, store, time, logger);
    }

    /// <summary>
    /// Handles a message a contact sent to one of the account's numbers. The reply is read with
    /// <see cref="SmsReplies.Classify"/> (or Twilio's own <c>OptOutType</c> when Advanced Opt-Out is on): an opt-out adds
    /// the sender's number to <paramref name="accountId"/>'s do-not-contact list (reason
    /// <see cref="SuppressionReason.OptOutReply"/>); an opt-in removes it, but only an entry an opt-out reply or a provider's
    /// refusal made, never one the host added.
    /// </summary>
    /// <param name="accountId">
    /// The FollowUps account the number belongs to; put it in the webhook URL, which the signature covers. The signature
    /// is checked with this account's auth token.
    /// </param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was done, and so what to answer.</returns>
    public async Task<TwilioWebhookOutcome> HandleInboundMessageAsync(string accountId, TwilioWebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentNullException.ThrowIfNull(request);
        if (!await IsSignedAsync(accountId, request, cancellationToken).ConfigureAwait(false))
        {
            return TwilioWebhookOutcome.SignatureInvalid;
        }

        var from = request.Form.GetValueOrDefault("From");
        if (string.IsNullOrWhiteSpace(from))
        {
            return Malformed(request, "it has no From number");
        }

        var reply = request.Form.GetValueOrDefault("OptOutType")?.Trim().ToUpperInvariant() switch
        {
            "STOP" => SmsReplyKind.OptOut,
            "START" => SmsReplyKind.OptIn,
            _ => SmsReplies.Classify(request.Form.GetValueOrDefault("Body")),
        };
        Log.Reply(_logger, Redact.Recipient(from), reply, accountId);
        try
        {
            return reply switch
            {
                SmsReplyKind.OptOut => await OptOutAsync(accountId, from, cancellationToken).ConfigureAwait(false),
                SmsReplyKind.OptIn => await OptInAsync(accountId, from, cancellationToken).ConfigureAwait(false),
                _ => TwilioWebhookOutcome.Ignored,
            };
        }
        catch (ArgumentException ex) when (ex.ParamName == "value")
        {
            return Malformed(request, "its From is not a phone number"); // ISuppressionList's refusal of the value.
        }
    }

    /// <summary>
    /// Handles a delivery status callback: records <c>MessageStatus</c> (and <c>ErrorCode</c>) on the follow-up the
    /// callback URL names (the sender puts the key and the attempt there), else on the one sent as <c>MessageSid</c>; only
    /// when it moves the follow-up forward, so late and repeated callbacks change nothing. A callback about an earlier
    /// attempt than the follow-up's last (one that reached Twilio after all) is kept in its history as that attempt's and
    /// logged as a warning: the contact may have got the follow-up twice. A callback whose <c>ErrorCode</c> is 21610
    /// (the contact opted out with Twilio) and whose URL names the follow-up puts the <c>To</c> number on that account's
    /// do-not-contact list, as a send refused with 21610 does.
    /// </summary>
    /// <remarks>
    /// The account is the one the callback URL's <c>followup=</c> names (the sender puts it there, and the signature
    /// covers it), and the signature is checked with its auth token; in the single-account setup, a URL naming none is
    /// checked with <see cref="TwilioSmsOptions.AuthToken"/>, otherwise it is <see cref="TwilioWebhookOutcome.Malformed"/>.
    /// With many accounts, prefer <see cref="HandleAccountStatusCallbackAsync"/>.
    /// </remarks>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was done, and so what to answer.</returns>
    public async Task<TwilioWebhookOutcome> HandleStatusCallbackAsync(TwilioWebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accountId = StatusCallbackUrl.KeyIn(request.Url)?.AccountId;
        if (accountId is null && _credentials is not OptionsTwilioCredentials)
        {
            return Malformed(request, "its URL names no follow-up, so no account's auth token can check it; map status callbacks per account");
        }

        return await HandleStatusAsync(accountId ?? "", request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Handles a delivery status callback to <paramref name="accountId"/>'s URL, as
    /// <see cref="HandleStatusCallbackAsync(TwilioWebhookRequest, CancellationToken)"/> does, with the signature checked
    /// with that account's auth token. A callback whose URL names a follow-up of another account is
    /// <see cref="TwilioWebhookOutcome.Malformed"/>: one account's webhook never changes another's follow-ups.
    /// </summary>
    /// <param name="accountId">The FollowUps account whose status callback URL (<see cref="TwilioAccount.StatusCallbackUrl"/>) was called.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was done, and so what to answer.</returns>
    public async Task<TwilioWebhookOutcome> HandleAccountStatusCallbackAsync(string accountId, TwilioWebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentNullException.ThrowIfNull(request);
        return await HandleStatusAsync(accountId, request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TwilioWebhookOutcome> HandleStatusAsync(string accountId, TwilioWebhookRequest request, CancellationToken cancellationToken)
    {
        if (!await IsSignedAsync(accountId, request, cancellationToken).ConfigureAwait(false))
        {
            return TwilioWebhookOutcome.SignatureInvalid;
        }

        if (StatusCallbackUrl.KeyIn(request.Url) is { } named && accountId.Length > 0 && named.AccountId != accountId)
        {
            Log.OtherAccountsCallback(_logger, accountId);
            return Malformed(request, "its URL names a follow-up of another account");
        }

        var messageSid = request.Form.GetValueOrDefault("MessageSid");
        if (string.IsNullOrWhiteSpace(messageSid))
        {
            return Malformed(request, "it has no MessageSid");
        }

        if (TwilioMessageStatus.ToDeliveryStatus(request.Form.GetValueOrDefault("MessageStatus")) is not { } status)
        {
            return TwilioWebhookOutcome.DeliveryStale;
        }

        // A callback naming no follow-up is matched by its message id store-wide: on an account's route, only to that
        // account's follow-ups (its token can sign any message id).
        if (accountId.Length > 0 && StatusCallbackUrl.KeyIn(request.Url) is null
            && await _store.FindByProviderMessageIdAsync(messageSid, cancellationToken).ConfigureAwait(false) is { } sent && sent.Key.AccountId != accountId)
        {
            Log.OtherAccountsCallback(_logger, accountId);
            return Malformed(request, "its message is another account's");
        }

        var report = new DeliveryReport
        {
            ProviderMessageId = messageSid,
            Status = status,
            ErrorCode = request.Form.GetValueOrDefault("ErrorCode") is { Length: > 0 } code ? code : null,
            Key = StatusCallbackUrl.KeyIn(request.Url),
            Attempt = StatusCallbackUrl.AttemptIn(request.Url),
            ReceivedAt = _time.GetUtcNow(),
        };
        var update = await _store.RecordDeliveryAsync(report, cancellationToken).ConfigureAwait(false);
        Log.Delivery(_logger, messageSid, status, update);
        if (update == DeliveryUpdate.OtherAttempt)
        {
            Log.OtherAttempt(_logger, messageSid, status, report.Attempt, report.Key?.ToString());
        }
        if (report is { ErrorCode: OptedOutCode, Key: { } key } && request.Form.GetValueOrDefault("To") is { Length: > 0 } to)
        {
            // Twilio refused this message because the contact opted out with it: as when a send gets 21610 at once.
            await _suppressions.AddAsync(key.AccountId, SuppressionTargetKind.Phone, to, SuppressionReason.ProviderOptOut, cancellationToken).ConfigureAwait(false);
        }

        return update switch
        {
            DeliveryUpdate.Applied => TwilioWebhookOutcome.DeliveryRecorded,
            DeliveryUpdate.Stale => TwilioWebhookOutcome.DeliveryStale,
            DeliveryUpdate.OtherAttempt => TwilioWebhookOutcome.DeliveryOtherAttempt,
            _ => TwilioWebhookOutcome.DeliveryUnknownMessage,
        };
    }

    private async Task<TwilioWebhookOutcome> OptOutAsync(string accountId, string from, CancellationToken cancellationToken)
    {
        await _suppressions.AddAsync(accountId, SuppressionTargetKind.Phone, from, SuppressionReason.OptOutReply, cancellationToken).ConfigureAwait(false);
        return TwilioWebhookOutcome.OptedOut;
    }

    private async Task<TwilioWebhookOutcome> OptInAsync(string accountId, string from, CancellationToken cancellationToken)
    {
        var entry = await _suppressions.FindAsync(accountId, SuppressionTargetKind.Phone, from, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return TwilioWebhookOutcome.Ignored;
        }

        if (entry.Reason is not (SuppressionReason.OptOutReply or SuppressionReason.ProviderOptOut))
        {
            Log.OptInKeptSuppression(_logger, Redact.Recipient(from), accountId, entry.Reason);
            return TwilioWebhookOutcome.Ignored;
        }

        await _suppressions.RemoveAsync(accountId, SuppressionTargetKind.Phone, from, cancellationToken).ConfigureAwait(false);
        return TwilioWebhookOutcome.OptedIn;
    }

    /// <summary>Whether the request is signed with the account's auth token, or its previous one during a rotation.</summary>
    private async Task<bool> IsSignedAsync(string accountId, TwilioWebhookRequest request, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        string?[] tokens = [credentials?.AuthToken, credentials?.PreviousAuthToken];
        if (tokens.All(string.IsNullOrWhiteSpace))
        {
            var source = _credentials is OptionsTwilioCredentials ? "FollowUps:Twilio:AuthToken is not set" : $"{nameof(ITwilioCredentials)} gave none";
            Log.NoAuthToken(_logger, accountId, source);
            return false;
        }

        if (tokens.Any(token => !string.IsNullOrWhiteSpace(token) && TwilioSignature.IsValid(token, request)))
        {
            return true;
        }

        Log.SignatureRejected(_logger, PathOf(request.Url));
        return false;
    }

    private TwilioWebhookOutcome Malformed(TwilioWebhookRequest request, string problem)
    {
        Log.Malformed(_logger, PathOf(request.Url), problem);
        return TwilioWebhookOutcome.Malformed;
    }

    private static string PathOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : "(not a URL)";
}
