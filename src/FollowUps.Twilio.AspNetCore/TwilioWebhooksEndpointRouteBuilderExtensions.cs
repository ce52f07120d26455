using FollowUps.Twilio;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the URLs Twilio posts its webhooks to, handled by <see cref="TwilioWebhooks"/>.</summary>
public static class TwilioWebhooksEndpointRouteBuilderExtensions
{
    private const string EmptyTwiml = """<?xml version="1.0" encoding="UTF-8"?><Response></Response>""";

    /// <summary>
    /// Maps <c>POST {prefix}/{accountId}/inbound</c>, the "A message comes in" webhook of the account's numbers (STOP and
    /// its kin put the sender on <c>accountId</c>'s do-not-contact list, START lifts an opt-out);
    /// <c>POST {prefix}/{accountId}/status</c>, an account's status callback URL (<see cref="TwilioAccount.StatusCallbackUrl"/>)
    /// that records its delivery reports; and <c>POST {prefix}/status</c>, the single-account status callback URL
    /// (<see cref="TwilioSmsOptions.StatusCallbackUrl"/>). Each request's signature is checked with the auth token of the
    /// account in its route (for <c>{prefix}/status</c>, of the account its URL's follow-up names), or its previous one
    /// during a rotation (<see cref="ITwilioCredentials"/>). Needs <c>AddTwilioSms</c>, and
    /// each account's auth token.
    /// </summary>
    /// <remarks>
    /// <para>Every request must be a form POST carrying a valid <c>X-Twilio-Signature</c> for the URL it was sent to,
    /// rebuilt from the request's scheme, host (with a non-default port), path base, path and query. Behind a reverse
    /// proxy or load balancer, configure <c>ForwardedHeadersOptions</c> (<c>ForwardedHeaders</c> with
    /// <c>XForwardedProto</c> and <c>XForwardedHost</c>, the proxy in <c>KnownProxies</c> or <c>KnownIPNetworks</c>
    /// unless it is on loopback, the public host in <c>AllowedHosts</c>) and call <c>app.UseForwardedHeaders()</c>
    /// before this, so the scheme and host are the public ones Twilio signed; <c>UseForwardedHeaders()</c> without
    /// options applies nothing, and every webhook is refused with 403. Or set
    /// <see cref="TwilioSmsOptions.WebhookBaseUrl"/>: the signature is then checked against it instead of the request's
    /// scheme, host and path base.</para>
    /// <para>Answers: 403 for a missing or wrong signature (or no auth token configured), 400 for a signed request
    /// without the fields it needs or for an unreadable form, 415 for a body that is not a form; otherwise 200 with an
    /// empty TwiML <c>&lt;Response&gt;</c> for inbound messages (so Twilio sends no reply of ours; its own STOP/START
    /// auto-replies still go) and 204 for status callbacks. Once the form is read, a request is handled to the end even
    /// if Twilio hangs up, so an opt-out is never half-done.</para>
    /// <para>The signature is the endpoints' only check and their authentication: they need no antiforgery token (Twilio
    /// cannot send one) and allow anonymous access, so an app's fallback authorization policy does not send Twilio to a
    /// login page (an authorization policy added to the group is ignored). Add conventions such as
    /// <c>RequireRateLimiting</c> (with <c>app.UseRateLimiter()</c> and a policy of that name) or <c>RequireHost</c> to
    /// the returned group; endpoint filters do not run, as the endpoints are plain request delegates. Thread-safe.</para>
    /// </remarks>
    /// <param name="endpoints">The application, or another route builder.</param>
    /// <param name="prefix">The path the URLs start with. Default <c>/twilio</c>.</param>
    /// <returns>The group holding the endpoints, for conventions such as <c>RequireRateLimiting</c>.</returns>
    /// <exception cref="InvalidOperationException"><c>AddTwilioSms</c> was not called.</exception>
    public static RouteGroupBuilder MapTwilioWebhooks(this IEndpointRouteBuilder endpoints, string prefix = "/twilio")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(TwilioWebhooks)) is false)
        {
            throw new InvalidOperationException("MapTwilioWebhooks needs TwilioWebhooks: call services.AddFollowUps(...).AddTwilioSms(...) first.");
        }

        var group = endpoints.MapGroup(prefix);
        group.MapPost("/{accountId}/inbound", HandleInboundAsync);
        group.MapPost("/{accountId}/status", HandleAccountStatusAsync);
        group.MapPost("/status", HandleStatusAsync);
        group.DisableAntiforgery();
        group.AllowAnonymous(); // The signature is their authentication: an app's fallback policy must not send Twilio to a login page.
        return group;
    }

    private static async Task HandleInboundAsync(HttpContext context)
    {
        if (await ReadForAccountAsync(context).ConfigureAwait(false) is not var (accountId, request))
        {
            return;
        }

        var webhooks = context.RequestServices.GetRequiredService<TwilioWebhooks>();
        var outcome = await webhooks.HandleInboundMessageAsync(accountId, request, CancellationToken.None).ConfigureAwait(false);
        if (Refusal(outcome) is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/xml; charset=utf-8";
        await context.Response.WriteAsync(EmptyTwiml, CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task HandleAccountStatusAsync(HttpContext context)
    {
        if (await ReadForAccountAsync(context).ConfigureAwait(false) is not var (accountId, request))
        {
            return;
        }

        var webhooks = context.RequestServices.GetRequiredService<TwilioWebhooks>();
        var outcome = await webhooks.HandleAccountStatusCallbackAsync(accountId, request, CancellationToken.None).ConfigureAwait(false);
        context.Response.StatusCode = Refusal(outcome) ?? StatusCodes.Status204NoContent;
    }

    /// <summary>The request to an account's route and the account it names; <see langword="null"/> once refused (the answer is set).</summary>
    private static async Task<(string AccountId, TwilioWebhookRequest Request)?> ReadForAccountAsync(HttpContext context)
    {
        var accountId = context.Request.RouteValues["accountId"] as string;
        if (await ReadAsync(context).ConfigureAwait(false) is not { } request)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(accountId))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }

        return (accountId, request);
    }

    private static async Task HandleStatusAsync(HttpContext context)
    {
        if (await ReadAsync(context).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var webhooks = context.RequestServices.GetRequiredService<TwilioWebhooks>();
        var outcome = await webhooks.HandleStatusCallbackAsync(request, CancellationToken.None).ConfigureAwait(false);
        context.Response.StatusCode = Refusal(outcome) ?? StatusCodes.Status204NoContent;
    }

    /// <summary>The request as Twilio signed it, or <see langword="null"/> with 415 or 400 set when it cannot be read.</summary>
    private static async Task<TwilioWebhookRequest?> ReadAsync(HttpContext context)
    {
        var http = context.Request;
        if (!http.HasFormContentType)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return null;
        }

        if (!http.Host.HasValue)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest; // HTTP/1.0 without Host: no URL to check.
            return null;
        }

        IFormCollection form;
        try
        {
            form = await http.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }

        // Twilio sends each SMS parameter once (MediaUrl0, MediaUrl1, … are distinct names): take the first value.
        var fields = new Dictionary<string, string>(form.Count, StringComparer.Ordinal);
        foreach (var (name, values) in form)
        {
            fields[name] = values.Count > 0 ? values[0] ?? string.Empty : string.Empty;
        }

        var signature = http.Headers.TryGetValue("X-Twilio-Signature", out var header) && header.Count == 1 ? header[0] : null;
        return new TwilioWebhookRequest
        {
            Url = SignedUrl(http),
            Form = fields,
            Signature = signature,
        };
    }

    /// <summary>
    /// The URL Twilio signed: <see cref="TwilioSmsOptions.WebhookBaseUrl"/> when set, else the request's scheme, host and
    /// path base; then its path and query.
    /// </summary>
    private static string SignedUrl(HttpRequest http)
    {
        var baseUrl = http.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<TwilioSmsOptions>>().CurrentValue.WebhookBaseUrl;
        if (!string.IsNullOrWhiteSpace(baseUrl) && Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var configured))
        {
            // Authority has the port only when it is not the scheme's default, as Twilio signs it.
            var pathBase = PathString.FromUriComponent(configured.AbsolutePath.TrimEnd('/'));
            return UriHelper.BuildAbsolute(configured.Scheme, new HostString(configured.Authority), pathBase, http.Path, http.QueryString);
        }

        // Twilio signs the URL as configured, without a default port. The SDK's check also tries a URL with the default
        // port added, never one with it removed, so a Host such as "acme.example:443" must lose it here.
        var host = http.Host.Port == (http.IsHttps ? 443 : 80) ? new HostString(http.Host.Host) : http.Host;
        return UriHelper.BuildAbsolute(http.Scheme, host, http.PathBase, http.Path, http.QueryString);
    }

    /// <summary>403 or 400 for an outcome that refuses the request, else <see langword="null"/>.</summary>
    private static int? Refusal(TwilioWebhookOutcome outcome) => outcome switch
    {
        TwilioWebhookOutcome.SignatureInvalid => StatusCodes.Status403Forbidden,
        TwilioWebhookOutcome.Malformed => StatusCodes.Status400BadRequest,
        _ => null,
    };
}
