using FollowUps.Tests.Shared;
using FollowUps.Twilio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Twilio.Tests.Inbound;

/// <summary>
/// FollowUps with the Twilio adapter as a host registers it (the in-memory store, the real do-not-contact list), and
/// the webhook forms Twilio posts, signed as Twilio signs them.
/// </summary>
internal sealed class WebhookServices : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "test-auth-token-0123456789abcdef";
    public const string AccountId = "acct-1";
    public const string ContactPhone = "+14155550123";
    public const string InboundUrl = "https://acme.example/twilio/acct-1/inbound";
    public const string StatusUrl = "https://acme.example/twilio/status?env=test";

    private readonly ServiceProvider _provider;

    private WebhookServices(Action<TwilioSmsOptions>? configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ILoggerProvider>(Logs);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme", "Dana"))
            .AddTwilioSms(o =>
            {
                o.AccountSid = AccountSid;
                o.AuthToken = AuthToken;
                o.FromNumber = "+14155550100";
                configure?.Invoke(o);
            });
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>The services, with <paramref name="configure"/> applied after the test account's settings.</summary>
    public static WebhookServices Create(Action<TwilioSmsOptions>? configure = null) => new(configure);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero));

    public FakeLoggerProvider Logs { get; } = new();

    public TwilioWebhooks Webhooks => _provider.GetRequiredService<TwilioWebhooks>();

    public ISuppressionList Suppressions => _provider.GetRequiredService<ISuppressionList>();

    public IFollowUpStore Store => _provider.GetRequiredService<IFollowUpStore>();

    /// <summary>The form of an SMS a contact sent to the account's number, as Twilio posts it.</summary>
    public static Dictionary<string, string> InboundForm(string? body, string? from = ContactPhone, string? optOutType = null)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ToCountry"] = "US",
            ["ToState"] = "CA",
            ["SmsMessageSid"] = "SM0123456789abcdef0123456789abcd01",
            ["NumMedia"] = "0",
            ["ToCity"] = "SAN FRANCISCO",
            ["FromZip"] = "94105",
            ["SmsSid"] = "SM0123456789abcdef0123456789abcd01",
            ["FromState"] = "CA",
            ["SmsStatus"] = "received",
            ["FromCity"] = "SAN FRANCISCO",
            ["FromCountry"] = "US",
            ["To"] = "+14155550100",
            ["ToZip"] = "94105",
            ["NumSegments"] = "1",
            ["MessageSid"] = "SM0123456789abcdef0123456789abcd01",
            ["AccountSid"] = AccountSid,
            ["ApiVersion"] = "2010-04-01",
        };
        Set(form, "Body", body);
        Set(form, "From", from);
        Set(form, "OptOutType", optOutType);
        return form;
    }

    /// <summary>The form of a delivery status callback, as Twilio posts it.</summary>
    public static Dictionary<string, string> StatusForm(string messageSid, string? status, string? errorCode = null)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SmsSid"] = messageSid,
            ["AccountSid"] = AccountSid,
            ["From"] = "+14155550100",
            ["To"] = ContactPhone,
            ["ApiVersion"] = "2010-04-01",
        };
        Set(form, "MessageSid", messageSid);
        Set(form, "MessageStatus", status);
        Set(form, "SmsStatus", status);
        Set(form, "ErrorCode", errorCode);
        return form;
    }

    /// <summary>An inbound request signed with the account's auth token for <see cref="InboundUrl"/>.</summary>
    public static TwilioWebhookRequest SignedInbound(IReadOnlyDictionary<string, string> form) => Signatures.Signed(AuthToken, InboundUrl, form);

    /// <summary>A status callback signed with the account's auth token for <see cref="StatusUrl"/>.</summary>
    public static TwilioWebhookRequest SignedStatus(IReadOnlyDictionary<string, string> form) => Signatures.Signed(AuthToken, StatusUrl, form);

    /// <summary>An SMS follow-up the engine claimed and Twilio accepted as <paramref name="messageSid"/>.</summary>
    public async Task<FollowUpKey> SeedSentSmsAsync(string messageSid, string contactId = "contact-1")
    {
        var key = new FollowUpKey(AccountId, "camp-1", contactId, FollowUpKind.Sms);
        (await Store.TryClaimAsync(key, Time.GetUtcNow(), CancellationToken.None)).Should().BeTrue();
        var outcome = new FollowUpOutcome
        {
            Kind = FollowUpKind.Sms,
            Status = OutcomeStatus.Sent,
            Reason = OutcomeReason.None,
            Recipient = ContactPhone,
            Text = "Hi Ann, it's Dana from Acme. Reply STOP to opt out.",
            ProviderMessageId = messageSid,
        };
        await Store.CompleteAsync(key, outcome, Time.GetUtcNow(), CancellationToken.None);
        return key;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private static void Set(Dictionary<string, string> form, string name, string? value)
    {
        if (value is not null)
        {
            form[name] = value;
        }
    }
}
