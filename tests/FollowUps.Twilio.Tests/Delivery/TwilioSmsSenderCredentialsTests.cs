using FollowUps.Twilio.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Twilio.Tests.Delivery;

/// <summary>
/// Credentials Twilio refuses are a result, not a throw, and for <see cref="TwilioSmsOptions.AuthenticationRetryDelay"/>
/// afterwards sends fail at once without a request, so a wrong token is not tried again and again.
/// </summary>
public sealed class TwilioSmsSenderCredentialsTests : IAsyncLifetime
{
    private const string Refused20003 = "{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":\"https://www.twilio.com/docs/errors/20003\",\"status\":401}";
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
    private FakeTwilioApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData(401, Refused20003, "application/json")]
    [InlineData(401, "Unauthorized", "text/plain")]
    public async Task Send_CredentialsRefused_ReportsCredentialsRefusedForTheCoolDownNamingTheSettingsWithoutTheSecret(int status, string body, string contentType)
    {
        await using var host = new TwilioTestHost(_api, timeProvider: new FakeTimeProvider(Now));
        _api.AnswerNextWith(status, body, contentType);

        var result = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);

        result.Status.Should().Be(SendStatus.CredentialsRefused);
        result.RetryAfter.Should().Be(TimeSpan.FromMinutes(5));
        result.ProviderMessageId.Should().BeNull();
        result.Error.Should().StartWith($"Twilio refused the credentials of account {TwilioTestHost.AccountSid}: check FollowUps:Twilio:AccountSid and FollowUps:Twilio:AuthToken")
            .And.Contain("until 2026-11-02 09:35:00 UTC (FollowUps:Twilio:AuthenticationRetryDelay)")
            .And.NotContain(TwilioTestHost.AuthToken);
        host.Logs.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 202)
            .And.OnlyContain(r => !r.Message.Contains(TwilioTestHost.AuthToken));
    }

    [Fact]
    public async Task Send_WithinTheCoolDown_CredentialsRefusedWithTheTimeLeftAndNoRequest()
    {
        var time = new FakeTimeProvider(Now);
        await using var host = new TwilioTestHost(_api, o => o.AuthenticationRetryDelay = TimeSpan.FromMinutes(15), time);
        _api.AnswerNextWith(401, Refused20003);

        var first = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(10));
        var second = await host.Sender.SendAsync(TwilioTestHost.Message("+14155550124"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var third = await host.Sender.SendAsync(TwilioTestHost.Message("+14155550125"), CancellationToken.None);

        first.RetryAfter.Should().Be(TimeSpan.FromMinutes(15));
        second.Should().BeEquivalentTo(new { Status = SendStatus.CredentialsRefused, first.Error, RetryAfter = TimeSpan.FromMinutes(5) });
        third.Should().BeEquivalentTo(new { Status = SendStatus.CredentialsRefused, first.Error, RetryAfter = TimeSpan.FromSeconds(1) });
        _api.Received.Should().ContainSingle("the refused credentials are not sent again within the delay");
        host.Logs.Collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 202, "the refusal is logged as an error once, not once per send");
    }

    [Fact]
    public async Task Send_AfterTheCoolDown_TriesTheCredentialsAgainAndSends()
    {
        var time = new FakeTimeProvider(Now);
        await using var host = new TwilioTestHost(_api, timeProvider: time);
        _api.AnswerNextWith(401, Refused20003);

        await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5));
        var result = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);

        result.Status.Should().Be(SendStatus.Sent);
        _api.Received.Should().HaveCount(2);
    }

    [Fact]
    public async Task Send_RefusedAgainAfterTheCoolDown_StartsANewOne()
    {
        var time = new FakeTimeProvider(Now);
        await using var host = new TwilioTestHost(_api, timeProvider: time);
        _api.AnswerNextWith(401, Refused20003);
        _api.AnswerNextWith(401, Refused20003);

        await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5));
        var retried = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(4));
        var held = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);

        retried.Should().BeEquivalentTo(new { Status = SendStatus.CredentialsRefused, RetryAfter = TimeSpan.FromMinutes(5) });
        retried.Error.Should().Contain("until 2026-11-02 09:40:00 UTC");
        held.Should().BeEquivalentTo(new { Status = SendStatus.CredentialsRefused, retried.Error, RetryAfter = TimeSpan.FromMinutes(1) });
        _api.Received.Should().HaveCount(2);
    }

    [Fact]
    public async Task Send_OtherRefusalAfterAnAcceptedSend_StartsNoCoolDown()
    {
        var time = new FakeTimeProvider(Now);
        await using var host = new TwilioTestHost(_api, timeProvider: time);
        _api.AnswerNextWithError(400, 21211, "The 'To' number is not a valid phone number.");

        var refused = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);
        var next = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);

        refused.Status.Should().Be(SendStatus.PermanentFailure);
        next.Status.Should().Be(SendStatus.Sent);
    }
}
