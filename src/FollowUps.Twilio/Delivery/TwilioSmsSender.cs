using FollowUps.Internal;
using FollowUps.Twilio.Accounts;
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
/// client from <c>IHttpClientFactory</c>, as the message's account: its Twilio settings (<see cref="TwilioAccountDirectory"/>:
/// account or subaccount, sender, region and edge) and its credentials, asked for each request and never kept. An account
/// without usable settings or credentials throws <see cref="SendNotStartedException"/> (nothing sent; the outbox tries it
/// again). Never retries: Twilio has no idempotency key for messages, so only the engine decides what to send again (see
/// <see cref="TwilioFailure"/> for how answers map). Credentials Twilio refuses are <see cref="SendStatus.CredentialsRefused"/>,
/// never showing a secret; for <see cref="TwilioSmsOptions.AuthenticationRetryDelay"/> afterwards every send of that
/// account (of every account, when all share the registered credentials) is refused the same way at once, with the time
/// left, and makes no request. Settles unknown sends by reading the account's messages to the number
/// (<see cref="TwilioMessageSearch"/>), over the same client and under the same cool-down. Thread-safe.
/// </summary>
internal sealed class TwilioSmsSender(IHttpClientFactory httpClients, IOptionsMonitor<TwilioSmsOptions> options, TwilioAccountDirectory accounts, TimeProvider timeProvider, ILogger<TwilioSmsSender> logger) : ISmsSender, ISendReconciler
{
    public async Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        var settings = options.CurrentValue;
        var accountId = message.Key.AccountId;
        var recipient = Redact.Recipient(message.To);
        var account = await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (accounts.Refusal(accountId, out var coolingUntil) is { } refusal)
        {
            Log.CredentialsCoolingDown(logger, accountId, account.AccountSid, coolingUntil);
            return refusal;
        }

        var credentials = await accounts.CredentialsAsync(accountId, cancellationToken).ConfigureAwait(false);
        using var call = TwilioCall.Begin(cancellationToken);
        SendResult result;
        try
        {
            var created = await MessageResource.CreateAsync(Request(account, settings, message), Client(account, credentials)).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(created?.Sid))
            {
                Log.Sent(logger, created.Sid, recipient);
                return SendResult.Sent(created.Sid);
            }

            result = SendResult.Unknown("Twilio answered without a message id; the message may have been created, so it is not sent again blindly.");
        }
        catch (ApiException ex) when (TwilioFailure.IsCredentialsRefused(ex, call.Status))
        {
            return Refuse(accountId, account, settings);
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
        var accountId = unknown.Key.AccountId;
        TwilioAccount account;
        TwilioCredentials credentials;
        try
        {
            account = await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (accounts.Refusal(accountId, out var coolingUntil) is { } refusal)
            {
                Log.CredentialsCoolingDown(logger, accountId, account.AccountSid, coolingUntil);
                return Reconciliation.CannotTell($"Twilio is not asked: {refusal.Error}", refusal.RetryAfter);
            }

            credentials = await accounts.CredentialsAsync(accountId, cancellationToken).ConfigureAwait(false);
        }
        catch (SendNotStartedException ex)
        {
            return Reconciliation.CannotTell($"Twilio is not asked: {ex.Message}");
        }

        using var call = TwilioCall.Begin(cancellationToken);
        Reconciliation answer;
        try
        {
            answer = await TwilioMessageSearch.ReconcileAsync(unknown, account, settings.ValidityPeriod, Client(account, credentials), timeProvider.GetUtcNow()).ConfigureAwait(false);
        }
        catch (ApiException ex) when (TwilioFailure.IsCredentialsRefused(ex, call.Status))
        {
            var refused = Refuse(accountId, account, settings);
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

    /// <summary>Starts the account's cool-down after Twilio refused its credentials, naming where they come from, never a secret.</summary>
    private SendResult Refuse(string accountId, TwilioAccount account, TwilioSmsOptions settings)
    {
        var problem = accounts.SharedCredentials
            ? $"Twilio refused the credentials of account {account.AccountSid}: check FollowUps:Twilio:AccountSid and FollowUps:Twilio:AuthToken (or ApiKeySid and ApiKeySecret)."
            : $"Twilio refused the credentials of account {account.AccountSid} for account '{accountId}': check its AccountSid ({nameof(ITwilioAccounts)}) and its AuthToken, or ApiKeySid and ApiKeySecret ({nameof(ITwilioCredentials)}).";
        var refused = accounts.Refuse(accountId, problem, settings.AuthenticationRetryDelay, out var retryAt);
        Log.CredentialsRefused(logger, accountId, account.AccountSid, retryAt);
        return refused;
    }

    private static CreateMessageOptions Request(TwilioAccount account, TwilioSmsOptions settings, SmsMessage message) =>
        new(new PhoneNumber(message.To))
        {
            PathAccountSid = account.MessagesAccountSid,
            Body = message.Body,
            From = string.IsNullOrWhiteSpace(account.FromNumber) ? null : new PhoneNumber(account.FromNumber),
            MessagingServiceSid = string.IsNullOrWhiteSpace(account.MessagingServiceSid) ? null : account.MessagingServiceSid,
            StatusCallback = string.IsNullOrWhiteSpace(account.StatusCallbackUrl) ? null : new Uri(StatusCallbackUrl.For(account.StatusCallbackUrl.Trim(), message.Key, message.Attempt)),
            ValidityPeriod = (int)Math.Ceiling(settings.ValidityPeriod.TotalSeconds),
        };

    /// <summary>
    /// A client over the factory's HTTP client, for this request only; cheap, it only wraps it. It authenticates as the
    /// account's credentials (an API key, else the account SID and auth token), names the account or subaccount
    /// (<see cref="TwilioAccount.PathAccountSid"/>) in the URL, and calls the account's region and edge.
    /// </summary>
    private TwilioRestClient Client(TwilioAccount account, TwilioCredentials credentials)
    {
        var http = new SystemNetHttpClient(httpClients.CreateClient(TwilioSmsOptions.HttpClientName));
        var region = string.IsNullOrWhiteSpace(account.Region) ? null : account.Region;
        var edge = string.IsNullOrWhiteSpace(account.Edge) ? null : account.Edge;
        return string.IsNullOrWhiteSpace(credentials.ApiKeySid)
            ? new TwilioRestClient(account.AccountSid, credentials.AuthToken, account.MessagesAccountSid, region, http, edge)
            : new TwilioRestClient(credentials.ApiKeySid, credentials.ApiKeySecret, account.MessagesAccountSid, region, http, edge);
    }
}
