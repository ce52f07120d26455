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
/// create request as it arrives and answers from a script, 201 with a new message by default (kept, queued, for the
/// list: see FakeTwilioApi.Messages.cs). The script is shared by creates and reads: each request takes the next step.
/// </summary>
internal sealed partial class FakeTwilioApi : IAsyncDisposable
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

    /// <summary>Every create request (POST), in arrival order, recorded before it is answered.</summary>
    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<FakeTwilioApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeTwilioApi(app);
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", api.HandleAsync);
        app.MapGet("/2010-04-01/Accounts/{accountSid}/Messages.json", api.ListAsync);
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

    /// <summary>The next request gets no answer until the client gives up; a create creates no message.</summary>
    public void NeverAnswerNext() => _script.Enqueue(HoldAsync);

    /// <summary>The next request's connection is closed without an answer.</summary>
    public void DropNext() =>
        _script.Enqueue(context =>
        {
            context.Abort();
            return Task.CompletedTask;
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

        var created = Create(accountSid, form);
        await Write(context, 201, System.Text.Json.JsonSerializer.Serialize(Json(created)));
    }

    /// <summary>Keeps a new message as Twilio creates one from <paramref name="form"/>: queued (accepted for a Messaging Service, with no From yet), not sent.</summary>
    private FakeMessage Create(string accountSid, IFormCollection form, Func<FakeMessage, FakeMessage>? alter = null)
    {
        var service = form["MessagingServiceSid"].ToString() is { Length: > 0 } s ? s : null;
        var message = new FakeMessage(
            $"SM{Interlocked.Increment(ref _created):x32}",
            form["To"].ToString(),
            service is null ? form["From"].ToString() : null,
            form["Body"].ToString(),
            Clock.GetUtcNow())
        {
            AccountSid = accountSid,
            MessagingServiceSid = service,
            Status = service is null ? "queued" : "accepted",
        };
        Seed(alter is null ? message : alter(message));
        return message;
    }

    private static async Task Write(HttpContext context, int status, string body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}

/// <summary>One request the fake API received.</summary>
internal sealed record ReceivedRequest(string Path, string AccountSid, string Authorization, IReadOnlyDictionary<string, string> Form);
