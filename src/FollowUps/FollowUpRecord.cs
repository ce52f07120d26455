namespace FollowUps;

/// <summary>
/// One follow-up in the outbox, from its claim to its end: what it sends, where it is, who holds it, and the audit of
/// what happened. Written whole by the claim; afterwards only its state, attempts, attempt start, lease, due time, outcome, cancel request and delivery
/// report change, each by a compare-and-set on its state and lease owner. Immutable. Its times are kept in UTC (read
/// back with a zero offset, the same instants): a record is copied at every move, and a time kept as UTC ticks takes a
/// third of the room of a <see cref="Nullable{DateTimeOffset}"/>.
/// </summary>
public sealed record FollowUpRecord
{
    // UTC ticks; for a time that may be missing, plus one, with 0 for none.
    private readonly long _attemptStartedAt;
    private readonly long _leaseExpiresAt;
    private readonly long _dueAt;
    private readonly long _claimedAt;
    private readonly long _deadline;
    private readonly long _completedAt;

    // The key's parts, and the small enums as bytes: a follow-up goes through several versions per send, so each is kept small.
    private readonly string? _accountId; // Set with the required Key.
    private readonly string? _campaignId;
    private readonly string? _contactId;
    private readonly byte _kind;
    private readonly byte _state;
    private readonly byte _waitReason;

    /// <summary>Which follow-up: account, campaign, contact and kind. The store lets each key be claimed once.</summary>
    public required FollowUpKey Key
    {
        get => new(_accountId!, _campaignId!, _contactId!, (FollowUpKind)_kind);
        init => (_accountId, _campaignId, _contactId, _kind) = (value.AccountId, value.CampaignId, value.ContactId, Small((int)value.Kind, nameof(Key)));
    }

    /// <summary>The call attempt that claimed it.</summary>
    public required string CallId { get; init; }

    /// <summary>The contact's identifiers (id, phones, emails), normalised: the do-not-contact list is checked by them before every send.</summary>
    public required IReadOnlyList<SuppressionTarget> Targets
    {
        get;
        init => field = value as Outbox.TargetList ?? new Outbox.TargetList([.. value ?? throw new ArgumentNullException(nameof(value))]);
    }

    /// <summary>The rendered SMS every attempt sends, for an SMS follow-up; <see langword="null"/> for an email.</summary>
    public SmsMessage? Sms { get; init; }

    /// <summary>The rendered email every attempt sends, for an email follow-up; <see langword="null"/> for an SMS.</summary>
    public EmailMessage? Email { get; init; }

    /// <summary>Where it is in its life.</summary>
    public required FollowUpState State { get => (FollowUpState)_state; init => _state = Small((int)value, nameof(State)); }

    /// <summary>How many sends were started: 0 until the first request leaves.</summary>
    public int Attempts { get; init; }

    /// <summary>
    /// When the last attempt started: the moment it was marked <see cref="FollowUpState.Sending"/>, just before its request
    /// left. <see langword="null"/> before the first. A reconciler asks the provider for messages created since then.
    /// </summary>
    public DateTimeOffset? AttemptStartedAt { get => Read(_attemptStartedAt); init => _attemptStartedAt = Kept(value); }

    /// <summary>Who holds it: a token the claimer or a dispatcher made, or <see langword="null"/> when nobody does.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>When the lease ends; after it, another dispatcher may take the follow-up.</summary>
    public DateTimeOffset? LeaseExpiresAt { get => Read(_leaseExpiresAt); init => _leaseExpiresAt = Kept(value); }

    /// <summary>When it is due: its first send, or its next one while <see cref="FollowUpState.Waiting"/>.</summary>
    public DateTimeOffset? DueAt { get => Read(_dueAt); init => _dueAt = Kept(value); }

    /// <summary>Why it is waiting; <see cref="WaitReason.None"/> in every other state.</summary>
    public WaitReason WaitReason { get => (WaitReason)_waitReason; init => _waitReason = Small((int)value, nameof(WaitReason)); }

    /// <summary>When it was claimed.</summary>
    public required DateTimeOffset ClaimedAt { get => new(_claimedAt, TimeSpan.Zero); init => _claimedAt = value.UtcTicks; }

    /// <summary>The last moment a send may start; after it, the follow-up expires.</summary>
    public required DateTimeOffset Deadline { get => new(_deadline, TimeSpan.Zero); init => _deadline = value.UtcTicks; }

    /// <summary>When it ended (sent, failed, unknown, expired or cancelled); <see langword="null"/> until then.</summary>
    public DateTimeOffset? CompletedAt { get => Read(_completedAt); init => _completedAt = Kept(value); }

    /// <summary>The last outcome: of the last send, or why it ended; <see langword="null"/> before any.</summary>
    public FollowUpOutcome? Outcome { get; init; }

    /// <summary>
    /// An operator's request to cancel it unless it went (a campaign paused, an account suspended, while it was sending or
    /// unknown): the outcome it ends with if it did not go. Once written, stores keep it: a later move without it does not
    /// clear it, so a send under way cannot overwrite it. <see langword="null"/> when nobody asked.
    /// </summary>
    public FollowUpOutcome? CancelRequest { get; init; }

    /// <summary>The latest delivery report applied to the sent message, or <see langword="null"/> when none came.</summary>
    public DeliveryReport? Delivery { get; init; }

    /// <summary>Whether it has ended: nothing will send it again.</summary>
    public bool IsFinal => State is FollowUpState.Sent or FollowUpState.Failed or FollowUpState.Expired or FollowUpState.Cancelled;

    /// <summary>
    /// This follow-up as <see cref="IFollowUpStore.CancelPendingAsync"/> stores it: cancelled at <paramref name="now"/> with
    /// <paramref name="outcome"/> (given this follow-up's kind), held by nobody, due never. For stores.
    /// </summary>
    /// <param name="outcome">Why it was cancelled.</param>
    /// <param name="now">When.</param>
    /// <returns>The cancelled record.</returns>
    public FollowUpRecord CancelledWith(FollowUpOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Outbox.OutboxRules.Cancelled(this, outcome with { Kind = Key.Kind }, now);
    }

    /// <summary>An enum's value as the byte the record keeps it in; one out of that range is no value of the enum.</summary>
    private static byte Small(int value, string property) => value is >= 0 and <= byte.MaxValue
        ? (byte)value
        : throw new ArgumentOutOfRangeException(property, value, $"{property} has no value {value}.");

    private static DateTimeOffset? Read(long kept) => kept == 0 ? null : new DateTimeOffset(kept - 1, TimeSpan.Zero);

    private static long Kept(DateTimeOffset? time) => time is { } value ? value.UtcTicks + 1 : 0;
}
