using FollowUps.Smtp.Tests.Support;
using FollowUps.Testing;

namespace FollowUps.Smtp.Tests.Delivery;

/// <summary>The kit's <see cref="EmailSenderContract"/> against <c>SmtpEmailSender</c> on a loopback SMTP server.</summary>
public sealed class SmtpEmailSenderContractTests : EmailSenderContract, IAsyncLifetime
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

    protected override async Task<IEmailSender> CreateSenderAsync(SenderScenario scenario)
    {
        var server = await LoopbackSmtpServer.StartAsync(scenario == SenderScenario.RefusesCredentials ? new() { Credentials = ("dana", "correct-password") } : null);
        _resources.Push(server);
        Action<SmtpEmailOptions>? login = null;
        switch (scenario)
        {
            case SenderScenario.RefusesCredentials:
                login = o => (o.UserName, o.Password) = ("dana", "wrong-password");
                break;
            case SenderScenario.Accepts:
                break;
            case SenderScenario.FailsTransiently:
                server.AnswerNextMessage(451, "4.7.0 Temporary server error, try again later");
                break;
            case SenderScenario.RejectsRecipient:
                server.RefuseRecipient(CreateMessage(1).To, 550, "5.1.1 The email account that you tried to reach does not exist");
                break;
            default:
                throw new NotSupportedException($"SMTP cannot arrange {scenario}.");
        }

        var sender = Senders.Create(server, login);
        _resources.Push(sender);
        return sender;
    }
}
