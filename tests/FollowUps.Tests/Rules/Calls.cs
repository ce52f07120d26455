namespace FollowUps.Tests.Rules;

/// <summary>
/// Test calls: one realistic answered call in which the contact agreed to a text and an email, booked an
/// appointment and got a summary, and a missed call. Change one thing with <c>with</c> or the helpers below.
/// </summary>
internal static class Calls
{
    public const string PhoneAsDialled = "(415) 555-2671";
    public const string PhoneE164 = "+14155552671";
    public const string EmailOnFile = "ann.lee@example.com";
    public const string CapturedEmailAsSpoken = " Ann.Lee@Work.Example ";
    public const string CapturedEmail = "ann.lee@work.example";

    public static DateTimeOffset StartedAt { get; } = new(2025, 7, 15, 14, 0, 0, TimeSpan.Zero);

    /// <summary>Turn 3 is the contact agreeing to a text; turn 5 agreeing to an email.</summary>
    public static IReadOnlyList<TranscriptTurn> Transcript { get; } =
    [
        Agent("Hi, is this Ann? This is Dana calling from Acme Dental about your cleaning."),
        Contact("Yes, this is Ann."),
        Agent("Would it be all right if I texted you a link to book a time?"),
        Contact("Sure, you can text me the link."),
        Agent("And may I email you the details? Which address should I use?"),
        Contact("Yes, please email me at ann.lee@work.example."),
        Agent("You're booked for Tuesday at 3:30 at our Market Street office. Talk soon!"),
        Contact("Thanks, bye."),
    ];

    public static ChannelConsent SmsConsent { get; } = ChannelConsent.Granted(3, "you can text me", TimeSpan.FromSeconds(21));

    public static ChannelConsent EmailConsent { get; } = ChannelConsent.Granted(5, "please email me", TimeSpan.FromSeconds(34));

    /// <summary>Tuesday 15 July 2025, 3:30 PM in New York (19:30 UTC, daylight saving time).</summary>
    public static Appointment Appointment { get; } = new()
    {
        StartsAt = new DateTimeOffset(2025, 7, 15, 19, 30, 0, TimeSpan.Zero),
        TimeZone = "America/New_York",
        Location = "Acme Dental, 200 Market St, Suite 4",
    };

    public const string Summary = "You asked about teeth whitening; we booked a cleaning first and will price whitening at the visit.";

    public static CallCompleted Answered { get; } = new()
    {
        AccountId = "acct-acme",
        CampaignId = "camp-summer-recall",
        CallId = "call-0001",
        Contact = new Contact { Id = "contact-ann", Phone = PhoneAsDialled, Email = EmailOnFile, FirstName = "Ann" },
        Status = CallStatus.Answered,
        StartedAt = StartedAt,
        EndedAt = StartedAt.AddMinutes(2),
        Transcript = Transcript,
        Consent = new CallConsent { Sms = SmsConsent, Email = EmailConsent },
        CapturedEmail = CapturedEmailAsSpoken,
        Appointment = Appointment,
        Summary = Summary,
    };

    /// <summary>The same contact, not reached: no transcript, no consent, nothing captured.</summary>
    public static CallCompleted NotAnswered(CallStatus status) => Answered with
    {
        Status = status,
        EndedAt = StartedAt.AddSeconds(30),
        Transcript = [],
        Consent = CallConsent.NotAsked,
        CapturedEmail = null,
        Appointment = null,
        Summary = null,
    };

    public static CallCompleted Missed { get; } = NotAnswered(CallStatus.Missed);

    public static CallCompleted WithContact(this CallCompleted call, Func<Contact, Contact> change) =>
        call with { Contact = change(call.Contact) };

    public static CallCompleted WithSmsConsent(this CallCompleted call, ChannelConsent? consent) =>
        call with { Consent = call.Consent with { Sms = consent! } };

    public static CallCompleted WithEmailConsent(this CallCompleted call, ChannelConsent? consent) =>
        call with { Consent = call.Consent with { Email = consent! } };

    public static TranscriptTurn Agent(string text) => new() { Speaker = Speaker.Agent, Text = text };

    public static TranscriptTurn Contact(string text) => new() { Speaker = Speaker.Contact, Text = text };
}
