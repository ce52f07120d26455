using CsCheck;

namespace FollowUps.Tests;

/// <summary>
/// Segments counted the way carriers count them, at every boundary, and typographic look-alikes replaced without
/// touching a letter.
/// </summary>
public sealed class SmsTextTests
{
    /// <summary>The GSM 03.38 basic table, row by row as the standard prints it (ESC left out: it is not a character).</summary>
    internal const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅå" +
        "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ" +
        " !\"#¤%&'()*+,-./" +
        "0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNO" +
        "PQRSTUVWXYZÄÖÑÜ§" +
        "¿abcdefghijklmno" +
        "pqrstuvwxyzäöñüà";

    /// <summary>The GSM 03.38 extension table: each takes two septets (an escape and the character).</summary>
    internal const string Gsm7Extension = "\f^{}\\[~]|€";

    /// <summary>Pieces of text that sit on the edges: extension characters, emoji, look-alikes, letters GSM-7 lacks.</summary>
    internal static readonly Gen<string> Fragment = Gen.OneOf(
        "a", "Z", "7", " ", ".", "'", "\"", "-", "\n", "é", "Ç", "Δ", "ß", "ü",
        "€", "^", "{", "}", "\\", "[", "~", "]", "|", "\f",
        "ł", "ë", "ç", "á", "Ł", "日本", "Zoë", "Łódź", "cleaning", "on Tuesday at 3:30",
        "😀", "👍🏽", "👍🏿", "👩‍👩‍👧", "❤️", "🇵🇱", "𝔘", "\u200D", "\uD83D", "\uDE00",
        "\u2018", "\u2019", "\u201A", "\u201B", "\u2032", "\u00B4", "`", "\u201C", "\u201D", "\u201E", "\u201F", "\u2033", "«", "»",
        "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\u2026",
        "\u00A0", "\u2000", "\u2005", "\u2009", "\u200A", "\u202F", "\u205F", "\u3000");

    /// <summary>Any text: arbitrary UTF-16 (lone surrogates included), GSM-7-only runs long enough to split, and runs of fragments.</summary>
    internal static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.String,
        Gen.Char.Array[0, 500].Select(chars => new string(chars)),
        Gen.Char[Gsm7Basic + Gsm7Extension].Array[0, 700].Select(chars => new string(chars)),
        Fragment.Array[0, 250].Select(parts => string.Concat(parts)));

    /// <summary>Text dense in look-alikes (the ellipsis above all), which smart encoding changes most.</summary>
    private static readonly Gen<string> LookAlikeHeavy = Gen.OneOf(
        Gen.OneOf("a", " ", "ł", "€", "\u2026", "\u2019", "\u201C", "\u2013", "\u00A0", "😀").Array[0, 400].Select(parts => string.Concat(parts)),
        Gen.OneOf("a", " ", "\u2026", "\u2019").Array[0, 400].Select(parts => string.Concat(parts)));

    private static readonly string[] Extensions = ["€", "^", "{", "}", "\\", "[", "~", "]", "|", "\f"];

    public static TheoryData<string, string, SmsEncoding, int, int> Boundaries => new()
    {
        { "empty", "", SmsEncoding.Gsm7, 0, 0 },
        { "1 × a", "a", SmsEncoding.Gsm7, 1, 1 },
        { "160 × a", A(160), SmsEncoding.Gsm7, 160, 1 },
        { "161 × a", A(161), SmsEncoding.Gsm7, 161, 2 },
        { "306 × a", A(306), SmsEncoding.Gsm7, 306, 2 },
        { "307 × a", A(307), SmsEncoding.Gsm7, 307, 3 },
        { "459 × a", A(459), SmsEncoding.Gsm7, 459, 3 },
        { "460 × a", A(460), SmsEncoding.Gsm7, 460, 4 },
        { "158 × a + €", A(158) + "€", SmsEncoding.Gsm7, 160, 1 },
        { "159 × a + €", A(159) + "€", SmsEncoding.Gsm7, 161, 2 },
        { "80 × €", Repeat("€", 80), SmsEncoding.Gsm7, 160, 1 },
        { "81 × €", Repeat("€", 81), SmsEncoding.Gsm7, 162, 2 },
        { "151 × a + € + 153 × a (€ ends segment 1)", A(151) + "€" + A(153), SmsEncoding.Gsm7, 306, 2 },
        { "152 × a + € + 152 × a (€ cannot straddle)", A(152) + "€" + A(152), SmsEncoding.Gsm7, 306, 3 },
        { "153 × a + € + 151 × a (€ starts segment 2)", A(153) + "€" + A(151), SmsEncoding.Gsm7, 306, 2 },
        { "153 × € (76 per segment)", Repeat("€", 153), SmsEncoding.Gsm7, 306, 3 },
        { "152 × € (76 per segment)", Repeat("€", 152), SmsEncoding.Gsm7, 304, 2 },
        { "70 × ł", L(70), SmsEncoding.Ucs2, 70, 1 },
        { "71 × ł", L(71), SmsEncoding.Ucs2, 71, 2 },
        { "134 × ł", L(134), SmsEncoding.Ucs2, 134, 2 },
        { "135 × ł", L(135), SmsEncoding.Ucs2, 135, 3 },
        { "201 × ł", L(201), SmsEncoding.Ucs2, 201, 3 },
        { "202 × ł", L(202), SmsEncoding.Ucs2, 202, 4 },
        { "ł + 69 × a (a GSM-7 letter is one unit in UCS-2)", "ł" + A(69), SmsEncoding.Ucs2, 70, 1 },
        { "70 × a + ł", A(70) + "ł", SmsEncoding.Ucs2, 71, 2 },
        { "ł + 69 × € (€ is one unit in UCS-2)", "ł" + Repeat("€", 69), SmsEncoding.Ucs2, 70, 1 },
        { "68 × ł + 😀", L(68) + "😀", SmsEncoding.Ucs2, 70, 1 },
        { "69 × ł + 😀", L(69) + "😀", SmsEncoding.Ucs2, 71, 2 },
        { "65 × ł + 😀 + 67 × ł (😀 ends segment 1)", L(65) + "😀" + L(67), SmsEncoding.Ucs2, 134, 2 },
        { "66 × ł + 😀 + 66 × ł (😀 cannot straddle)", L(66) + "😀" + L(66), SmsEncoding.Ucs2, 134, 3 },
        { "67 × ł + 😀 + 65 × ł (😀 starts segment 2)", L(67) + "😀" + L(65), SmsEncoding.Ucs2, 134, 2 },
        { "66 × ł + 👍🏽 (skin tone: 4 units)", L(66) + "👍🏽", SmsEncoding.Ucs2, 70, 1 },
        { "67 × ł + 👍🏽", L(67) + "👍🏽", SmsEncoding.Ucs2, 71, 2 },
        { "62 × ł + 👩‍👩‍👧 (ZWJ sequence: 8 units)", L(62) + "👩‍👩‍👧", SmsEncoding.Ucs2, 70, 1 },
        { "63 × ł + 👩‍👩‍👧", L(63) + "👩‍👩‍👧", SmsEncoding.Ucs2, 71, 2 },
        { "35 × 😀 (emoji only)", Repeat("😀", 35), SmsEncoding.Ucs2, 70, 1 },
        { "36 × 😀 (33 per split segment)", Repeat("😀", 36), SmsEncoding.Ucs2, 72, 2 },
        { "67 × 😀", Repeat("😀", 67), SmsEncoding.Ucs2, 134, 3 },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Measure_AtEachSegmentBoundary_CountsWhatTheCarrierBills(string shape, string text, SmsEncoding encoding, int length, int segments)
    {
        var measure = SmsText.Measure(text);

        measure.Encoding.Should().Be(encoding, shape);
        measure.Length.Should().Be(length, shape);
        measure.Segments.Should().Be(segments, shape);
    }

    [Fact]
    public void Measure_UnpairedSurrogates_AreUcs2AndOneUnitEach()
    {
        // Built here, not in theory data: xunit serialises theory data as UTF-8, which turns a lone surrogate into U+FFFD.
        var text = "ok " + '\uD83D' + " and " + '\uDE00';

        var measure = SmsText.Measure(text);

        measure.Should().BeEquivalentTo(new { Encoding = SmsEncoding.Ucs2, Length = 10, Segments = 1 });
        measure.Ucs2Characters.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("€")]
    [InlineData("^")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("\\")]
    [InlineData("[")]
    [InlineData("~")]
    [InlineData("]")]
    [InlineData("|")]
    [InlineData("\f")]
    public void Measure_ExtensionCharacterOnTheSegmentBoundary_MovesWholeToTheNextSegment(string extension)
    {
        var straddling = SmsText.Measure(A(152) + extension + A(152));
        var fitting = SmsText.Measure(A(151) + extension + A(153));

        straddling.Should().BeEquivalentTo(new { Encoding = SmsEncoding.Gsm7, Length = 306, Segments = 3 });
        fitting.Should().BeEquivalentTo(new { Encoding = SmsEncoding.Gsm7, Length = 306, Segments = 2 });
    }

    [Theory]
    [InlineData("é")]
    [InlineData("ä")]
    [InlineData("ö")]
    [InlineData("ñ")]
    [InlineData("ü")]
    [InlineData("à")]
    [InlineData("è")]
    [InlineData("ù")]
    [InlineData("ì")]
    [InlineData("ò")]
    [InlineData("Ç")]
    [InlineData("Ø")]
    [InlineData("Å")]
    [InlineData("Æ")]
    [InlineData("ß")]
    [InlineData("É")]
    [InlineData("¿")]
    [InlineData("¡")]
    [InlineData("§")]
    [InlineData("£")]
    [InlineData("¥")]
    [InlineData("¤")]
    [InlineData("Δ")]
    [InlineData("Φ")]
    [InlineData("Γ")]
    [InlineData("Λ")]
    [InlineData("Ω")]
    [InlineData("Π")]
    [InlineData("Ψ")]
    [InlineData("Σ")]
    [InlineData("Θ")]
    [InlineData("Ξ")]
    public void Measure_LetterInTheGsm7BasicTable_IsOneSeptet(string letter)
    {
        var measure = SmsText.Measure(Repeat(letter, 160));

        measure.Should().BeEquivalentTo(new { Encoding = SmsEncoding.Gsm7, Length = 160, Segments = 1 });
        measure.Ucs2Characters.Should().BeEmpty();
    }

    [Theory]
    [InlineData("ë")]
    [InlineData("ç")]
    [InlineData("ł")]
    [InlineData("á")]
    [InlineData("Ł")]
    [InlineData("ó")]
    [InlineData("ż")]
    [InlineData("α")]
    [InlineData("Ж")]
    [InlineData("`")]
    [InlineData("\u2019")]
    [InlineData("\t")]
    public void Measure_CharacterGsm7Lacks_MakesTheTextUcs2AndIsNamed(string character)
    {
        var measure = SmsText.Measure("Hi " + character + " there");

        measure.Encoding.Should().Be(SmsEncoding.Ucs2);
        measure.Length.Should().Be(9 + character.Length);
        measure.Ucs2Characters.Should().Equal(character);
    }

    [Fact]
    public void Measure_Gsm7Text_CountsExtensionCharactersTwiceAndNamesNothing()
    {
        var measure = SmsText.Measure("Price: 20€ [incl. tax] ~ {ok}");

        measure.Encoding.Should().Be(SmsEncoding.Gsm7);
        measure.Length.Should().Be(29 + 6);
        measure.Segments.Should().Be(1);
        measure.Ucs2Characters.Should().BeEmpty();
    }

    [Fact]
    public void Measure_Ucs2Text_NamesEachCharacterGsm7LacksOnceInOrderOfAppearance()
    {
        var text = "Zoë’s café 😀 in Łódź, Zoë again 😀 👍🏽";

        var measure = SmsText.Measure(text);

        measure.Encoding.Should().Be(SmsEncoding.Ucs2);
        measure.Length.Should().Be(text.Length);
        measure.Ucs2Characters.Should().Equal("ë", "’", "😀", "Ł", "ó", "ź", "👍🏽");
    }

    [Fact]
    public void Measure_SurrogatePairEmoji_IsOneEntryNotTwoHalves()
    {
        var measure = SmsText.Measure("Thanks 😀😀 see you 🦷");

        measure.Ucs2Characters.Should().Equal("😀", "🦷");
        measure.Length.Should().Be(20 + 2);
    }

    [Theory]
    [InlineData("", "0 segments, GSM-7, 0 septets")]
    [InlineData("Hello Ann", "1 segment, GSM-7, 9 septets")]
    [InlineData("Total: 20€", "1 segment, GSM-7, 11 septets")]
    [InlineData("Zoë’s 😀", "1 segment, UCS-2 because of ë ’ 😀, 8 code units")]
    public void ToString_Measure_DescribesItForAPerson(string text, string description)
    {
        SmsText.Measure(text).ToString().Should().Be(description);
    }

    [Fact]
    public void ToString_SplitTexts_SayHowManySegmentsAndWhy()
    {
        SmsText.Measure(A(161)).ToString().Should().Be("2 segments, GSM-7, 161 septets");
        SmsText.Measure(L(135)).ToString().Should().Be("3 segments, UCS-2 because of ł, 135 code units");
    }

    [Fact]
    public void Measure_Null_Throws()
    {
        var measure = () => SmsText.Measure(null!);

        measure.Should().Throw<ArgumentNullException>();
    }

    [Theory]
    [InlineData("\u2018", "'")] // left single quotation mark
    [InlineData("\u2019", "'")] // right single quotation mark, the apostrophe phones type
    [InlineData("\u201A", "'")] // single low-9 quotation mark
    [InlineData("\u201B", "'")] // single high-reversed-9 quotation mark
    [InlineData("\u2032", "'")] // prime
    [InlineData("\u00B4", "'")] // acute accent
    [InlineData("`", "'")] // grave accent
    [InlineData("\u201C", "\"")] // left double quotation mark
    [InlineData("\u201D", "\"")] // right double quotation mark
    [InlineData("\u201E", "\"")] // double low-9 quotation mark
    [InlineData("\u201F", "\"")] // double high-reversed-9 quotation mark
    [InlineData("\u2033", "\"")] // double prime
    [InlineData("\u00AB", "\"")] // left guillemet
    [InlineData("\u00BB", "\"")] // right guillemet
    [InlineData("\u2010", "-")] // hyphen
    [InlineData("\u2011", "-")] // non-breaking hyphen
    [InlineData("\u2012", "-")] // figure dash
    [InlineData("\u2013", "-")] // en dash
    [InlineData("\u2014", "-")] // em dash
    [InlineData("\u2015", "-")] // horizontal bar
    [InlineData("\u2212", "-")] // minus sign
    [InlineData("\u2026", "...")] // horizontal ellipsis
    [InlineData("\u00A0", " ")] // no-break space
    [InlineData("\u2000", " ")] // en quad
    [InlineData("\u2001", " ")] // em quad
    [InlineData("\u2002", " ")] // en space
    [InlineData("\u2003", " ")] // em space
    [InlineData("\u2004", " ")] // three-per-em space
    [InlineData("\u2005", " ")] // four-per-em space
    [InlineData("\u2006", " ")] // six-per-em space
    [InlineData("\u2007", " ")] // figure space
    [InlineData("\u2008", " ")] // punctuation space
    [InlineData("\u2009", " ")] // thin space
    [InlineData("\u200A", " ")] // hair space
    [InlineData("\u202F", " ")] // narrow no-break space
    [InlineData("\u205F", " ")] // medium mathematical space
    [InlineData("\u3000", " ")] // ideographic space
    public void SmartEncode_LookAlike_BecomesItsGsm7Equivalent(string lookAlike, string gsm7)
    {
        var encoded = SmsText.SmartEncode($"Ann{lookAlike}s 3{lookAlike}4");

        encoded.Should().Be($"Ann{gsm7}s 3{gsm7}4");
        SmsText.Measure(encoded).Encoding.Should().Be(SmsEncoding.Gsm7);
    }

    [Fact]
    public void SmartEncode_TypicalPhoneTypedSentence_BecomesGsm7()
    {
        var encoded = SmsText.SmartEncode("We’ll see you Tue\u00A03:30\u202FPM – bring your “insurance card”…");

        encoded.Should().Be("We'll see you Tue 3:30 PM - bring your \"insurance card\"...");
        SmsText.Measure(encoded).Encoding.Should().Be(SmsEncoding.Gsm7);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Plain text with nothing to replace.")]
    [InlineData("Zoë and Łukasz in Łódź 😀 👩‍👩‍👧")]
    [InlineData("Straight 'quotes' and \"double\" - and ... dots")]
    [InlineData("Price: 20€ [incl. tax]")]
    public void SmartEncode_TextWithoutLookAlikes_ReturnsTheSameInstance(string literal)
    {
        var text = new string(literal.AsSpan());

        ReferenceEquals(SmsText.SmartEncode(text), text).Should().BeTrue();
    }

    [Theory]
    [InlineData("Zoë’s", "Zoë's", "ë")]
    [InlineData("Łukasz’ “Łódź” visit", "Łukasz' \"Łódź\" visit", "Ł ó ź")]
    [InlineData("François – Ørsted", "François - Ørsted", "ç")]
    [InlineData("Ángel’s 😀", "Ángel's 😀", "Á 😀")]
    public void SmartEncode_NameGsm7CannotSpell_KeepsEveryLetterAndStaysUcs2(string text, string encoded, string ucs2Characters)
    {
        var result = SmsText.SmartEncode(text);

        result.Should().Be(encoded);
        var measure = SmsText.Measure(result);
        measure.Encoding.Should().Be(SmsEncoding.Ucs2);
        string.Join(' ', measure.Ucs2Characters).Should().Be(ucs2Characters);
    }

    [Fact]
    public void SmartEncode_Null_Throws()
    {
        var encode = () => SmsText.SmartEncode(null!);

        encode.Should().Throw<ArgumentNullException>();
    }

    /// <summary>
    /// Smart encoding never costs a segment: "…" (one unit) stays when "..." (three) would push a text that stays
    /// UCS-2, or an all-ellipsis text, past a segment boundary.
    /// </summary>
    [Theory]
    [InlineData("Łukasz, we booked your cleaning for Tuesday at 3:30 PM\u2026 see you then!")]
    [InlineData("Zoë, thanks\u2026 we\u2019ll call you back\u2026 about the price\u2026 and the time\u2026")]
    public void SmartEncode_EllipsisInATextThatStaysUcs2_DoesNotAddASegment(string text)
    {
        var before = SmsText.Measure(text);
        before.Should().BeEquivalentTo(new { Encoding = SmsEncoding.Ucs2, Segments = 1 }, "the text as written is one segment");

        var after = SmsText.Measure(SmsText.SmartEncode(text));

        after.Segments.Should().BeLessThanOrEqualTo(before.Segments, "smart encoding must not add a segment ({0} became {1})", before, after);
    }

    [Fact]
    public void Measure_AnyText_NeverThrowsAndAgreesWithTheGsm7Table()
    {
        AnyText.Sample(text =>
        {
            var measure = SmsText.Measure(text);

            var gsm7 = text.All(c => Gsm7Basic.Contains(c) || Gsm7Extension.Contains(c));
            measure.Encoding.Should().Be(gsm7 ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2);
            measure.Length.Should().Be(gsm7 ? text.Length + text.Count(c => Gsm7Extension.Contains(c)) : text.Length);
            (measure.Ucs2Characters.Count == 0).Should().Be(gsm7);
            measure.Ucs2Characters.Should().OnlyHaveUniqueItems();
        }, iter: 2000);
    }

    [Fact]
    public void Measure_AnyText_HasSegmentsWithinWhatTheCarrierCanPack()
    {
        AnyText.Sample(text =>
        {
            var measure = SmsText.Measure(text);

            (measure.Segments == 0).Should().Be(text.Length == 0, "only an empty text has no segment");
            var (single, perSegment) = measure.Encoding == SmsEncoding.Gsm7
                ? (SmsText.Gsm7SingleSegment, SmsText.Gsm7MultiSegment)
                : (SmsText.Ucs2SingleSegment, SmsText.Ucs2MultiSegment);
            if (measure.Length > 0 && measure.Length <= single)
            {
                measure.Segments.Should().Be(1);
            }
            else if (measure.Length > single)
            {
                // Each split segment is full, or short by less than the widest character (a GSM-7 extension
                // character; in UCS-2 a grapheme cluster, CR LF counted as two) that would not fit.
                var widest = measure.Encoding == SmsEncoding.Gsm7 ? 2 : Math.Min(WidestCluster(text), perSegment);
                measure.Segments.Should().BeInRange(CeilingDivide(measure.Length, perSegment), CeilingDivide(measure.Length, perSegment + 1 - widest));
            }
        }, iter: 2000);
    }

    [Fact]
    public void SmartEncode_AnyText_KeepsEveryLetterAndDigitInOrder()
    {
        Gen.OneOf(AnyText, LookAlikeHeavy).Sample(text =>
        {
            var encoded = SmsText.SmartEncode(text);

            // Compared composed (NFC), leaving out the modifier letters that are quote, circumflex and tilde look-alikes.
            static IEnumerable<char> Letters(string s) =>
                Nfc(s).Where(c => char.IsLetterOrDigit(c) && c is not (>= '\u02B0' and <= '\u02FF'));

            // A text with an unpaired surrogate has no normal form; smart encoding leaves it as it is.
            static string Nfc(string s)
            {
                try
                {
                    return s.Normalize(System.Text.NormalizationForm.FormC);
                }
                catch (ArgumentException)
                {
                    return s;
                }
            }
            Letters(encoded).Should().Equal(Letters(text));
        }, iter: 2000);
    }

    [Fact]
    public void SmartEncode_AnyText_LeavesNoLookAlikeAndIsStableWhenRepeated()
    {
        Gen.OneOf(AnyText, LookAlikeHeavy).Sample(text =>
        {
            var encoded = SmsText.SmartEncode(text);

            ReferenceEquals(SmsText.SmartEncode(encoded), encoded).Should().BeTrue("\"{0}\" has no look-alike left", encoded);
        }, iter: 2000);
    }

    /// <summary>Fails with the ellipsis bug of <see cref="SmartEncode_EllipsisInATextThatStaysUcs2_DoesNotAddASegment"/>.</summary>
    [Fact]
    public void SmartEncode_AnyText_NeverAddsASegment()
    {
        Gen.OneOf(AnyText, LookAlikeHeavy).Sample(text =>
        {
            var before = SmsText.Measure(text);

            var after = SmsText.Measure(SmsText.SmartEncode(text));

            after.Segments.Should().BeLessThanOrEqualTo(before.Segments, "smart encoding must not add a segment ({0} became {1})", before, after);
        }, iter: 2000);
    }

    private static int WidestCluster(string text)
    {
        var widest = 1;
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            widest = Math.Max(widest, element == "\r\n" ? 1 : element.Length);
        }

        return widest;
    }

    private static int CeilingDivide(int value, int divisor) => (value + divisor - 1) / divisor;

    private static string A(int count) => new('a', count);

    private static string L(int count) => new('ł', count);

    private static string Repeat(string value, int count) => string.Concat(Enumerable.Repeat(value, count));

    [Theory]
    [InlineData("It\u02BCs", "It's")]
    [InlineData("\uFF02Quoted\uFF02", "\"Quoted\"")]
    [InlineData("\u275BHi\u275C", "'Hi'")]
    [InlineData("A\u2043B", "A-B")]
    [InlineData("x\u02C6y\u02DCz", "x^y~z")]
    [InlineData("Wait\u2025", "Wait..")]
    [InlineData("Rene\u0301", "Ren\u00E9")]
    public void SmartEncode_MoreLookAlikesAndDecomposedAccents_BecomeGsm7(string text, string expected)
    {
        var encoded = SmsText.SmartEncode(text);

        encoded.Should().Be(expected);
        SmsText.Measure(encoded).Encoding.Should().Be(SmsEncoding.Gsm7);
    }

    [Theory]
    [InlineData("Hi\u00A0there", "U+00A0")]
    [InlineData("Booked\u200D cleaning", "U+200D")]
    [InlineData("Zo\u00EB", "\u00EB")]
    public void Measure_ToString_ShowsCharactersThatPrintAsNothingByTheirCode(string text, string shown)
    {
        SmsText.Measure(text).ToString().Should().Contain($"UCS-2 because of {shown},");
    }

    /// <summary>
    /// GSM-7 measures are shared by length; two texts of one length can still need different segments (an extension
    /// character never straddles a boundary), and each gets its own count whichever is measured first.
    /// </summary>
    [Fact]
    public void Measure_Gsm7TextsOfOneLengthWithAndWithoutAStraddlingExtension_EachGetsItsOwnSegments()
    {
        var plain = new string('a', 306);
        var straddling = new string('a', 152) + "\u20AC" + new string('a', 152);

        var first = SmsText.Measure(plain);
        var second = SmsText.Measure(straddling);
        var third = SmsText.Measure(plain);

        (first.Length, second.Length).Should().Be((306, 306));
        first.Segments.Should().Be(2);
        second.Segments.Should().Be(3, "the euro sign's two septets do not fit in the first segment's last one");
        third.Should().Be(first);
        third.Segments.Should().Be(2);
    }
}
