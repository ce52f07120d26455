using FollowUps.Testing;
using FollowUps.Twilio.Tests.Support;

namespace FollowUps.Twilio.Tests.Delivery;

/// <summary>The kit's <see cref="SmsSenderContract"/> against <c>TwilioSmsSender</c>, through the SDK to the loopback Messages API.</summary>
public sealed class TwilioSmsSenderContractTests : SmsSenderContract, IAsyncLifetime
{
    private readonly Stack<IAsyncDisposable> _resources = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        while (_resources.TryPop(out var resource))
        {
            await resource.DisposeAsync();
        }
    }

    protected override async Task<ISmsSender> CreateSenderAsync(SenderScenario scenario)
    {
        var api = await FakeTwilioApi.StartAsync();
        _resources.Push(api);
        switch (scenario)
        {
            case SenderScenario.Accepts:
                break;
            case SenderScenario.FailsTransiently:
                api.AnswerNextWithError(503, 20503, "Service Unavailable");
                break;
            case SenderScenario.RejectsRecipient:
                api.AnswerNextWithError(400, 21211, "The 'To' number is not a valid phone number.");
                break;
            case SenderScenario.RecipientOptedOut:
                api.AnswerNextWithError(400, 21610, "Attempt to send to unsubscribed recipient");
                break;
            case SenderScenario.RefusesCredentials:
                api.AnswerNextWithError(401, 20003, "Authenticate");
                break;
            default:
                throw new NotSupportedException($"The fake Twilio API cannot arrange {scenario}.");
        }

        var host = new TwilioTestHost(api);
        _resources.Push(host);
        return host.Sender;
    }
}
