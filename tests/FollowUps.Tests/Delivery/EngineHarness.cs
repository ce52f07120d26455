using FollowUps.Accounts;
using FollowUps.Delivery;
using FollowUps.Dispatch;
using FollowUps.Operations;
using FollowUps.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Tests.Delivery;

/// <summary>
/// A real engine, dispatcher and operator over the in-memory store (or a given one), recording senders (the SMS one a
/// reconciler when given answers), a fake clock and fake loggers.
/// </summary>
internal sealed class EngineHarness
{
    private readonly Lazy<FollowUpDispatcher> _dispatcher;
    private readonly Lazy<FollowUpOperator> _operator;

    public static readonly FollowUpOptions Defaults = new()
    {
        BrandName = "Acme Dental",
        DefaultSenderName = "Dana",
        DefaultMeetingLink = "https://cal.example.com/acme",
        DefaultRegion = "US",
    };

    public EngineHarness(
        Func<SmsMessage, SendResult>? sms = null,
        Func<EmailMessage, SendResult>? email = null,
        IFollowUpStore? store = null,
        bool withSenders = true,
        int maxSmsSegments = 3,
        Action<FollowUpOptions>? configure = null,
        Action<FollowUpDeliveryOptions>? configureDelivery = null,
        Func<FollowUpRecord, Reconciliation>? reconcile = null,
        FakeTimeProvider? time = null,
        IFollowUpAccounts? accounts = null,
        FollowUpAccountsOptions? accountsOptions = null,
        IServiceProvider? keyedSenders = null)
    {
        Time = time ?? new(Start);
        var account = new FollowUpOptions
        {
            BrandName = Defaults.BrandName,
            DefaultSenderName = Defaults.DefaultSenderName,
            DefaultMeetingLink = Defaults.DefaultMeetingLink,
            DefaultRegion = Defaults.DefaultRegion,
            MaxSmsSegments = maxSmsSegments,
        };
        configure?.Invoke(account);
        var options = Options.Create(account);
        Store = store ?? new InMemoryFollowUpStore(timeProvider: Time);
        var suppressions = Store as ISuppressionStore ?? new InMemoryFollowUpStore();
        Delivery = new FollowUpDeliveryOptions();
        configureDelivery?.Invoke(Delivery);
        ISmsSender smsSender = reconcile is null ? new RecordingSmsSender(sms) : Reconciler = new ReconcilingSmsSender(sms, reconcile);
        Sms = (RecordingSender<SmsMessage>)smsSender;
        Email = new RecordingEmailSender(email);
        var senders = new AccountSenders(withSenders ? smsSender : null, withSenders ? Email : null, keyedSenders);
        Accounts = new AccountDirectory(accounts ?? new OptionsAccounts(options), Options.Create(accountsOptions ?? new FollowUpAccountsOptions()), options, Time, senders: senders);
        Engine = new FollowUpEngine(
            Store,
            suppressions,
            options,
            Options.Create(Delivery),
            Time,
            Logger,
            withSenders ? smsSender : null,
            withSenders ? Email : null,
            Accounts);
        Suppressions = new SuppressionList(suppressions, Store, options, Time, accounts: Accounts);
        _dispatcher = new(() => new FollowUpDispatcher(Store, suppressions, Options.Create(Delivery), Time, Observers, DispatcherLogger, withSenders ? smsSender : null, withSenders ? Email : null, Accounts));
        _operator = new(() => new FollowUpOperator(Store, Time, Observers, OperatorLogger));
    }

    /// <summary>When every harness's clock starts.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 11, 28, 15, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; }

    public FakeLogger<FollowUpEngine> Logger { get; } = new();

    public FakeLogger<FollowUpDispatcher> DispatcherLogger { get; } = new();

    public FakeLogger<FollowUpOperator> OperatorLogger { get; } = new();

    public IFollowUpStore Store { get; }

    /// <summary>The SMS sender's record of what it was handed.</summary>
    public RecordingSender<SmsMessage> Sms { get; }

    /// <summary>The SMS sender as a reconciler, when the harness was given answers for it; else <see langword="null"/>.</summary>
    public ReconcilingSmsSender? Reconciler { get; }

    public RecordingEmailSender Email { get; }

    public FollowUpEngine Engine { get; }

    public SuppressionList Suppressions { get; }

    /// <summary>The accounts as the engine and the list read them (the harness's own settings for every account, unless given a source).</summary>
    public AccountDirectory Accounts { get; }

    public FollowUpDeliveryOptions Delivery { get; }

    /// <summary>A dispatcher over the same outbox, list, clock and senders; made on first use, with the <see cref="Observers"/> added by then.</summary>
    public FollowUpDispatcher Dispatcher => _dispatcher.Value;

    /// <summary>An operator over the same outbox and clock, telling the same <see cref="Observers"/>; made on first use.</summary>
    public FollowUpOperator Operator => _operator.Value;

    /// <summary>Observers the dispatcher tells; add to it before the first use of <see cref="Dispatcher"/>.</summary>
    public List<IFollowUpObserver> Observers { get; } = [];

    public Task<FollowUpReport> HandleAsync(CallCompleted call, CampaignFollowUpSettings? campaign = null, CancellationToken cancellationToken = default) =>
        Engine.HandleCallCompletedAsync(call, campaign ?? Sample.AllChannels, cancellationToken);
}
