using System.ComponentModel.DataAnnotations;

namespace FollowUps;

/// <summary>
/// How the outbox delivers: retries, their limits, and the leases that keep two workers from sending one follow-up.
/// Validated at start-up.
/// </summary>
public sealed class FollowUpDeliveryOptions
{
    /// <summary>The most sends a follow-up gets, the first included. Default 8; from 1 to 100.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// How long after its claim a follow-up may still be sent; after it, one still waiting (or unknown) expires.
    /// Default 24 hours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Deadline { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The median delay before the first retry; later ones grow exponentially with jitter (decorrelated jitter, as Polly's
    /// <c>DecorrelatedJitterBackoffV2</c>). Default 10 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest delay between two attempts. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a claim or a send holds its follow-up before another worker may take it. It must outlive a sender's own
    /// timeout (Twilio's and SMTP's are 30 seconds by default) and is renewed while a send is in flight. Default 2 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The most due follow-ups the dispatcher leases at a time, and never more than twice
    /// <see cref="DispatchConcurrency"/>, so each starts within its lease. Default 50; from 1 to 1,000.
    /// </summary>
    [Range(1, 1_000)]
    public int DispatchBatchSize { get; set; } = 50;

    /// <summary>How many sends the dispatcher runs at once. Default 8; from 1 to 64.</summary>
    [Range(1, 64)]
    public int DispatchConcurrency { get; set; } = 8;

    /// <summary>
    /// Fairness between accounts: the most follow-ups of one account the dispatcher leases at a time, and the most of one
    /// account's channel (its texts, its email) it works on at once, so one account's backlog or hanging mailbox leaves
    /// the other workers to the other accounts. Keep it below <see cref="DispatchConcurrency"/>. Default 4; from 1 to 64.
    /// </summary>
    [Range(1, 64)]
    public int DispatchPerAccount { get; set; } = 4;

    /// <summary>
    /// How soon the dispatcher first asks the provider about a send whose outcome is unknown (when its sender is an
    /// <see cref="ISendReconciler"/>), and the shortest wait before it asks again on its own; later questions come less
    /// often as the send ages (half its age, at most an hour), until the provider tells or the deadline passes. A provider
    /// that names its own time (<see cref="Reconciliation.AskAgainAfter"/>) is asked then, but never sooner than a tenth of
    /// this. Default 1 minute; from 1 second to 1 hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the dispatcher's loop waits when nothing was due. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan DispatchPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
