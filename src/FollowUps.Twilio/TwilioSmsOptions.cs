namespace FollowUps.Twilio;

/// <summary>
/// The Twilio account FollowUps sends SMS from and checks webhooks with. Bind it from a configuration section with
/// <c>AddTwilioSms(configuration.GetSection("FollowUps:Twilio"))</c> or set it in code with <c>AddTwilioSms(o =&gt; ...)</c>.
/// Validated when the host starts.
/// </summary>
/// <remarks>
/// <para>Authenticate with <see cref="AccountSid"/> and <see cref="AuthToken"/>, or with an API key
/// (<see cref="ApiKeySid"/> and <see cref="ApiKeySecret"/>, Twilio's recommendation for production) and the account SID.
/// Webhooks are signed with the account's auth token, so set <see cref="AuthToken"/> too when you receive them.</para>
/// <para>Send from <see cref="FromNumber"/> or through <see cref="MessagingServiceSid"/>, one of the two.</para>
/// <para>The HTTP client is the named client <see cref="HttpClientName"/> from <c>IHttpClientFactory</c>: add your own
/// handlers with <c>services.AddHttpClient(TwilioSmsOptions.HttpClientName).AddHttpMessageHandler(...)</c>, but never one
/// that retries: Twilio has no idempotency key for messages, so a retried request can send the SMS twice.</para>
/// <para>Secrets never appear in <see cref="ToString"/>, in logs or in exception messages. Not thread-safe while being
/// configured; read once per send.</para>
/// </remarks>
public sealed class TwilioSmsOptions
{
    /// <summary>The name of the <c>IHttpClientFactory</c> client every Twilio request goes through.</summary>
    public const string HttpClientName = "FollowUps.Twilio";

    /// <summary>The account SID, <c>AC</c> and 32 hex digits. Required.</summary>
    public string AccountSid { get; set; } = string.Empty;

    /// <summary>The account's auth token: authenticates sends when no API key is set, and checks webhook signatures. A secret.</summary>
    public string? AuthToken { get; set; }

    /// <summary>
    /// The auth token before the last rotation, while Twilio may still sign webhooks with it: a request signed with either
    /// is accepted. Remove it once the rotation is done. A secret. Optional.
    /// </summary>
    public string? PreviousAuthToken { get; set; }

    /// <summary>
    /// A subaccount of <see cref="AccountSid"/> the messages belong to: requests go to <c>/Accounts/{PathAccountSid}/…</c>
    /// and authenticate with <see cref="AccountSid"/>'s credentials. Optional.
    /// </summary>
    public string? PathAccountSid { get; set; }

    /// <summary>Twilio's processing region, such as <c>ie1</c> or <c>au1</c>. Optional: Twilio's default (<c>us1</c>).</summary>
    public string? Region { get; set; }

    /// <summary>Twilio's edge location, such as <c>dublin</c> or <c>sydney</c>. Optional.</summary>
    public string? Edge { get; set; }

    /// <summary>An API key SID, <c>SK</c> and 32 hex digits; with <see cref="ApiKeySecret"/>, used for sends instead of the auth token.</summary>
    public string? ApiKeySid { get; set; }

    /// <summary>The API key's secret. A secret.</summary>
    public string? ApiKeySecret { get; set; }

    /// <summary>The number SMS come from, in E.164 such as <c>+14155550100</c>. Set this or <see cref="MessagingServiceSid"/>.</summary>
    public string? FromNumber { get; set; }

    /// <summary>A Messaging Service SID, <c>MG</c> and 32 hex digits, that picks the sender. Set this or <see cref="FromNumber"/>.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>
    /// Where Twilio posts delivery status callbacks, an absolute https URL such as
    /// <c>https://acme.example/twilio/status</c> (the endpoint <c>MapTwilioWebhooks</c> maps). Optional. Each message adds
    /// its follow-up's key to it (<c>?followup=...</c>), so a report finds its follow-up even before the send is recorded.
    /// </summary>
    public string? StatusCallbackUrl { get; set; }

    /// <summary>
    /// The public base URL the webhook endpoints are reached at, such as <c>https://acme.example</c> (or
    /// <c>https://acme.example/api</c> when a proxy removes <c>/api</c>), an absolute https URL without query or fragment.
    /// Optional. When set, <c>MapTwilioWebhooks</c> checks each signature against this base followed by the request's
    /// path and query, instead of the scheme, host and path base the request arrived with: for hosts behind a proxy whose
    /// forwarded headers cannot be trusted with <c>ForwardedHeadersOptions</c> (a platform whose proxies have no fixed
    /// address). Leave it unset when <c>UseForwardedHeaders</c> is configured.
    /// </summary>
    public string? WebhookBaseUrl { get; set; }

    /// <summary>
    /// How long one send may wait for Twilio's answer. Default 30 seconds. A send that times out after the request left
    /// is recorded as unknown and never sent again blindly (Twilio has no idempotency key for messages).
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long connecting to Twilio may take; a send that cannot connect never left and is worth retrying. Default 5 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After Twilio refuses the credentials (error 20003 or a bare HTTP 401), how long every send fails at once with
    /// <see cref="SendStatus.CredentialsRefused"/> (and the time left as <see cref="SendResult.RetryAfter"/>) without a
    /// request to Twilio, so a wrong token is not sent again and again. The first send after it tries the credentials
    /// again. Default 5 minutes; more than zero and at most 1 day.
    /// </summary>
    public TimeSpan AuthenticationRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long Twilio may hold each message in its queue before sending it; one still queued after it is never sent
    /// (Twilio's <c>ValidityPeriod</c>, set on every message). It bounds how long a send whose answer never came stays
    /// unknown: once it has passed (plus a margin for clock skew and Twilio's queue) and Twilio lists no such message, the
    /// follow-up is sent again. Default 15 minutes; from 1 second to 10 hours (Twilio's limit), in whole seconds.
    /// </summary>
    public TimeSpan ValidityPeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The account, sender and which credentials are set, for logs. Never a secret.</summary>
    /// <returns>Such as <c>AC0123… from +14155550100, API key SK0123…, auth token set</c>.</returns>
    public override string ToString()
    {
        var from = MessagingServiceSid is { Length: > 0 } service ? $"messaging service {service}" : $"from {FromNumber}";
        var credential = ApiKeySid is { Length: > 0 } key ? $"API key {key}" : "auth token";
        var token = string.IsNullOrEmpty(AuthToken) ? "no auth token" : "auth token set";
        return $"{AccountSid} {from}, {credential}, {token}";
    }
}
