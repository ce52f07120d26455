using FollowUps.Rules;

namespace FollowUps.Tests.Rules;

/// <summary>Consent counts only when granted and traced to the contact's own words.</summary>
public sealed class ConsentRuleTests
{
    private static readonly CallCompleted Call = Calls.Answered with
    {
        Transcript =
        [
            Calls.Agent("Can I text you a link to book?"),
            Calls.Contact("Yes,   please\r\ntext me   the link."),
            Calls.Agent("Great."),
        ],
    };

    [Theory]
    [InlineData(FollowUpKind.Sms, "SMS")]
    [InlineData(FollowUpKind.Email, "email")]
    public void Check_NotAsked_SkipsWithConsentNotAskedNamingTheChannel(FollowUpKind kind, string channel)
    {
        var skip = ConsentRule.Check(kind, Call, ChannelConsent.NotAsked);

        skip.Should().NotBeNull();
        skip!.Reason.Should().Be(OutcomeReason.ConsentNotAsked);
        skip.Kind.Should().Be(kind);
        skip.Detail.Should().Contain(channel);
    }

    [Fact]
    public void Check_NoConsentRecord_CountsAsNotAsked()
    {
        ConsentRule.Check(FollowUpKind.Sms, Call, null)!.Reason.Should().Be(OutcomeReason.ConsentNotAsked);
    }

    [Fact]
    public void Check_UnknownStatus_CountsAsNotAsked()
    {
        var skip = ConsentRule.Check(FollowUpKind.Sms, Call, new ChannelConsent { Status = (ConsentStatus)7 });

        skip!.Reason.Should().Be(OutcomeReason.ConsentNotAsked);
        skip.Detail.Should().Contain("7");
    }

    [Theory]
    [InlineData(FollowUpKind.Sms)]
    [InlineData(FollowUpKind.Email)]
    public void Check_Declined_SkipsWithConsentDeclined(FollowUpKind kind)
    {
        ConsentRule.Check(kind, Call, ChannelConsent.Declined)!.Reason.Should().Be(OutcomeReason.ConsentDeclined);
    }

    [Fact]
    public void Check_DeclinedEvenWithEvidence_SkipsWithConsentDeclined()
    {
        var consent = ChannelConsent.Granted(1, "text me") with { Status = ConsentStatus.Declined };

        ConsentRule.Check(FollowUpKind.Sms, Call, consent)!.Reason.Should().Be(OutcomeReason.ConsentDeclined);
    }

    [Theory]
    [InlineData(1, "text me")]
    [InlineData(1, "Yes, please text me the link.")]
    [InlineData(1, "YES, PLEASE TEXT ME")]
    [InlineData(1, "please text me the link")]
    [InlineData(1, "  yes,\nplease\ttext  me ")]
    [InlineData(1, "link.")]
    public void Check_GrantedAndTraceable_AllowsTheSend(int turn, string quote)
    {
        ConsentRule.Check(FollowUpKind.Sms, Call, ChannelConsent.Granted(turn, quote)).Should().BeNull();
    }

    [Theory]
    [InlineData(-1, "text me", "turn -1 is not in the transcript of 3 turns")]
    [InlineData(3, "text me", "turn 3 is not in the transcript of 3 turns")]
    [InlineData(int.MaxValue, "text me", "is not in the transcript")]
    [InlineData(0, "text you", "turn 0 was not spoken by the contact")]
    [InlineData(2, "Great", "turn 2 was not spoken by the contact")]
    [InlineData(1, "yes text me", "the quoted words are not in turn 1")]
    [InlineData(1, "please email me", "the quoted words are not in turn 1")]
    [InlineData(1, "", "the quoted words are not in turn 1")]
    [InlineData(1, " \n ", "the quoted words are not in turn 1")]
    [InlineData(1, "es", "the quoted words are not in turn 1")] // Inside "Yes": not a word of its own.
    [InlineData(1, "text me th", "the quoted words are not in turn 1")]
    public void Check_GrantedButNotTraceable_SkipsWithConsentNotTraceableSayingWhy(int turn, string quote, string why)
    {
        var skip = ConsentRule.Check(FollowUpKind.Sms, Call, ChannelConsent.Granted(turn, quote));

        skip!.Reason.Should().Be(OutcomeReason.ConsentNotTraceable);
        skip.Detail.Should().Contain(why);
    }

    [Theory]
    [InlineData("Yes yes yesterday, text me", "yes yesterday")] // a partial match first, the whole words later
    [InlineData("no, yes, yes yes please", "yes yes please")]
    [InlineData("It's fine: text me", "it's FINE")]
    [InlineData("'yes' text me", "'yes'")]
    [InlineData("Sure - text me.", "sure -")]
    [InlineData("Yes!!! Text me", "yes!")]
    [InlineData("ok\u00A0\u2003then\ntext me", "ok then text")]
    public void Check_WholeWordsAmongRepeatsAndPunctuation_AllowsTheSend(string said, string quote)
    {
        var call = Call with { Transcript = [Calls.Contact(said)] };

        ConsentRule.Check(FollowUpKind.Sms, call, ChannelConsent.Granted(0, quote)).Should().BeNull();
    }

    [Theory]
    [InlineData("Yes yes yesterday", "yes yester")]
    [InlineData("Noyes, text me", "yes")]
    [InlineData("It's fine", "it")] // the apostrophe is part of the word
    [InlineData("yes yes yes", "yes yes yes yes")]
    [InlineData("text me", "text  me  now")]
    public void Check_QuoteOnlyInsideLongerWords_SkipsWithConsentNotTraceable(string said, string quote)
    {
        var call = Call with { Transcript = [Calls.Contact(said)] };

        ConsentRule.Check(FollowUpKind.Sms, call, ChannelConsent.Granted(0, quote))!.Reason.Should().Be(OutcomeReason.ConsentNotTraceable);
    }

    [Fact]
    public void Check_QuoteAtTheCap_IsRead()
    {
        var quote = Repeated("yes ", ConsentRule.MaxQuoteCharacters / 4);
        var call = Call with { Transcript = [Calls.Contact("Well, " + quote + "text me.")] };

        quote.Length.Should().Be(ConsentRule.MaxQuoteCharacters);
        ConsentRule.Check(FollowUpKind.Sms, call, ChannelConsent.Granted(0, quote)).Should().BeNull();
    }

    [Fact]
    public void Check_QuoteLongerThanTheCap_SkipsWithConsentNotTraceableSayingWhy()
    {
        var quote = Repeated("yes ", ConsentRule.MaxQuoteCharacters / 4) + "y";
        var call = Call with { Transcript = [Calls.Contact("Well, " + quote + " text me.")] };

        var skip = ConsentRule.Check(FollowUpKind.Sms, call, ChannelConsent.Granted(0, quote));

        skip!.Reason.Should().Be(OutcomeReason.ConsentNotTraceable);
        skip.Detail.Should().Be("SMS consent is not traceable: the quote is longer than 2,000 characters.");
    }

    [Fact]
    public void Check_WordsWithinTheTurnCap_AreRead()
    {
        var said = Repeated("um ", (ConsentRule.MaxTurnCharacters - 9) / 3) + "text me.";
        var call = Call with { Transcript = [Calls.Contact(said + " " + Repeated("um ", 10_000))] };

        said.Length.Should().BeLessThanOrEqualTo(ConsentRule.MaxTurnCharacters);
        ConsentRule.Check(FollowUpKind.Sms, call, ChannelConsent.Granted(0, "text me")).Should().BeNull();
    }

    [Fact]
    public void Check_WordsPastTheTurnCap_AreNotReadAndTheDetailSaysSo()
    {
        var said = Repeated("um ", ConsentRule.MaxTurnCharacters / 3) + "text me.";
        var call = Call with { Transcript = [Calls.Contact(said)] };

        var skip = ConsentRule.Check(FollowUpKind.Sms, call, ChannelConsent.Granted(0, "text me"));

        skip!.Reason.Should().Be(OutcomeReason.ConsentNotTraceable);
        skip.Detail.Should().Be("SMS consent is not traceable: the quoted words are not in the first 20,000 characters of turn 0.");
    }

    /// <summary>The cut falls inside "yesterday": its first three letters are not the word "yes".</summary>
    [Fact]
    public void Check_TurnCapFallsInsideAWord_DoesNotReadThePieceAsAWord()
    {
        var said = new string('m', ConsentRule.MaxTurnCharacters - 12) + " ok well yesterday";
        var call = Call with { Transcript = [Calls.Contact(said)] };

        said.IndexOf("yesterday", StringComparison.Ordinal).Should().Be(ConsentRule.MaxTurnCharacters - 3);
        ConsentRule.Check(FollowUpKind.Sms, call, ChannelConsent.Granted(0, "yes"))!.Reason.Should().Be(OutcomeReason.ConsentNotTraceable);
        ConsentRule.Check(FollowUpKind.Sms, call, ChannelConsent.Granted(0, "ok well")).Should().BeNull();
    }

    /// <summary>Found by review: a long turn without white space (CJK text, punctuated) is cut at punctuation, not read as nothing.</summary>
    [Fact]
    public void Check_LongTurnWithoutWhiteSpace_IsCutAtPunctuationAndRead()
    {
        var said = "はい、送ってください。" + Repeated("えっと、", ConsentRule.MaxTurnCharacters / 4);
        var call = Call with { Transcript = [Calls.Contact(said)] };

        said.Should().NotContain(" ");
        ConsentRule.Check(FollowUpKind.Sms, call, ChannelConsent.Granted(0, "送ってください")).Should().BeNull();
    }

    [Fact]
    public void Check_LongTurnThatIsOneWord_SaysItWasNotRead()
    {
        var call = Call with { Transcript = [Calls.Contact(new string('y', ConsentRule.MaxTurnCharacters + 5))] };

        ConsentRule.Check(FollowUpKind.Sms, call, ChannelConsent.Granted(0, "yes"))!.Detail.Should().Be(
            "SMS consent is not traceable: turn 0 is over 20,000 characters with no break between words in them to read up to.");
    }

    [Fact]
    public void Check_GrantedWithoutEvidence_SkipsWithConsentNotTraceable()
    {
        var skip = ConsentRule.Check(FollowUpKind.Email, Call, new ChannelConsent { Status = ConsentStatus.Granted });

        skip!.Reason.Should().Be(OutcomeReason.ConsentNotTraceable);
        skip.Detail.Should().Be("email consent is not traceable: no evidence was given.");
    }

    [Fact]
    public void Check_GrantedWithNullQuote_SkipsWithConsentNotTraceable()
    {
        var consent = new ChannelConsent { Status = ConsentStatus.Granted, Evidence = new ConsentEvidence { TurnIndex = 1, Quote = null! } };

        ConsentRule.Check(FollowUpKind.Sms, Call, consent)!.Reason.Should().Be(OutcomeReason.ConsentNotTraceable);
    }

    [Fact]
    public void Check_EvidencePointsAtANullTurn_SkipsWithConsentNotTraceable()
    {
        var call = Call with { Transcript = [Calls.Agent("May I text you?"), null!] };

        ConsentRule.Check(FollowUpKind.Sms, call, ChannelConsent.Granted(1, "yes"))!.Reason.Should().Be(OutcomeReason.ConsentNotTraceable);
    }

    [Fact]
    public void Check_TurnTextIsNull_SkipsWithConsentNotTraceable()
    {
        var call = Call with { Transcript = [new TranscriptTurn { Speaker = Speaker.Contact, Text = null! }] };

        ConsentRule.Check(FollowUpKind.Sms, call, ChannelConsent.Granted(0, "yes"))!.Reason.Should().Be(OutcomeReason.ConsentNotTraceable);
    }

    [Fact]
    public void Check_NullTranscript_SkipsWithConsentNotTraceable()
    {
        var skip = ConsentRule.Check(FollowUpKind.Sms, Call with { Transcript = null! }, ChannelConsent.Granted(0, "yes"));

        skip!.Reason.Should().Be(OutcomeReason.ConsentNotTraceable);
        skip.Detail.Should().Contain("transcript of 0 turns");
    }

    private static string Repeated(string value, int count) => string.Concat(Enumerable.Repeat(value, count));
}
