using FollowUps.Internal;
using FollowUps.Twilio.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace FollowUps.Twilio.Delivery;

/// <summary>
/// Sends each SMS with one Messages API request through Twilio's SDK, over the <see cref="TwilioSmsOptions.HttpClientName"/>
/// client from <c>IHttpClientFactory</c>. Never retries: Twilio has no idempotency key for messages, so only the
/// engine decides what to send again (see <see cref="TwilioFailure"/> for how answers map). Credentials Twilio refuses
/// are <see cref="SendStatus.CredentialsRefused"/>, naming the settings, never showing a secret; for
/// <see cref="TwilioSmsOptions.AuthenticationRetryDelay"/> afterwards every send is refused the same way at once, with the
/// time left, and makes no request. Settles unknown sends by reading the account's messages to the number
/// (<see cref="TwilioMessageSearch"/>), over the same client and under the same cool-down. Thread-safe.
/// </summary>
internal sealed class TwilioSmsSender(IHttpClientFactory httpClients, IOptionsMonitor<TwilioSmsOptions> options, TimeProvider timeProvider, ILogger<TwilioSmsSender> logger) : ISmsSender, ISendReconciler
{
    private readonly CredentialsCoolDown _coolDown = new("Twilio", "FollowUps:Twilio:AuthenticationRetryDelay", timeProvider);

    public async Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        var settings = options.CurrentValue;
        var recipient = Redact.Recipient(message.To);
        if (_coolDown.Refusal() is { } refusal)
        {
            Log.CredentialsCoolingDown(logger, settings.AccountSid, _coolDown.RetryAt);
            return refusal;
        }

        using var call = TwilioCall.Begin(cancellationToken);
        SendResult result;
        try
        {
            var created = await MessageResource.CreateAsync(Request(settings, message), Client(settings)).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(created?.Sid))
            {
                Log.Sent(logger, created.Sid, recipient);
                return SendResult.Sent(created.Sid);
            }

            result = SendResult.Unknown("Twilio answered without a message id; the message may have been created, so it is not sent again blindly.");
        }
        catch (ApiException ex) when (TwilioFailure.IsCredentialsRefused(ex, call.Status))
        {
            var refused = _coolDown.Start(
                $"Twilio refused the credentials of account {settings.AccountSid}: check FollowUps:Twilio:AccountSid and FollowUps:Twilio:AuthToken (or ApiKeySid and ApiKeySecret).",
                settings.AuthenticationRetryDelay);
            Log.CredentialsRefused(logger, settings.AccountSid, _coolDown.RetryAt);
            return refused;
        }
        catch (ApiException ex)
        {
            result = TwilioFailure.FromApi(ex, call.Status, TwilioFailure.Window(call.RetryAfter, timeProvider.GetUtcNow()));
        }
        catch (ApiConnectionException) when (cancellationToken.IsCancellationRequested && !call.BodyStarted)
        {
            throw new OperationCanceledException("The host cancelled the send before the request went out; nothing was sent.", cancellationToken);
        }
        catch (ApiConnectionException) when (cancellationToken.IsCancellationRequested)
        {
            result = SendResult.Unknown("The send was cancelled while the request was on its way to Twilio; the message may have been created, so it is not sent again blindly.");
        }
        catch (ApiConnectionException ex)
        {
            result = TwilioFailure.FromConnection(ex, call.BodyStarted);
        }

        Log.NotSent(logger, recipient, result.Status);
        return result;
    }

    public async Task<Reconciliation> ReconcileAsync(FollowUpRecord unknown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unknown);
        cancellationToken.ThrowIfCancellationRequested();
        var settings = options.CurrentValue;
        if (_coolDown.Refusal() is { } refusal)
        {
            Log.CredentialsCoolingDown(logger, settings.AccountSid, _coolDown.RetryAt);
            return Reconciliation.CannotTell($"Twilio is not asked: {refusal.Error}", refusal.RetryAfter);
        }

        using var call = TwilioCall.Begin(cancellationToken);
        Reconciliation answer;
        try
        {
            answer = await TwilioMessageSearch.ReconcileAsync(unknown, settings, Client(settings), timeProvider.GetUtcNow()).ConfigureAwait(false);
        }
        catch (ApiException ex) when (TwilioFailure.IsCredentialsRefused(ex, call.Status))
        {
            var refused = _coolDown.Start(
                $"Twilio refused the credentials of account {settings.AccountSid}: check FollowUps:Twilio:AccountSid and FollowUps:Twilio:AuthToken (or ApiKeySid and ApiKeySecret).",
                settings.AuthenticationRetryDelay);
            Log.CredentialsRefused(logger, settings.AccountSid, _coolDown.RetryAt);
            answer = Reconciliation.CannotTell($"Twilio was not asked: {refused.Error}", refused.RetryAfter);
        }
        catch (ApiException ex)
        {
            var status = ex.Status > 0 ? ex.Status : (int?)call.Status ?? 0;
            var what = ex.Code > 0 ? $"Twilio error {ex.Code} (HTTP {status})" : $"Twilio answered HTTP {(status > 0 ? status : "?")}";
            var window = status == 429 ? TwilioFailure.Window(call.RetryAfter, timeProvider.GetUtcNow()) : null;
            answer = Reconciliation.CannotTell($"Twilio could not list the messages ({what}: {ex.Message}); it is asked again.", window);
        }
        catch (ApiConnectionException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The host cancelled the question to Twilio.", cancellationToken);
        }
        catch (ApiConnectionException ex)
        {
            answer = Reconciliation.CannotTell($"Twilio could not be asked ({ex.InnerException?.Message ?? ex.Message}); it is asked again.");
        }

        Log.Reconciled(logger, unknown.Key.ToString(), unknown.Attempts, answer.Verdict, answer.ProviderMessageId);
        return answer;
    }

    private static CreateMessageOptions Request(TwilioSmsOptions settings, SmsMessage message) =>
        new(new PhoneNumber(message.To))
        {
            Body = message.Body,
            From = string.IsNullOrWhiteSpace(settings.FromNumber) ? null : new PhoneNumber(settings.FromNumber),
            MessagingServiceSid = string.IsNullOrWhiteSpace(settings.MessagingServiceSid) ? null : settings.MessagingServiceSid,
            StatusCallback = string.IsNullOrWhiteSpace(settings.StatusCallbackUrl) ? null : new Uri(StatusCallbackUrl.For(settings.StatusCallbackUrl.Trim(), message.Key, message.Attempt)),
            ValidityPeriod = (int)Math.Ceiling(settings.ValidityPeriod.TotalSeconds),
        };

    /// <summary>A client over the factory's HTTP client; cheap, it only wraps it. With an API key, the account SID still names the account in the URL.</summary>
    private TwilioRestClient Client(TwilioSmsOptions settings)
    {
        var http = new SystemNetHttpClient(httpClients.CreateClient(TwilioSmsOptions.HttpClientName));
        return string.IsNullOrWhiteSpace(settings.ApiKeySid)
            ? new TwilioRestClient(settings.AccountSid, settings.AuthToken, httpClient: http)
            : new TwilioRestClient(settings.ApiKeySid, settings.ApiKeySecret, accountSid: settings.AccountSid, httpClient: http);
    }
}
