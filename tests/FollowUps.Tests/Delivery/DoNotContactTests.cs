using CsCheck;

namespace FollowUps.Tests.Delivery;

/// <summary>
/// "If a contact is on your DNC list, follow-ups are suppressed automatically": whatever notation the list entry was
/// made in and however dirty the call record's fields are, a listed contact gets nothing on any channel.
/// </summary>
public sealed class DoNotContactTests
{
    /// <summary>Issue 9, item 1: a phone field with a line break, tabs, a NUL or padding is still looked up.</summary>
    [Theory]
    [InlineData("(415) 555-2671\n")]
    [InlineData("(415) 555-2671\r\n")]
    [InlineData("415\t555\t2671")]
    [InlineData("+1 415 555 2671\0")]
    [InlineData("+1 415 555 2671                                              ")]
    [InlineData("+1 415 555 2671 (mobile)")]
    [InlineData("415-555-2671 / 415-555-0000")]
    [InlineData("mobile: 415.555.2671, ask for Ann")]
    public async Task HandleCallCompleted_ListedPhoneWrittenDirty_SendsNoMissedCallEmail(string phone)
    {
        var harness = new EngineHarness();
        await harness.Suppressions.AddAsync("account-1", SuppressionTargetKind.Phone, "+1 415 555 2671");
        var call = Sample.Missed() with { Contact = Sample.Missed().Contact with { Phone = phone } };

        var report = await harness.HandleAsync(call);

        report.MissedCallEmail.Reason.Should().Be(OutcomeReason.Suppressed, report.MissedCallEmail.Detail);
        harness.Email.Messages.Should().BeEmpty();
    }

    /// <summary>Issue 9, item 2: <c>jose&#x301;@example.com</c> (decomposed) is the listed <c>josé@example.com</c>.</summary>
    [Fact]
    public async Task HandleCallCompleted_ListedEmailWrittenDecomposed_SendsNoSms()
    {
        var harness = new EngineHarness();
        await harness.Suppressions.AddAsync("account-1", SuppressionTargetKind.Email, "jos\u00E9@example.com");
        var call = Sample.Answered() with { Contact = Sample.Answered().Contact with { Email = "jose\u0301@example.com" } };

        var report = await harness.HandleAsync(call);

        report.Sms.Reason.Should().Be(OutcomeReason.Suppressed, report.Sms.Detail);
        harness.Sms.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task HandleCallCompleted_DecomposedEmailNotListed_IsEmailedComposed()
    {
        var harness = new EngineHarness();
        var call = Sample.Missed() with { Contact = Sample.Missed().Contact with { Email = "JOSE\u0301@Example.com" } };

        var report = await harness.HandleAsync(call);

        report.MissedCallEmail.Status.Should().Be(OutcomeStatus.Sent, report.MissedCallEmail.Detail);
        harness.Email.Messages.Should().ContainSingle().Which.To.Should().Be("jos\u00E9@example.com");
    }

    /// <summary>A listed email written inside other text, with a zero-width character, quoted or with a trailing dot.</summary>
    [Theory]
    [InlineData("Ann Lee <ann.lee@example.com>")]
    [InlineData("mailto:ann.lee@example.com")]
    [InlineData("ann.lee@example.com.")]
    [InlineData("ann.lee\u200B@example.com")]
    [InlineData("\"ann.lee\"@example.com")]
    public async Task HandleCallCompleted_ListedEmailWrittenDirty_SendsNoSms(string email)
    {
        var harness = new EngineHarness();
        await harness.Suppressions.AddAsync("account-1", SuppressionTargetKind.Email, "ann.lee@example.com");
        var call = Sample.Answered() with { Contact = Sample.Answered().Contact with { Email = email } };

        var report = await harness.HandleAsync(call);

        report.Sms.Reason.Should().Be(OutcomeReason.Suppressed, report.Sms.Detail);
        harness.Sms.Messages.Should().BeEmpty();
    }

    /// <summary>A field too long to be a phone or an address makes the call record invalid: nothing is sent unchecked.</summary>
    [Fact]
    public async Task HandleCallCompleted_PhoneFieldPaddedPastAThousandCharacters_SendsNothing()
    {
        var harness = new EngineHarness();
        await harness.Suppressions.AddAsync("account-1", SuppressionTargetKind.Phone, "+1 415 555 2671");
        var call = Sample.Missed() with { Contact = Sample.Missed().Contact with { Phone = "+1 415 555 2671" + new string(' ', 1_000) } };

        var report = await harness.HandleAsync(call);

        report.Outcomes.Should().OnlyContain(o => o.Reason == OutcomeReason.InvalidCall);
        report.MissedCallEmail.Detail.Should().Be("The call record is incomplete: Contact.Phone is longer than 1,000 characters.");
        harness.Email.Messages.Should().BeEmpty();
    }

    /// <summary>
    /// An identifier that cannot be read at all is no path around the list: the others are still looked up (a listed
    /// email stops every kind although the phone is garbage), and the list cannot hold it (it stores only values this
    /// same normalisation reads), so it stops nothing else by itself.
    /// </summary>
    [Fact]
    public async Task HandleCallCompleted_UnreadablePhone_StillLooksUpTheEmail()
    {
        var harness = new EngineHarness();
        await harness.Suppressions.AddAsync("account-1", SuppressionTargetKind.Email, "ann.lee@example.com");
        var call = Sample.Missed() with { Contact = Sample.Missed().Contact with { Phone = "call the front desk" } };

        var report = await harness.HandleAsync(call);

        report.MissedCallEmail.Reason.Should().Be(OutcomeReason.Suppressed);
        harness.Email.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task HandleCallCompleted_UnreadablePhoneNotListed_StillSendsTheMissedCallEmail()
    {
        var harness = new EngineHarness();
        var call = Sample.Missed() with { Contact = Sample.Missed().Contact with { Phone = "call the front desk" } };

        var report = await harness.HandleAsync(call);

        report.MissedCallEmail.Status.Should().Be(OutcomeStatus.Sent, report.MissedCallEmail.Detail);
    }

    /// <summary>
    /// The property: for any contact whose phone, email or id is on the list, in any notation the list accepts and
    /// with the call record's field in any other notation, dirt and surrounding text included, nothing is sent on any
    /// channel, whether the call was answered with consent to both or missed.
    /// </summary>
    [Fact]
    public async Task HandleCallCompleted_ContactListedInAnyNotation_GetsNothing()
    {
        var listed = Gen.OneOf(
            Gen.Select(Numbers, PhoneNotation, PhoneNotation, (n, entry, record) => Listing.Phone(n, entry, record)),
            Gen.Select(Addresses, EmailNotation, EmailNotation, (a, entry, record) => Listing.Email(a, entry, record)),
            Gen.Const(Listing.ContactId));
        var dirt = Gen.OneOf(Gen.Const(""), Gen.Const("\n"), Gen.Const("\r\n"), Gen.Const("\0"), Gen.Const("\u200E"), Gen.Int[1, 60].Select(n => new string(' ', n)));
        var wrapper = Gen.OneOf<Func<SuppressionTargetKind, string, string>>(
            (_, value) => value,
            (kind, value) => kind == SuppressionTargetKind.Phone ? $"{value} (mobile)" : $"Ann <{value}>",
            (kind, value) => kind == SuppressionTargetKind.Phone ? $"cell: {value}, ask for Ann" : $"mailto:{value}",
            (kind, value) => kind == SuppressionTargetKind.Phone ? $"{value} / +1 212 555 0100" : $"{value}.");

        await Gen.Select(listed, dirt, dirt, wrapper, Gen.Bool).SampleAsync(async (listing, before, after, wrap, answered) =>
        {
            var harness = new EngineHarness();
            await harness.Suppressions.AddAsync("account-1", listing.Kind, listing.Entry);
            var call = answered ? Sample.Answered() : Sample.Missed();
            var contact = listing.Kind switch
            {
                SuppressionTargetKind.Phone => call.Contact with { Phone = before + wrap(listing.Kind, listing.Record) + after },
                SuppressionTargetKind.Email => call.Contact with { Email = before + wrap(listing.Kind, listing.Record) + after },
                _ => call.Contact,
            };

            var report = await harness.HandleAsync(call with { Contact = contact });

            report.Outcomes.Should().OnlyContain(o => o.Status == OutcomeStatus.Skipped, report.ToString());
            report.Outcomes.Should().Contain(o => o.Reason == OutcomeReason.Suppressed, "the channel the call was for is stopped by the list, not by chance");
            harness.Sms.Messages.Should().BeEmpty();
            harness.Email.Messages.Should().BeEmpty();
        }, iter: 300);
    }

    /// <summary>Valid numbers of several countries, in E.164.</summary>
    private static readonly Gen<string> Numbers = Gen.OneOf(
        Gen.Const("+14155552671"), Gen.Const("+12125550143"), Gen.Const("+13105550199"), Gen.Const("+442079460958"), Gen.Const("+4930901820"));

    /// <summary>Notations a person or a CRM writes a number in; the punctuation inside the national part is free.</summary>
    private static readonly Gen<Func<string, string>> PhoneNotation = Gen.OneOf<Func<string, string>>(
        e164 => e164,
        e164 => Group(e164, " "),
        e164 => Group(e164, "-"),
        e164 => Group(e164, "."),
        e164 => Group(e164, "\t"),
        e164 => e164.StartsWith("+1", StringComparison.Ordinal) ? $"({e164[2..5]}) {e164[5..8]}-{e164[8..]}" : e164,
        e164 => e164.StartsWith("+1", StringComparison.Ordinal) ? $"1-{e164[2..5]}-{e164[5..8]}-{e164[8..]}" : $"+{e164[1..3]} {e164[3..]}");

    private static readonly Gen<string> Addresses = Gen.OneOf(
        Gen.Const("ann.lee@example.com"), Gen.Const("jos\u00E9@example.com"), Gen.Const("ida@b\u00FCcher.example"), Gen.Const("o'brien+fu@mail.example.co.uk"));

    /// <summary>Notations of one address: case, decomposed accents, the domain in Unicode or ASCII.</summary>
    private static readonly Gen<Func<string, string>> EmailNotation = Gen.OneOf<Func<string, string>>(
        a => a,
        a => a.ToUpperInvariant(),
        a => a.Normalize(System.Text.NormalizationForm.FormD),
        a => a.Replace("b\u00FCcher", "xn--bcher-kva", StringComparison.Ordinal),
        a => char.ToUpperInvariant(a[0]) + a[1..]);

    /// <summary>The E.164 number as its country code, groups of three, and the last four digits.</summary>
    private static string Group(string e164, string separator)
    {
        var country = e164.StartsWith("+1", StringComparison.Ordinal) ? 2 : 3;
        var cut = e164.Length - 4;
        return string.Join(separator, [e164[..country], .. e164[country..cut].Chunk(3).Select(c => new string(c)), e164[cut..]]);
    }

    /// <summary>One do-not-contact entry as the host wrote it, and the same identifier as the call record writes it.</summary>
    private sealed record Listing(SuppressionTargetKind Kind, string Entry, string Record)
    {
        public static Listing ContactId { get; } = new(SuppressionTargetKind.ContactId, "contact-1", "contact-1");

        public static Listing Phone(string e164, Func<string, string> entry, Func<string, string> record) =>
            new(SuppressionTargetKind.Phone, entry(e164), record(e164));

        public static Listing Email(string address, Func<string, string> entry, Func<string, string> record) =>
            new(SuppressionTargetKind.Email, entry(address), record(address));
    }
}
