namespace FollowUps.Samples.Load;

/// <summary>
/// The generated calls of a load run, deterministic for a seed: each a contact of its own (its id, phone and email), in
/// a shuffled mix of 70 % answered with SMS and email consent, 10 % answered with SMS consent only, 15 % missed with an
/// email on file and 5 % whose phone is on the do-not-contact list. The campaigns are two of the replay's (calls.json):
/// recall-2026 (Meeting Request SMS, an email with bold text, a three-item list and the meeting link, a missed-call
/// email) and new-patient-intro (Next Step SMS with the campaign's sender name and link).
/// </summary>
internal sealed class LoadCalls
{
    public const string AccountId = "acme-dental";
    public const string Recall = "recall-2026";
    public const string NewPatient = "new-patient-intro";

    /// <summary>The do-not-contact phones: 415-555-01xx, a range no other generated contact uses.</summary>
    public const int DoNotContactPhones = 100;

    /// <summary>California's area codes: with the 9,000 line numbers 555-1000 to 555-9999 each, the phones that are a call's own.</summary>
    private static readonly string[] AreaCodes =
    [
        "415", "628", "510", "650", "408", "707", "925", "209", "213", "310", "323", "424", "442", "530", "559", "562", "619",
        "626", "657", "661", "669", "714", "747", "760", "805", "818", "831", "858", "909", "916", "949", "951",
    ];

    /// <summary>The most calls one run can make, each with a phone of its own.</summary>
    public static int MaxCalls => AreaCodes.Length * 9_000;

    private static readonly IReadOnlyList<TranscriptTurn> BothTranscript =
    [
        new() { Speaker = Speaker.Agent, Text = "Hi, this is Dana from Acme Dental. You're due for your six-month cleaning. Can I text you a link to pick a time?" },
        new() { Speaker = Speaker.Contact, Text = "Yes, you can text me the link." },
        new() { Speaker = Speaker.Agent, Text = "Great. Would you also like an email with our opening hours and the plans we accept?" },
        new() { Speaker = Speaker.Contact, Text = "Sure, email is fine. Use the one you have on file." },
    ];

    private static readonly CallConsent BothConsent = new() { Sms = ChannelConsent.Granted(1, "you can text me the link"), Email = ChannelConsent.Granted(3, "email is fine") };

    private static readonly IReadOnlyList<TranscriptTurn> SmsTranscript =
    [
        new() { Speaker = Speaker.Agent, Text = "Hi, this is Priya from Acme Dental about your new-patient form. The next step is a short call with our coordinator. May I text you a link to pick a time?" },
        new() { Speaker = Speaker.Contact, Text = "Sure, text me." },
    ];

    private static readonly CallConsent SmsConsent = new() { Sms = ChannelConsent.Granted(1, "text me") };

    private static readonly string[] FirstNames = ["Maria", "Zoë", "Aisha", "Tom", "Grace", "Luis", "Hannah", "Robert", "Wei", "Kevin", "Priya", "James"];

    private LoadCalls(CallCompleted[] calls, LoadCallKind[] kinds)
    {
        Calls = calls;
        Kinds = kinds;
    }

    /// <summary>The campaigns by id.</summary>
    public static IReadOnlyDictionary<string, CampaignFollowUpSettings> Campaigns { get; } = new Dictionary<string, CampaignFollowUpSettings>
    {
        [Recall] = new()
        {
            Sms = new() { Enabled = true, Template = SmsTemplateKind.MeetingRequest },
            Email = new()
            {
                Enabled = true,
                AskForEmail = true,
                FromName = "Dana at Acme Dental",
                MeetingLink = "https://cal.example.com/acme-dental",
                Subject = "{{ first_name }}, time for your cleaning at {{ brand }}",
                Body = "Hi {{ first_name }},\n\nThanks for taking our call today. It's time for your **six-month cleaning and check-up**: pick a time that suits you at {{ meeting_link }}.\n\n- We're open Monday to Saturday, 8 am to 6 pm.\n- We accept most dental plans.\n- New-patient forms come with every booking confirmation, so there is nothing to print.\n\n{{ sender_name }} and the {{ brand }} team",
            },
            MissedCallEmail = new()
            {
                Enabled = true,
                Subject = "Sorry we missed you",
                Body = "Hi {{ first_name }},\n\nWe tried to reach you today about your next cleaning at {{ brand }}. No need to call back: reply to this email, or call us at (415) 555-0100 when it suits you.\n\nThe {{ brand }} team",
            },
        },
        [NewPatient] = new()
        {
            Sms = new() { Enabled = true, Template = SmsTemplateKind.NextStep, SenderName = "Priya", MeetingLink = "https://cal.example.com/acme-dental/new-patients" },
        },
    };

    /// <summary>The calls, in the order they run.</summary>
    public IReadOnlyList<CallCompleted> Calls { get; }

    /// <summary>Each call's kind, by the calls' index.</summary>
    public IReadOnlyList<LoadCallKind> Kinds { get; }

    /// <summary>The do-not-contact list the calls assume: the phones <see cref="LoadCallKind.DoNotContact"/> calls use.</summary>
    public static IEnumerable<string> DoNotContactList => Enumerable.Range(0, DoNotContactPhones).Select(DoNotContactPhone);

    /// <summary>
    /// Generates <paramref name="count"/> calls for <paramref name="accountId"/>, each with a contact of its own
    /// (<paramref name="contactPrefix"/> and its index), ended a minute before <paramref name="now"/>.
    /// </summary>
    public static LoadCalls Generate(int count, int seed, string accountId, string contactPrefix, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > MaxCalls)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"At most {MaxCalls:N0} calls have a phone of their own.");
        }

        var random = new Random(seed);
        var calls = new CallCompleted[count];
        var kinds = new LoadCallKind[count];
        for (var i = 0; i < count; i++)
        {
            var kind = random.Next(100) switch
            {
                < 70 => LoadCallKind.AnsweredSmsAndEmail,
                < 80 => LoadCallKind.AnsweredSmsOnly,
                < 95 => LoadCallKind.MissedWithEmail,
                _ => LoadCallKind.DoNotContact,
            };
            var id = $"{contactPrefix}{i:D6}";
            var contact = new Contact
            {
                Id = id,
                // Distinct phones from 555-1000 up; the do-not-contact ones are 415-555-01xx, which repeat.
                Phone = kind == LoadCallKind.DoNotContact ? DoNotContactPhone(random.Next(DoNotContactPhones)) : $"({AreaCodes[i % AreaCodes.Length]}) 555-{1000 + i / AreaCodes.Length:D4}",
                Email = kind == LoadCallKind.AnsweredSmsOnly ? null : $"{id}@example.com",
                FirstName = FirstNames[random.Next(FirstNames.Length)],
            };
            var ended = now.AddMinutes(-1);
            calls[i] = new CallCompleted
            {
                AccountId = accountId,
                CampaignId = kind == LoadCallKind.AnsweredSmsOnly ? NewPatient : Recall,
                CallId = $"call-{id}",
                Contact = contact,
                Status = kind == LoadCallKind.MissedWithEmail ? CallStatus.Missed : CallStatus.Answered,
                StartedAt = ended.AddSeconds(-90),
                EndedAt = ended,
                Transcript = kind switch
                {
                    LoadCallKind.MissedWithEmail => [],
                    LoadCallKind.AnsweredSmsOnly => SmsTranscript,
                    _ => BothTranscript,
                },
                Consent = kind switch
                {
                    LoadCallKind.MissedWithEmail => CallConsent.NotAsked,
                    LoadCallKind.AnsweredSmsOnly => SmsConsent,
                    _ => BothConsent,
                },
            };
            kinds[i] = kind;
        }

        return new LoadCalls(calls, kinds);
    }

    private static string DoNotContactPhone(int index) => $"+1 415-555-{100 + index:D4}";
}
