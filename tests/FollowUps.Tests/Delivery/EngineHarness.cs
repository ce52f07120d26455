using FollowUps.Delivery;
using FollowUps.Dispatch;
using FollowUps.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Tests.Delivery;

/// <summary>A real engine over the in-memory store (or a given one), recording senders, a fake clock and a fake logger.</summary>
internal sealed class EngineHarness
{
    private readonly Lazy<FollowUpDispatcher> _dispatcher;

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
        Action<FollowUpDeliveryOptions>? configureDelivery = null)
    {
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
        Store = store ?? new InMemoryFollowUpStore();
        var suppressions = Store as ISuppressionStore ?? new InMemoryFollowUpStore();
        Delivery = new FollowUpDeliveryOptions();
        configureDelivery?.Invoke(Delivery);
        Sms = new RecordingSmsSender(sms);
        Email = new RecordingEmailSender(email);
        Engine = new FollowUpEngine(
            Store,
            suppressions,
            options,
            Options.Create(Delivery),
            Time,
            Logger,
            withSenders ? Sms : null,
            withSenders ? Email : null);
        Suppressions = new SuppressionList(suppressions, Store, options, Time);
        _dispatcher = new(() => new FollowUpDispatcher(Store, suppressions, Options.Create(Delivery), Time, Observers, null, withSenders ? Sms : null, withSenders ? Email : null));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero));

    public FakeLogger<FollowUpEngine> Logger { get; } = new();

    public IFollowUpStore Store { get; }

    public RecordingSmsSender Sms { get; }

    public RecordingEmailSender Email { get; }

    public FollowUpEngine Engine { get; }

    public SuppressionList Suppressions { get; }

    public FollowUpDeliveryOptions Delivery { get; }

    /// <summary>A dispatcher over the same outbox, list, clock and senders; made on first use, with the <see cref="Observers"/> added by then.</summary>
    public FollowUpDispatcher Dispatcher => _dispatcher.Value;

    /// <summary>Observers the dispatcher tells; add to it before the first use of <see cref="Dispatcher"/>.</summary>
    public List<IFollowUpObserver> Observers { get; } = [];

    public Task<FollowUpReport> HandleAsync(CallCompleted call, CampaignFollowUpSettings? campaign = null, CancellationToken cancellationToken = default) =>
        Engine.HandleCallCompletedAsync(call, campaign ?? Sample.AllChannels, cancellationToken);
}
