using System.Text;
using System.Text.Json;
using FollowUps.Accounts.Tests.Support;
using FollowUps.Smtp;
using FollowUps.Smtp.Tests.Support;
using FollowUps.Twilio;
using FollowUps.Twilio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static FollowUps.Accounts.Tests.Support.AccountsHost;

namespace FollowUps.Accounts.Tests;

/// <summary>
/// After sends, refusals and webhooks of three accounts (A and B with passwords, Twilio auth tokens and an API key; C
/// with an OAuth2 access token), no secret is in the SQLite file, a log line, a report or what the library keeps in memory.
/// </summary>
public sealed class SecretsTests
{
    private const string C = "carol-clinic";
    private const string COAuthToken = "c-oauth2-access-token-secret-8j4t";
    private const string AWrongPassword = "a-smtp-password-mistyped-secret-3r6p";
    private const string AStatus = "https://platform.example/twilio/acme-dental/status";
    private const string AInbound = "https://platform.example/twilio/acme-dental/inbound";

    private static readonly string[] Secrets =
        [ASmtpPassword, BSmtpPassword, AWrongPassword, COAuthToken, AAuthToken, BAuthToken, BApiKeySecret, SigningKey];

    [Fact]
    public async Task SecretsOfEveryAccount_AfterSendsRefusalsAndWebhooks_AreInNoStoreFileLogReportOrCacheEntry()
    {
        await using var host = await AccountsHost.StartAsync();
        await using var oauth = new Xoauth2SmtpServer(COAuthToken);
        var carol = Brands.AcmeSettings();
        carol.BrandName = "Carol Clinic";
        host.Platform.Settings[C] = carol;
        host.Platform.Mailboxes[C] = new SmtpMailbox { Host = "127.0.0.1", Port = oauth.Port, Security = SmtpSecurity.None, FromAddress = "carol@clinic.example", UserName = "carol@clinic.example", Authentication = SmtpAuthentication.OAuth2 };
        host.Platform.SmtpSecrets[C] = COAuthToken; // C has no Twilio account: its texts wait for one.
        var reports = new List<FollowUpReport>();

        // Sends of every account.
        foreach (var call in new[] { Calls.Answered(A, 1), Calls.Answered(B, 2), Calls.Answered(C, 3) })
        {
            reports.Add(await host.Engine.HandleCallCompletedAsync(call, Calls.Campaign));
        }

        // A's password and auth token refused.
        host.Platform.SmtpSecrets[A] = AWrongPassword;
        host.TwilioA.AnswerNextWithError(401, 20003, "Authenticate");
        await host.AccountCache.InvalidateAccountAsync(A); // closes A's logged-in connection: the next one logs in again
        reports.Add(await host.Engine.HandleCallCompletedAsync(Calls.Answered(A, 4), Calls.Campaign));

        // Webhooks: a STOP, a forged STOP, a delivery report.
        var webhooks = new[]
        {
            await host.Webhooks.HandleInboundMessageAsync(A, Signatures.Signed(AAuthToken, AInbound, WebhookTests.Inbound(Calls.Phone(9)))),
            await host.Webhooks.HandleInboundMessageAsync(A, Signatures.Signed(BAuthToken, AInbound, WebhookTests.Inbound(Calls.Phone(8)))),
            await host.Webhooks.HandleAccountStatusCallbackAsync(A, Signatures.Signed(AAuthToken, AStatus, Delivered(reports[0].Sms.ProviderMessageId!))),
        };
        await host.Services.GetRequiredService<IFollowUpDispatcher>().RunOnceAsync();

        // The run did what it should, so there is something to search.
        (reports[0].Sms.IsSent, reports[0].Email.IsSent, reports[1].Sms.IsSent, reports[1].Email.IsSent, reports[2].Email.IsSent).Should().Be((true, true, true, true, true));
        (reports[3].Sms.Reason, reports[3].Email.Reason).Should().Be((OutcomeReason.CredentialsRefused, OutcomeReason.CredentialsRefused));
        oauth.Messages.Should().Be(1);
        webhooks.Should().Equal(TwilioWebhookOutcome.OptedOut, TwilioWebhookOutcome.SignatureInvalid, TwilioWebhookOutcome.DeliveryRecorded);

        var database = Encoding.UTF8.GetString([.. FileBytes(host.DatabasePath), .. FileBytes(host.DatabasePath + "-wal")]);
        database.Should().Contain("Your call with Acme Dental", "the search must see what the store wrote");
        database.Should().NotContainAny(Secrets);

        var logs = host.Logs.Collector.GetSnapshot();
        logs.Should().Contain(log => log.Level == LogLevel.Trace || log.Level == LogLevel.Debug, "the search covers every level");
        logs.Select(LogText).Should().NotContain(line => Secrets.Any(line.Contains));

        var shown = reports.SelectMany(report => new[] { report.ToString(), JsonSerializer.Serialize(report, FollowUpsJson.FollowUpReport) }).ToList();
        shown.Should().NotContain(text => Secrets.Any(text.Contains));

        var cached = KeptBy(host.AccountCache, "_cache");
        cached.Should().Contain(Brands.Acme, "the walk must reach the cached accounts").And.Contain(Brands.BrightAddress);
        cached.Should().NotContain(text => Secrets.Any(text.Contains), "the cached accounts hold no credential, nor the key links are signed with");
        KeptBy(host.Services.GetRequiredService<IEmailSender>()).Should().Contain("carol@clinic.example").And.NotContain(text => Secrets.Any(text.Contains));
        KeptBy(host.Services.GetRequiredService<ISmsSender>()).Should().Contain(ASid).And.NotContain(text => Secrets.Any(text.Contains));
    }

    private static Dictionary<string, string> Delivered(string messageSid) => new(StringComparer.Ordinal)
    {
        ["MessageSid"] = messageSid,
        ["SmsSid"] = messageSid,
        ["AccountSid"] = ASid,
        ["From"] = AFrom,
        ["To"] = Calls.Phone(1),
        ["MessageStatus"] = "delivered",
        ["SmsStatus"] = "delivered",
        ["ApiVersion"] = "2010-04-01",
    };

    private static byte[] FileBytes(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var bytes = new MemoryStream();
        file.CopyTo(bytes);
        return bytes.ToArray();
    }

    private static string LogText(Microsoft.Extensions.Logging.Testing.FakeLogRecord log) => string.Join(
        "\n",
        log.Message,
        log.Exception?.ToString(),
        string.Join(";", log.StructuredState?.Select(pair => $"{pair.Key}={pair.Value}") ?? []),
        string.Join(";", log.Scopes.Select(scope => scope?.ToString())));

    /// <summary>Every string the library's <paramref name="service"/> (or its field <paramref name="field"/>) keeps, short of the host's own objects.</summary>
    private static IReadOnlyList<string> KeptBy(object service, string? field = null)
    {
        var root = field is null
            ? service
            : service.GetType().GetField(field, System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)?.GetValue(service)
                ?? throw new InvalidOperationException($"{service.GetType().Name} has no field {field}.");
        return ObjectStrings.In(root, value =>
            value.GetType().Assembly == typeof(SecretsTests).Assembly // the host's ports and vault hold the secrets on purpose
            || value is IServiceProvider or ILogger or ILoggerFactory or ILoggerProvider);
    }
}
