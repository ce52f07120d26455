using Xunit;

namespace FollowUps.Testing;

/// <summary>
/// The promises every <see cref="ISmsSender"/> keeps, as an xunit suite. Derive a test class, make
/// <see cref="CreateSenderAsync"/> return your sender wired to a provider (a loopback fake of its API) that
/// behaves as the scenario says, and run the tests.
/// </summary>
public abstract class SmsSenderContract : SenderContract<SmsMessage>
{
    /// <summary>Creates the sender under test, its provider arranged to behave as <paramref name="scenario"/> says.</summary>
    /// <param name="scenario">How the provider must answer.</param>
    /// <returns>The sender.</returns>
    protected abstract Task<ISmsSender> CreateSenderAsync(SenderScenario scenario);

    /// <summary>A recipient who opted out with the provider is reported as such, so the engine can suppress them.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Send_RecipientOptedOut_ReportsRecipientOptedOut()
    {
        var result = await SendAsync(SenderScenario.RecipientOptedOut, CreateMessage(1), CancellationToken.None);

        Assert.Equal(SendStatus.RecipientOptedOut, result.Status);
    }

    /// <inheritdoc />
    protected override SmsMessage CreateMessage(int sequence) => new()
    {
        Key = new FollowUpKey("contract-account", "contract-campaign", $"contact-{sequence}", FollowUpKind.Sms),
        To = "+14155552671",
        Body = $"Contract test message {sequence}.\n{SmsTemplates.OptOutLine}",
        Template = SmsTemplateKind.MeetingRequest,
    };

    private protected override async Task<Func<SmsMessage, CancellationToken, Task<SendResult>>> ArrangeAsync(SenderScenario scenario)
    {
        var sender = await CreateSenderAsync(scenario).ConfigureAwait(false);
        return sender.SendAsync;
    }
}
