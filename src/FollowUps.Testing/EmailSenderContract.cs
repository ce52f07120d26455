namespace FollowUps.Testing;

/// <summary>
/// The promises every <see cref="IEmailSender"/> keeps, as an xunit suite. Derive a test class, make
/// <see cref="CreateSenderAsync"/> return your sender wired to a provider (a loopback SMTP server, say) that
/// behaves as the scenario says, and run the tests.
/// </summary>
public abstract class EmailSenderContract : SenderContract<EmailMessage>
{
    /// <summary>Creates the sender under test, its provider arranged to behave as <paramref name="scenario"/> says.</summary>
    /// <param name="scenario">How the provider must answer.</param>
    /// <returns>The sender.</returns>
    protected abstract Task<IEmailSender> CreateSenderAsync(SenderScenario scenario);

    /// <inheritdoc />
    protected override EmailMessage CreateMessage(int sequence) => new()
    {
        Key = new FollowUpKey("contract-account", "contract-campaign", $"contact-{sequence}", FollowUpKind.Email),
        To = $"contact{sequence}@example.com",
        FromName = "Contract Test",
        Subject = $"Contract test message {sequence}",
        TextBody = "Thanks for your time today.",
    };

    private protected override async Task<Func<EmailMessage, CancellationToken, Task<SendResult>>> ArrangeAsync(SenderScenario scenario)
    {
        var sender = await CreateSenderAsync(scenario).ConfigureAwait(false);
        return sender.SendAsync;
    }
}
