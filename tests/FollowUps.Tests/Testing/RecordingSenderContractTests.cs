using FollowUps.Testing;

namespace FollowUps.Tests.Testing;

/// <summary>The recording fakes keep the sender contract, which also proves the contract suite can pass.</summary>
public sealed class RecordingSmsSenderContractTests : SmsSenderContract
{
    protected override Task<ISmsSender> CreateSenderAsync(SenderScenario scenario) =>
        Task.FromResult<ISmsSender>(new RecordingSmsSender(ScriptedResults.For<SmsMessage>(scenario)));
}

/// <summary>The recording email fake keeps the sender contract.</summary>
public sealed class RecordingEmailSenderContractTests : EmailSenderContract
{
    protected override Task<IEmailSender> CreateSenderAsync(SenderScenario scenario) =>
        Task.FromResult<IEmailSender>(new RecordingEmailSender(ScriptedResults.For<EmailMessage>(scenario)));
}

internal static class ScriptedResults
{
    /// <summary>Answers as the scenario says; <see langword="null"/> keeps the fake's default (sent, with a fresh id).</summary>
    public static Func<T, SendResult>? For<T>(SenderScenario scenario) => scenario switch
    {
        SenderScenario.Accepts => null,
        SenderScenario.FailsTransiently => _ => SendResult.TransientFailure("429 Too Many Requests"),
        SenderScenario.RejectsRecipient => _ => SendResult.PermanentFailure("21211 Invalid 'To' phone number"),
        SenderScenario.RecipientOptedOut => _ => SendResult.RecipientOptedOut("21610 Attempt to send to unsubscribed recipient"),
        SenderScenario.RefusesCredentials => _ => SendResult.CredentialsRefused("20003 Authenticate: check the auth token.", TimeSpan.FromMinutes(5)),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };
}
