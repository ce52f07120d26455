using System.Text;
using Microsoft.Extensions.Time.Testing;
using FollowUps.Twilio.Tests.Support;

namespace FollowUps.Twilio.Tests.Delivery;

/// <summary>The sender through Twilio's real SDK against a loopback server that answers like the Messages API.</summary>
public sealed class TwilioSmsSenderTests : IAsyncLifetime
{
    private FakeTwilioApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Send_Accepted_PostsTheFormWithBasicAuthAndReportsTheMessageSid()
    {
        await using var host = new TwilioTestHost(_api, o => o.StatusCallbackUrl = "https://acme.example/twilio/status?env=test");
        var message = TwilioTestHost.Message(body: "Hi Zoë & Ann + 1 — ok");

        var result = await host.Sender.SendAsync(message, CancellationToken.None);

        result.Status.Should().Be(SendStatus.Sent);
        result.ProviderMessageId.Should().MatchRegex("^SM[0-9a-f]{32}$");
        var request = _api.Received.Should().ContainSingle().Subject;
        request.Path.Should().Be($"/2010-04-01/Accounts/{TwilioTestHost.AccountSid}/Messages.json");
        request.Authorization.Should().Be("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TwilioTestHost.AccountSid}:{TwilioTestHost.AuthToken}")));
        request.Form.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["To"] = "+14155550123",
            ["From"] = TwilioTestHost.FromNumber,
            ["Body"] = "Hi Zoë & Ann + 1 — ok",
            ["StatusCallback"] = "https://acme.example/twilio/status?env=test&followup=acct-1/camp-1/contact-%2B14155550123/Sms",
            ["ValidityPeriod"] = "900",
        });
    }

    [Fact]
    public async Task Send_ThirdAttempt_NamesTheAttemptInTheCallbackUrlAndLimitsItsTimeInTwiliosQueue()
    {
        await using var host = new TwilioTestHost(_api, o => (o.StatusCallbackUrl, o.ValidityPeriod) = ("https://acme.example/twilio/status", TimeSpan.FromMinutes(2)));

        var result = await host.Sender.SendAsync(TwilioTestHost.Message() with { Attempt = 3 }, CancellationToken.None);

        result.Status.Should().Be(SendStatus.Sent);
        var form = _api.Received.Should().ContainSingle().Subject.Form;
        form["StatusCallback"].Should().Be("https://acme.example/twilio/status?followup=acct-1/camp-1/contact-%2B14155550123/Sms&attempt=3");
        form["ValidityPeriod"].Should().Be("120", "a message still in Twilio's queue after it is never sent, so asking Twilio later can tell");
    }

    [Fact]
    public async Task Send_WithApiKeyAndMessagingService_AuthenticatesWithTheKeyUnderTheAccount()
    {
        await using var host = new TwilioTestHost(_api, o =>
        {
            (o.ApiKeySid, o.ApiKeySecret, o.AuthToken) = (TwilioTestHost.ApiKeySid, TwilioTestHost.ApiKeySecret, null);
            (o.FromNumber, o.MessagingServiceSid) = (null, "MG0123456789abcdef0123456789abcdef");
        });

        var result = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);

        result.Status.Should().Be(SendStatus.Sent);
        var request = _api.Received.Should().ContainSingle().Subject;
        request.AccountSid.Should().Be(TwilioTestHost.AccountSid, "an API key still sends under the account");
        request.Authorization.Should().Be("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TwilioTestHost.ApiKeySid}:{TwilioTestHost.ApiKeySecret}")));
        request.Form.Should().ContainKey("MessagingServiceSid").WhoseValue.Should().Be("MG0123456789abcdef0123456789abcdef");
        request.Form.Should().NotContainKey("From");
    }

    [Fact]
    public async Task Send_TooManyRequestsWithoutRetryAfterThenAccepted_IsRetryLaterForAMinuteThenSent()
    {
        await using var host = new TwilioTestHost(_api);
        _api.AnswerNextWithError(429, 20429, "Too Many Requests");

        var first = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);
        var second = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);

        first.Should().BeEquivalentTo(new { Status = SendStatus.TransientFailure, Error = "Twilio error 20429 (HTTP 429): Too Many Requests", RetryAfter = TimeSpan.FromMinutes(1) });
        second.Status.Should().Be(SendStatus.Sent);
        _api.Received.Should().HaveCount(2, "the sender never retries by itself");
    }

    [Theory]
    [InlineData("120", 120)]
    [InlineData("0", 0)]
    [InlineData("Mon, 02 Nov 2026 09:31:30 GMT", 90)]
    [InlineData("Mon, 02 Nov 2026 09:29:00 GMT", 0)]
    [InlineData("999999999", 86400)]
    [InlineData("soon", 60)]
    public async Task Send_TooManyRequestsWithRetryAfter_IsRetryLaterForTheHeadersWindow(string header, int seconds)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero));
        await using var host = new TwilioTestHost(_api, timeProvider: time);
        _api.AnswerNextWithError(429, 20429, "Too Many Requests", retryAfter: header);

        var result = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);

        result.Status.Should().Be(SendStatus.TransientFailure);
        result.RetryAfter.Should().Be(TimeSpan.FromSeconds(seconds), "a date is counted from now, a past one is now, more than a day is a day, and an unreadable header is the default");
    }

    [Theory]
    [InlineData(400, null, 300)]
    [InlineData(429, null, 300)]
    [InlineData(429, "30", 30)]
    public async Task Send_QueueFull21611_IsRetryLaterForFiveMinutesUnlessTwilioSays(int status, string? header, int seconds)
    {
        await using var host = new TwilioTestHost(_api);
        _api.AnswerNextWithError(status, 21611, "This 'From' number has exceeded the maximum number of queued messages", retryAfter: header);

        var result = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);

        result.Status.Should().Be(SendStatus.TransientFailure);
        result.RetryAfter.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData(500, 20500)]
    [InlineData(503, 20503)]
    [InlineData(408, 0)]
    public async Task Send_OutageOrTimeout_IsTransientLeftToTheRetryPolicy(int status, int code)
    {
        await using var host = new TwilioTestHost(_api);
        _api.AnswerNextWithError(status, code, "unavailable");

        var result = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);

        result.Status.Should().Be(SendStatus.TransientFailure);
        result.RetryAfter.Should().BeNull("no window was given, so the policy's backoff decides");
    }

    [Theory]
    [InlineData(500, 20500, SendStatus.TransientFailure)]
    [InlineData(503, 20503, SendStatus.TransientFailure)]
    [InlineData(400, 21211, SendStatus.PermanentFailure)]
    [InlineData(400, 21614, SendStatus.PermanentFailure)]
    [InlineData(400, 21408, SendStatus.PermanentFailure)]
    [InlineData(400, 21610, SendStatus.RecipientOptedOut)]
    [InlineData(429, 21611, SendStatus.TransientFailure)]
    [InlineData(400, 21611, SendStatus.TransientFailure)]
    [InlineData(408, 0, SendStatus.TransientFailure)]
    public async Task Send_TwilioError_MapsByCodeAndStatus(int status, int code, SendStatus expected)
    {
        await using var host = new TwilioTestHost(_api);
        _api.AnswerNextWithError(status, code, "refused");

        var result = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);

        result.Status.Should().Be(expected);
        result.Error.Should().Be(code > 0 ? $"Twilio error {code} (HTTP {status}): refused" : $"Twilio answered HTTP {status}: refused");
    }

    [Theory]
    [InlineData(503, "<html>Service Unavailable</html>", "text/html", SendStatus.TransientFailure)]
    [InlineData(502, "", "text/plain", SendStatus.TransientFailure)]
    [InlineData(404, "not found", "text/plain", SendStatus.PermanentFailure)]
    [InlineData(201, "not json", "text/plain", SendStatus.Unknown)]
    [InlineData(201, "", "application/json", SendStatus.Unknown)]
    [InlineData(201, "{}", "application/json", SendStatus.Unknown)]
    [InlineData(201, "{\"sid\":\"   \",\"status\":\"queued\"}", "application/json", SendStatus.Unknown)]
    [InlineData(201, "[]", "application/json", SendStatus.Unknown)]
    [InlineData(408, "", "text/plain", SendStatus.TransientFailure)]
    public async Task Send_AnswerThatIsNotTwilioJson_UsesTheHttpStatus(int status, string body, string contentType, SendStatus expected)
    {
        await using var host = new TwilioTestHost(_api);
        _api.AnswerNextWith(status, body, contentType);

        var result = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);

        result.Status.Should().Be(expected);
        result.Error.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Send_AnswerNeverComes_IsUnknownNotRetried()
    {
        await using var host = new TwilioTestHost(_api, o => o.Timeout = TimeSpan.FromSeconds(2));
        _api.NeverAnswerNext();

        var result = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);

        result.Status.Should().Be(SendStatus.Unknown);
        result.Error.Should().StartWith("No answer from Twilio").And.Contain("not sent again");
        _api.Received.Should().ContainSingle("the request reached Twilio once and was not repeated");
    }

    [Fact]
    public async Task Send_ServerNotListening_IsTransientBecauseNothingLeft()
    {
        var closed = await FakeTwilioApi.StartAsync();
        await closed.DisposeAsync();
        await using var host = new TwilioTestHost(closed);

        var result = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);

        result.Status.Should().Be(SendStatus.TransientFailure);
        result.Error.Should().StartWith("Twilio could not be reached, so nothing was sent");
    }

    [Fact]
    public async Task Send_ConnectionNeverMadeWithinConnectTimeout_IsTransientBecauseNothingLeft()
    {
        using var full = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        full.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        full.Listen(0);
        var port = ((System.Net.IPEndPoint)full.LocalEndPoint!).Port;
        using var fillers = new DisposableList(Enumerable.Range(0, 8).Select(_ => ConnectQuietly(port)));
        var target = new UriBuilder(_api.Address) { Port = port }.Uri;
        await using var host = new TwilioTestHost(target, o => (o.ConnectTimeout, o.Timeout) = (TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(10)));

        var result = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);

        result.Status.Should().Be(SendStatus.TransientFailure, result.Error);
        result.Error.Should().StartWith("Twilio could not be reached, so nothing was sent");
    }


    /// <summary>The request reached Twilio, so a cancelled wait for the answer is unknown: never "nothing was sent".</summary>
    [Fact]
    public async Task Send_HostCancelsWhileWaitingForTheAnswer_IsUnknownNotAThrow()
    {
        await using var host = new TwilioTestHost(_api);
        _api.NeverAnswerNext();
        using var cancel = new CancellationTokenSource();

        var sending = host.Sender.SendAsync(TwilioTestHost.Message(), cancel.Token);
        await _api.FirstRequestArrived.WaitAsync(TimeSpan.FromSeconds(20));
        await cancel.CancelAsync();

        var result = await sending;
        result.Status.Should().Be(SendStatus.Unknown);
        result.Error.Should().Contain("may have been created");
        _api.Received.Should().ContainSingle();
    }

    [Fact]
    public async Task Send_CancelledBeforeTheRequestLeft_ThrowsOperationCanceledAndSendsNothing()
    {
        await using var host = new TwilioTestHost(_api);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => host.Sender.SendAsync(TwilioTestHost.Message(), cancel.Token)).Should().ThrowAsync<OperationCanceledException>();
        _api.Received.Should().BeEmpty();
    }

    private static System.Net.Sockets.Socket ConnectQuietly(int port)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { Blocking = false };
        try
        {
            socket.Connect(System.Net.IPAddress.Loopback, port);
        }
        catch (System.Net.Sockets.SocketException)
        {
            // In progress: it fills the listener's queue, which is all it is for.
        }

        return socket;
    }

    private sealed class DisposableList(IEnumerable<IDisposable> items) : IDisposable
    {
        private readonly List<IDisposable> _items = [.. items];

        public void Dispose() => _items.ForEach(item => item.Dispose());
    }
}
