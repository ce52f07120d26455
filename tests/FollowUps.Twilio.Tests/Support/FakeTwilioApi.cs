using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FollowUps.Twilio.Tests.Support;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a free port that answers like Twilio's Messages API: it records each
/// request as it arrives and answers from a script, 201 with a new message by default.
/// </summary>
internal sealed class FakeTwilioApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private readonly TaskCompletionSource _firstArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _created;

    private FakeTwilioApi(WebApplication app) => _app = app;

    /// <summary>The server's address, such as <c>http://127.0.0.1:40169</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Completes when the first request has arrived (and been recorded).</summary>
    public Task FirstRequestArrived => _firstArrived.Task;

    /// <summary>Every request, in arrival order, recorded before it is answered.</summary>
    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<FakeTwilioApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeTwilioApi(app);
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", api.HandleAsync);
        await app.StartAsync();
        api.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return api;
    }

    /// <summary>The next request gets <paramref name="status"/> with Twilio's error JSON for <paramref name="code"/>.</summary>
    public void AnswerNextWithError(int status, int code, string message) => AnswerNextWithError(status, code, message, retryAfter: null);

    /// <summary>As <see cref="AnswerNextWithError(int, int, string)"/>, with a <c>Retry-After</c> header of <paramref name="retryAfter"/> (seconds or an HTTP date) when given.</summary>
    public void AnswerNextWithError(int status, int code, string message, string? retryAfter) =>
        _script.Enqueue(context =>
        {
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            return Write(context, status, $$"""{"code":{{code}},"message":"{{message}}","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{status}}}""");
        });

    /// <summary>The next request gets <paramref name="status"/> with <paramref name="body"/> as it is.</summary>
    public void AnswerNextWith(int status, string body, string contentType = "application/json") =>
        _script.Enqueue(context => Write(context, status, body, contentType));

    /// <summary>The next request gets no answer until the client gives up.</summary>
    public void NeverAnswerNext() =>
        _script.Enqueue(async context =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, as the test wants.
            }
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, string accountSid)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        _received.Enqueue(new ReceivedRequest(
            context.Request.Path,
            accountSid,
            context.Request.Headers.Authorization.ToString(),
            form.ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal)));
        _firstArrived.TrySetResult();

        if (_script.TryDequeue(out var answer))
        {
            await answer(context);
            return;
        }

        var sid = $"SM{Interlocked.Increment(ref _created):x32}";
        await Write(context, 201, Message(sid, accountSid, form["To"].ToString(), form["Body"].ToString()));
    }

    /// <summary>A created message as Twilio returns it (trimmed to the fields that matter).</summary>
    public static string Message(string sid, string accountSid, string to, string body) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["account_sid"] = accountSid,
            ["api_version"] = "2010-04-01",
            ["body"] = body,
            ["date_created"] = "Sat, 28 Nov 2026 15:00:00 +0000",
            ["direction"] = "outbound-api",
            ["error_code"] = null,
            ["num_segments"] = "1",
            ["sid"] = sid,
            ["status"] = "queued",
            ["to"] = to,
            ["uri"] = $"/2010-04-01/Accounts/{accountSid}/Messages/{sid}.json",
        });

    private static async Task Write(HttpContext context, int status, string body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}

/// <summary>One request the fake API received.</summary>
internal sealed record ReceivedRequest(string Path, string AccountSid, string Authorization, IReadOnlyDictionary<string, string> Form);
