using CsCheck;
using FollowUps.Rules;
using FollowUps.Templates;
using FollowUps.Tests.Rules;
using Snapshooter;
using Snapshooter.Xunit;

namespace FollowUps.Tests.Templates;

/// <summary>
/// The SMS arrives whole: slot values smart-encoded, the free-text slot shortened as little as needed, the name left
/// out as a last resort, and an honest "does not fit" when nothing helps.
/// </summary>
public sealed class SmsComposerTests
{
    /// <summary>300 characters (the planner's limit): over one segment's room, and over two's.</summary>
    private const string LongSummary =
        "You asked about teeth whitening and whether it is safe with your crowns. We booked a cleaning for Tuesday " +
        "at 3:30 PM first, and Dr. Lee will check your gums and price whitening at the visit. Bring your insurance " +
        "card and a list of your medicines; parking is free behind the building on Market Street.";

    /// <summary>
    /// The Conversation Summary's fixed words between the slot before the summary and the summary (". Quick recap: "),
    /// taken from the template so that <see cref="RecapOf"/> follows its wording.
    /// </summary>
    private static readonly string RecapLead = WordsBefore(SmsTemplateKind.ConversationSummary, "{{ summary }}");

    private static readonly string[] Senders = ["Dana", "Sam", "Dr. Priya Raman", "Zoë"];
    private static readonly string[] Brands = ["Acme Dental", "Bright Smile Family Dentistry", "Café Dentaire"];
    private static readonly string[] Links = ["https://cal.example.com/acme-dental", "https://calendly.com/bright-smile/cleaning-30min", "https://acme.example/b"];
    private static readonly string[] Promos = ["SMILE20", "WHITEN-AUG31", "X"];
    private static readonly string[] TimeZones = ["America/New_York", "America/Los_Angeles", "America/Argentina/Buenos_Aires", "Europe/Warsaw", "Asia/Kolkata", "EST5EDT"];

    /// <summary>Well-formed text from a call: any Unicode scalar values, and runs of words, emoji and look-alikes.</summary>
    private static readonly Gen<string> CallText = Gen.OneOf(
        Gen.OneOf(
            SmsTextTests.Fragment.Where(f => !f.Any(char.IsSurrogate) || char.IsSurrogatePair(f, 0)),
            Gen.OneOf("we", "booked", "a", "cleaning", "Tuesday", "whitening", "Dr.", "Lee", "\t", "\r\n", "\u0007", "\u202E", "\u200B", "  "))
            .Array[0, 120]
            .Select(parts => string.Join(' ', parts)),
        Gen.Int[0x20, 0x2FFF].Array[0, 200].Select(Scalars),
        Gen.Int[0, 0x10FFFF].Where(c => c is < 0xD800 or > 0xDFFF).Array[0, 200].Select(Scalars));

    [Theory]
    [MemberData(nameof(TemplateKinds.All), MemberType = typeof(TemplateKinds))]
    public void Compose_TextThatFits_IsTheRenderedTextUnchanged(SmsTemplateKind kind)
    {
        var slots = Planned(kind);

        var composed = SmsComposer.Compose(kind, slots, maxSegments: 3);

        var rendered = SmsRenderer.Render(kind, slots);
        composed.Text.Should().Be(rendered);
        composed.FitsBudget.Should().BeTrue();
        composed.Measure.Should().BeEquivalentTo(SmsText.Measure(rendered));
        composed.Text.Should().StartWith("Hi Ann, ").And.NotContain("...");
    }

    [Theory]
    [InlineData(1, 160)]
    [InlineData(2, 306)]
    public void Compose_LongSummary_IsShortenedAtAWordBoundaryToTheLongestTextThatFits(int budget, int septets)
    {
        var slots = Planned(SmsTemplateKind.ConversationSummary) with { Summary = LongSummary };
        SmsText.Measure(SmsRenderer.Render(SmsTemplateKind.ConversationSummary, slots)).Segments.Should().BeGreaterThan(budget, "the whole summary is too long");

        var composed = SmsComposer.Compose(SmsTemplateKind.ConversationSummary, slots, budget);

        composed.FitsBudget.Should().BeTrue();
        composed.Measure.Should().BeEquivalentTo(new { Encoding = SmsEncoding.Gsm7, Segments = budget });
        composed.Measure.Length.Should().BeLessThanOrEqualTo(septets);
        var recap = RecapOf(composed.Text);
        composed.Text.Should().Be(TemplateWording.Filled(SmsTemplateKind.ConversationSummary, slots with { Summary = recap }));
        recap.Should().EndWith("...");

        var kept = recap[..^3];
        LongSummary.Should().StartWith(kept);
        LongSummary[kept.Length].Should().BeOneOf([' ', '.', ','], "the cut is at a word boundary (its punctuation dropped): \"{0}\"", kept);

        var next = LongSummary.IndexOf(' ', LongSummary.IndexOf(' ', kept.Length) + 1);
        var oneMoreWord = string.Concat(LongSummary.AsSpan(0, next), "...");
        var longer = SmsText.Measure(SmsRenderer.Render(SmsTemplateKind.ConversationSummary, slots with { Summary = oneMoreWord }));
        longer.Segments.Should().BeGreaterThan(budget, "shortening to one more word (\"{0}\") would not fit", oneMoreWord);
    }

    [Fact]
    public void Compose_LongOffer_IsShortenedAtAWordBoundaryAndKeepsThePromoCode()
    {
        var offer = "20% off teeth whitening, a free electric toothbrush and a free check-up for the family, booked by August 31";
        var slots = Planned(SmsTemplateKind.OfferPromo) with { OfferSummary = offer };

        var composed = SmsComposer.Compose(SmsTemplateKind.OfferPromo, slots, maxSegments: 1);

        composed.FitsBudget.Should().BeTrue();
        composed.Measure.Segments.Should().Be(1);
        composed.Text.Should().Be(TemplateWording.Filled(SmsTemplateKind.OfferPromo, slots with { OfferSummary = "20% off teeth whitening, a free..." }))
            .And.Contain(" SMILE20 ");
    }

    [Fact]
    public void Compose_CurlyQuotedSummary_IsSmartEncodedToGsm7()
    {
        var slots = Planned(SmsTemplateKind.ConversationSummary) with
        {
            Summary = "You\u2019re booked for Tue\u00A03:30\u202FPM \u2013 we\u2019ll price \u201Cwhitening\u201D at the visit\u2026",
        };
        SmsText.Measure(SmsRenderer.Render(SmsTemplateKind.ConversationSummary, slots)).Should().BeEquivalentTo(new { Encoding = SmsEncoding.Ucs2, Segments = 3 });

        var composed = SmsComposer.Compose(SmsTemplateKind.ConversationSummary, slots, maxSegments: 3);

        RecapOf(composed.Text).Should().Be("You're booked for Tue 3:30 PM - we'll price \"whitening\" at the visit...");
        composed.Measure.Should().BeEquivalentTo(new { Encoding = SmsEncoding.Gsm7, Segments = 2 }, "smart encoding saves a segment");
        composed.FitsBudget.Should().BeTrue();
    }

    [Fact]
    public void Compose_LookAlikesInNamesBrandTimeAndLocation_AreSmartEncoded()
    {
        var slots = Planned(SmsTemplateKind.AppointmentConfirmation) with
        {
            FirstName = "D\u2019Arcy",
            SenderName = "Dana\u00A0Lee",
            BrandName = "Acme \u201CSmiles\u201D",
            AppointmentTime = "Tue, Jul 15 at 3:30\u202FPM",
            AppointmentLocation = "200 Market St \u2013 Suite 4",
        };

        var composed = SmsComposer.Compose(SmsTemplateKind.AppointmentConfirmation, slots, maxSegments: 3);

        composed.Text.Should().Be(TemplateWording.Filled(SmsTemplateKind.AppointmentConfirmation, slots with
        {
            FirstName = "D'Arcy",
            SenderName = "Dana Lee",
            BrandName = "Acme \"Smiles\"",
            AppointmentTime = "Tue, Jul 15 at 3:30 PM",
            AppointmentLocation = "200 Market St - Suite 4",
        }));
        composed.Measure.Encoding.Should().Be(SmsEncoding.Gsm7);
    }

    [Fact]
    public void Compose_MeetingLinkAndPromoCode_AreNeverSmartEncoded()
    {
        const string link = "https://cal.example.com/dana\u2013lee?note=it\u2019s";
        const string promo = "SAVE\u201320";

        var meeting = SmsComposer.Compose(SmsTemplateKind.MeetingRequest, Planned(SmsTemplateKind.MeetingRequest) with { MeetingLink = link }, maxSegments: 3);
        var offer = SmsComposer.Compose(
            SmsTemplateKind.OfferPromo,
            Planned(SmsTemplateKind.OfferPromo) with { OfferSummary = "20% off \u2013 this week only", PromoCode = promo },
            maxSegments: 3);

        meeting.Text.Should().Contain(": " + link + "\n");
        meeting.Measure.Ucs2Characters.Should().Equal("\u2013", "\u2019");
        offer.Text.Should().Be(TemplateWording.Filled(
            SmsTemplateKind.OfferPromo,
            Planned(SmsTemplateKind.OfferPromo) with { OfferSummary = "20% off - this week only", PromoCode = promo }));
        offer.Measure.Ucs2Characters.Should().Equal("\u2013");
        new[] { meeting, offer }.Should().OnlyContain(c => c.FitsBudget);
    }

    [Theory]
    [InlineData(3, "Hi Łukasz, ", SmsEncoding.Ucs2, 3)]
    [InlineData(2, "Hi there, ", SmsEncoding.Gsm7, 1)]
    public void Compose_FirstNameGsm7Lacks_IsKeptWhenTheUcs2TextFitsElseGreetsThere(int budget, string greeting, SmsEncoding encoding, int segments)
    {
        var slots = Planned(SmsTemplateKind.MeetingRequest) with { FirstName = "Łukasz" };

        var composed = SmsComposer.Compose(SmsTemplateKind.MeetingRequest, slots, budget);

        composed.FitsBudget.Should().BeTrue();
        composed.Text.Should().StartWith(greeting);
        composed.Measure.Should().BeEquivalentTo(new { Encoding = encoding, Segments = segments });
        composed.Text.Should().Be(SmsRenderer.Render(SmsTemplateKind.MeetingRequest, slots with { FirstName = greeting[3..^2] }));
    }

    [Fact]
    public void Compose_FirstNameGsm7LacksAndALongSummary_LeavesOutTheNameWhenThatKeepsMoreOfTheSummary()
    {
        var slots = Planned(SmsTemplateKind.ConversationSummary) with { FirstName = "Łukasz", Summary = LongSummary };
        var withName = SmsComposer.Compose(SmsTemplateKind.ConversationSummary, slots, maxSegments: 2);
        var shortName = SmsComposer.Compose(SmsTemplateKind.ConversationSummary, slots with { FirstName = "Luke" }, maxSegments: 2);

        withName.FitsBudget.Should().BeTrue();
        withName.Text.Should().StartWith("Hi there, ", "in UCS-2 the name would cost most of the recap");
        withName.Measure.Should().BeEquivalentTo(new { Encoding = SmsEncoding.Gsm7, Segments = 2 });
        shortName.Text.Should().StartWith("Hi Luke, ", "a GSM-7 name costs only its own letters");
    }

    [Fact]
    public void Compose_NameAndSummaryCannotBothFitOneSegment_GreetsThereAndKeepsTheLongestSummary()
    {
        var slots = Planned(SmsTemplateKind.ConversationSummary) with { FirstName = "Łukasz", Summary = LongSummary };

        var composed = SmsComposer.Compose(SmsTemplateKind.ConversationSummary, slots, maxSegments: 1);

        composed.FitsBudget.Should().BeTrue();
        composed.Text.Should().StartWith("Hi there, ");
        composed.Measure.Should().BeEquivalentTo(new { Encoding = SmsEncoding.Gsm7, Segments = 1 });
        var expected = SmsComposer.Compose(SmsTemplateKind.ConversationSummary, slots with { FirstName = SlotText.NoName }, maxSegments: 1);
        composed.Text.Should().Be(expected.Text);
    }

    [Theory]
    [InlineData(SmsTemplateKind.ConversationSummary, "2 segments, GSM-7, 161 septets")]
    [InlineData(SmsTemplateKind.MeetingRequest, "2 segments, GSM-7, 208 septets")]
    public void Compose_SenderNameTooLongForTheBudget_DoesNotFitAndReportsTheShortestAttempt(SmsTemplateKind kind, string measure)
    {
        // Sender and brand are both at SlotLimits.SenderName (40 characters), the longest an account or campaign can set.
        var slots = Planned(kind) with
        {
            SenderName = "Dr. Alexandra Konstantinopoulou-Nakamura",
            BrandName = "Bright Smile Family & Cosmetic Dentistry",
            Summary = LongSummary,
        };

        var composed = SmsComposer.Compose(kind, slots, maxSegments: 1);

        var shortest = slots with { Summary = SlotText.Shorten(LongSummary, SlotText.MinShortened) };
        composed.FitsBudget.Should().BeFalse();
        composed.Text.Should().Be(SmsRenderer.Render(kind, shortest));
        composed.Measure.ToString().Should().Be(measure);
        composed.Measure.Should().BeEquivalentTo(SmsText.Measure(composed.Text));
    }

    /// <summary>
    /// A long location GSM-7 cannot spell (up to 120 characters reach the composer) is shortened like a summary, so
    /// the Appointment Confirmation still fits the default budget of 3 instead of being skipped.
    /// </summary>
    [Fact]
    public void Compose_LongLocationGsm7CannotSpell_StillFitsTheDefaultBudget()
    {
        var sms = new Scenario()
            .WithSms(_ => Campaigns.Sms(SmsTemplateKind.AppointmentConfirmation))
            .WithCall(c => c with
            {
                Appointment = Calls.Appointment with
                {
                    Location = "Centrum Stomatologiczne Uśmiech, ul. Piotrkowska 120 lok. 4, 90-006 Łódź (wejście od podwórza, 2. piętro)",
                },
            })
            .Plan(FollowUpKind.Sms)
            .ShouldSendSms();

        var composed = SmsComposer.Compose(sms.Template, sms.Slots, new FollowUpOptions().MaxSmsSegments);

        composed.FitsBudget.Should().BeTrue("the confirmation should go out, but it needs {0}", composed.Measure);
    }

    /// <summary>
    /// A summary GSM-7 cannot spell makes the whole text UCS-2 however short it is cut, so the validator checks that
    /// worst case: it refuses at a budget the text could miss, and what it accepts always fits.
    /// </summary>
    [Fact]
    public void Compose_SummaryStartingWithALetterGsm7Lacks_FitsEveryBudgetTheValidatorAccepts()
    {
        Scenario AtBudget(int budget) => new Scenario
        {
            Defaults = Scenario.Account(o =>
            {
                o.DefaultSenderName = "Dr. Priya Raman";
                o.BrandName = "Bright Smile Family & Cosmetic Dentistry";
                o.MaxSmsSegments = budget;
            }),
        }
            .WithSms(_ => Campaigns.Sms(SmsTemplateKind.ConversationSummary))
            .WithCall(c => c with { Summary = "Łukasz asked about whitening; we booked a cleaning for Tuesday at 3:30 PM." });

        CampaignValidator.ValidateSms(AtBudget(2).Campaign.Sms, AtBudget(2).Defaults).Should().ContainSingle()
            .Which.Field.Should().Be("Sms.Template");
        var accepted = AtBudget(3);
        CampaignValidator.ValidateSms(accepted.Campaign.Sms, accepted.Defaults).Should().BeEmpty();
        var sms = accepted.Plan(FollowUpKind.Sms).ShouldSendSms();

        var composed = SmsComposer.Compose(sms.Template, sms.Slots, accepted.Defaults.MaxSmsSegments);

        composed.FitsBudget.Should().BeTrue("the shortest text needs {0}: \"{1}\"", composed.Measure, composed.Text);
    }

    /// <summary>
    /// An unpaired surrogate from the call (a JSON "\ud83d" escape gives one) is dropped by
    /// <see cref="SlotText.Clean"/>: half an emoji is something no carrier can encode.
    /// </summary>
    [Theory]
    [InlineData("summary")]
    [InlineData("first name")]
    public void Compose_UnpairedSurrogateFromTheCall_IsNotSent(string slot)
    {
        // Built here, not in the attribute: attribute strings are stored as UTF-8, which turns a lone surrogate into U+FFFD.
        var (summary, firstName) = slot == "summary"
            ? ("Great call " + '\uD83D' + " see you Tuesday", "Ann")
            : ("Great call, see you Tuesday", "Ann" + '\uDE00');
        var sms = new Scenario()
            .WithSms(_ => Campaigns.Sms(SmsTemplateKind.ConversationSummary))
            .WithCall(c => (c with { Summary = summary }).WithContact(p => p with { FirstName = firstName }))
            .Plan(FollowUpKind.Sms)
            .ShouldSendSms();

        var composed = SmsComposer.Compose(sms.Template, sms.Slots, maxSegments: 3);

        HasLoneSurrogate(composed.Text).Should().BeFalse("\"{0}\" would reach the carrier with half a surrogate pair", composed.Text);
    }

    /// <summary>
    /// The promise: for any slot input the rendered SMS fits the budget, never splits a surrogate pair and keeps
    /// the opt-out line intact. The slots are prepared by the planner from a call, exactly as the engine does, for any
    /// realistic campaign the validator accepts at that budget.
    /// </summary>
    [Theory]
    [MemberData(nameof(TemplateKinds.All), MemberType = typeof(TemplateKinds))]
    public void Compose_AnySlotInput_FitsTheBudgetKeepsSurrogatePairsAndTheOptOutLine(SmsTemplateKind kind)
    {
        Cases(kind, Gen.Int[2, 4]).Where(c => Planned(c, validated: true) is not null).Sample(c =>
        {
            var sms = Planned(c, validated: true)!;

            var composed = SmsComposer.Compose(sms.Template, sms.Slots, c.Budget);

            composed.FitsBudget.Should().BeTrue("the text needs {0} (\"{1}\")", composed.Measure, composed.Text);
            composed.Measure.Segments.Should().BeLessThanOrEqualTo(c.Budget);
            composed.Measure.Should().BeEquivalentTo(SmsText.Measure(composed.Text));
            HasLoneSurrogate(composed.Text).Should().BeFalse("a surrogate pair is never split: \"{0}\"", composed.Text);
            composed.Text.Should().EndWith("\n" + SmsTemplates.OptOutLine);
        }, iter: 400);
    }

    [Theory]
    [MemberData(nameof(TemplateKinds.All), MemberType = typeof(TemplateKinds))]
    public void Compose_AnySlotInputWithABudgetOfOne_SaysHonestlyWhetherItFits(SmsTemplateKind kind)
    {
        Cases(kind, Gen.Const(1)).Where(c => Planned(c, validated: false) is not null).Sample(c =>
        {
            var sms = Planned(c, validated: false)!;

            var composed = SmsComposer.Compose(sms.Template, sms.Slots, maxSegments: 1);

            composed.Measure.Should().BeEquivalentTo(SmsText.Measure(composed.Text), "the measure is of the text returned");
            composed.FitsBudget.Should().Be(composed.Measure.Segments == 1, "the text needs {0}", composed.Measure);
            composed.Text.Should().EndWith("\n" + SmsTemplates.OptOutLine);
        }, iter: 300);
    }

    [Theory]
    [InlineData(SmsTemplateKind.MeetingRequest, "Gsm7")]
    [InlineData(SmsTemplateKind.MeetingRequest, "Ucs2")]
    [InlineData(SmsTemplateKind.NextStep, "Gsm7")]
    [InlineData(SmsTemplateKind.NextStep, "Ucs2")]
    [InlineData(SmsTemplateKind.AppointmentConfirmation, "Gsm7")]
    [InlineData(SmsTemplateKind.AppointmentConfirmation, "Ucs2")]
    [InlineData(SmsTemplateKind.ConversationSummary, "Gsm7")]
    [InlineData(SmsTemplateKind.ConversationSummary, "Ucs2")]
    [InlineData(SmsTemplateKind.OfferPromo, "Gsm7")]
    [InlineData(SmsTemplateKind.OfferPromo, "Ucs2")]
    public void Compose_EachTemplateFromARealisticCall_MatchesItsSnapshot(SmsTemplateKind kind, string variant)
    {
        var scenario = new Scenario().WithSms(_ => Campaigns.Sms(kind));
        if (variant == "Ucs2")
        {
            scenario = scenario.WithCall(c => (c with
            {
                Summary = "You asked about whitening; we booked a cleaning at our Łódź office first \u2013 Dr. Nowak will price whitening at the visit.",
                Appointment = Calls.Appointment with { Location = "Uśmiech Dental, ul. Piotrkowska 120, Łódź" },
            }).WithContact(p => p with { FirstName = "Zoë" }));
        }

        var sms = scenario.Plan(FollowUpKind.Sms).ShouldSendSms();
        var composed = SmsComposer.Compose(sms.Template, sms.Slots, scenario.Defaults.MaxSmsSegments);

        composed.FitsBudget.Should().BeTrue();
        composed.Measure.Encoding.ToString().Should().Be(variant);
        Snapshot.Match($"{composed.Measure}\n\n{composed.Text}", SnapshotNameExtension.Create(kind, variant));
    }

    private static SmsSlotValues Planned(SmsTemplateKind kind) =>
        new Scenario().WithSms(_ => Campaigns.Sms(kind)).Plan(FollowUpKind.Sms).ShouldSendSms().Slots;

    private static string WordsBefore(SmsTemplateKind kind, string slot)
    {
        var text = SmsTemplates.Get(kind).Text;
        var end = text.IndexOf(slot, StringComparison.Ordinal);
        var start = text.LastIndexOf("}}", end, StringComparison.Ordinal) + "}}".Length;
        return text[start..end];
    }

    private static string RecapOf(string text)
    {
        var start = text.IndexOf(RecapLead, StringComparison.Ordinal) + RecapLead.Length;
        return text[start..^(SmsTemplates.OptOutLine.Length + 1)];
    }

    private static string Scalars(int[] scalars) => string.Concat(scalars.Select(char.ConvertFromUtf32));

    private static Gen<ComposeCase> Cases(SmsTemplateKind kind, Gen<int> budget) => Gen.Select(
        Gen.Select(budget, Gen.OneOf(Senders), Gen.OneOf(Brands), Gen.OneOf(Links), Gen.OneOf(Promos), Gen.OneOf(TimeZones)),
        Gen.Select(CallText, CallText, CallText, CallText),
        (campaign, call) =>
        {
            var (maxSegments, sender, brand, link, promo, timeZone) = campaign;
            var (firstName, summary, location, offer) = call;
            return new ComposeCase(
                kind,
                maxSegments,
                sender,
                brand,
                link,
                promo,
                timeZone,
                firstName,
                summary,
                location,
                Offer: SlotText.Shorten(SlotText.Clean(offer), SlotLimits.OfferSummary));
        });

    /// <summary>
    /// The send decision the planner makes for the case, or <see langword="null"/> when it skips (no summary, no
    /// location) or, when <paramref name="validated"/>, when the campaign validator rejects the campaign at its budget.
    /// </summary>
    private static SendSms? Planned(ComposeCase c, bool validated)
    {
        var scenario = new Scenario
        {
            Defaults = Scenario.Account(o =>
            {
                o.DefaultSenderName = c.Sender;
                o.BrandName = c.Brand;
                o.DefaultMeetingLink = c.Link;
                o.MaxSmsSegments = c.Budget;
            }),
        }
            .WithSms(_ => Campaigns.Sms(c.Kind) with
            {
                OfferSummary = c.Kind == SmsTemplateKind.OfferPromo ? c.Offer : null,
                PromoCode = c.Kind == SmsTemplateKind.OfferPromo ? c.Promo : null,
            })
            .WithCall(call => (call with
            {
                Summary = c.Summary,
                Appointment = Calls.Appointment with { Location = c.Location, TimeZone = c.TimeZone },
            }).WithContact(p => p with { FirstName = c.FirstName }));

        if (validated && CampaignValidator.ValidateSms(scenario.Campaign.Sms, scenario.Defaults).Count > 0)
        {
            return null;
        }

        return scenario.Plan(FollowUpKind.Sms) as SendSms;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private sealed record ComposeCase(
        SmsTemplateKind Kind,
        int Budget,
        string Sender,
        string Brand,
        string Link,
        string Promo,
        string TimeZone,
        string FirstName,
        string Summary,
        string Location,
        string Offer);
}
