using System.Diagnostics;

namespace FollowUps.Samples.Load;

/// <summary>
/// The load run's senders: they accept every message at once (no file, no network) and record, for the call running
/// now (<see cref="Current"/>), when each sender was first called and how many messages each got. Calls run one after
/// another and the engine sends inline, so a message belongs to the call that is running; one that names another
/// contact is counted in <see cref="Strays"/> (none should be). <see cref="Start"/> begins a run (the warm-up, then
/// the measured calls).
/// </summary>
internal sealed class LoadSenders(LoadTimings timings) : ISmsSender, IEmailSender
{
    private static readonly Task<SendResult> SentSms = Task.FromResult(SendResult.Sent("load-sms"));
    private static readonly Task<SendResult> SentEmail = Task.FromResult(SendResult.Sent("load-email"));

    private IReadOnlyList<CallCompleted> _calls = [];
    private long[] _firstSend = [];
    private int[] _sms = [];
    private int[] _emails = [];
    private int _strays;

    /// <summary>Forgets the last run and records for <paramref name="calls"/> from now on.</summary>
    public void Start(IReadOnlyList<CallCompleted> calls)
    {
        (_calls, _firstSend, _sms, _emails, _strays, Current) = (calls, new long[calls.Count], new int[calls.Count], new int[calls.Count], 0, -1);
    }

    /// <summary>The index of the call running now; -1 between runs (a message then is a stray).</summary>
    public int Current { get; set; } = -1;

    /// <summary>Messages for a contact other than the running call's.</summary>
    public int Strays => _strays;

    /// <summary>The <see cref="Stopwatch.GetTimestamp"/> at which call <paramref name="index"/> first reached a sender; 0 if none.</summary>
    public long FirstSend(int index) => _firstSend[index];

    /// <summary>How many SMS call <paramref name="index"/> sent.</summary>
    public int Sms(int index) => _sms[index];

    /// <summary>How many emails (follow-up or missed-call) call <paramref name="index"/> sent.</summary>
    public int Emails(int index) => _emails[index];

    public Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        if (Record(message.Key, now) is { } index)
        {
            _sms[index]++;
        }

        timings.Add(LoadStage.SmsSender, now);
        return SentSms;
    }

    public Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        if (Record(message.Key, now) is { } index)
        {
            _emails[index]++;
        }

        timings.Add(LoadStage.EmailSender, now);
        return SentEmail;
    }

    private int? Record(FollowUpKey key, long now)
    {
        var index = Current;
        if (index < 0 || !string.Equals(_calls[index].Contact.Id, key.ContactId, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _strays);
            return null;
        }

        if (_firstSend[index] == 0)
        {
            _firstSend[index] = now;
        }

        return index;
    }
}
