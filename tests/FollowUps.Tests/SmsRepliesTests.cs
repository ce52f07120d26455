using CsCheck;
using FollowUps.Tests.Rules;

namespace FollowUps.Tests;

/// <summary>
/// Inbound replies read the way a reasonable person reads them, erring on the side of the contact: anything that says
/// "stop texting me" opts out, whatever its case, spacing, punctuation or Unicode form.
/// </summary>
public sealed class SmsRepliesTests
{
    /// <summary>Replies and what they ask for: the rule's examples, one row each.</summary>
    internal static readonly (string Reply, SmsReplyKind Kind)[] Table =
    [
        // Strong opt-out words, anywhere, in any case, padding and punctuation.
        ("STOP", SmsReplyKind.OptOut),
        ("stop", SmsReplyKind.OptOut),
        ("Stop", SmsReplyKind.OptOut),
        ("sToP", SmsReplyKind.OptOut),
        ("  Stop  ", SmsReplyKind.OptOut),
        ("STOP.", SmsReplyKind.OptOut),
        ("stop!!!", SmsReplyKind.OptOut),
        ("\"Stop\"", SmsReplyKind.OptOut),
        ("stop\n", SmsReplyKind.OptOut),
        ("stop please", SmsReplyKind.OptOut),
        ("Please stop texting me", SmsReplyKind.OptOut),
        ("stop\ntexting\nme", SmsReplyKind.OptOut),
        ("Stop 🛑", SmsReplyKind.OptOut),
        ("🛑STOP🛑", SmsReplyKind.OptOut),
        ("STOP ALL", SmsReplyKind.OptOut),
        ("STOPALL", SmsReplyKind.OptOut),
        ("Stopall", SmsReplyKind.OptOut),
        ("UNSUBSCRIBE", SmsReplyKind.OptOut),
        ("unsubscribe me", SmsReplyKind.OptOut),
        ("OPTOUT", SmsReplyKind.OptOut),
        ("opt-out", SmsReplyKind.OptOut),
        ("Opt Out", SmsReplyKind.OptOut),
        ("opt out please", SmsReplyKind.OptOut),
        ("Please opt me out", SmsReplyKind.OptOut),
        ("REVOKE", SmsReplyKind.OptOut),
        ("Quit sending me this", SmsReplyKind.OptOut),
        ("cancel texts", SmsReplyKind.OptOut),
        ("Please end these messages", SmsReplyKind.OptOut),
        ("Cancel, I'm not interested", SmsReplyKind.OptOut),
        ("not interested", SmsReplyKind.OptOut),
        ("un-subscribe", SmsReplyKind.OptOut),
        ("unsub", SmsReplyKind.OptOut),
        ("I revoke my consent", SmsReplyKind.OptOut),
        ("I said stop, thanks", SmsReplyKind.OptOut),

        // Unicode compatibility forms, spelled-out letters, invisible and combining characters.
        ("ＳＴＯＰ", SmsReplyKind.OptOut), // fullwidth
        ("ｓｔｏｐ", SmsReplyKind.OptOut),
        ("𝐒𝐓𝐎𝐏", SmsReplyKind.OptOut), // mathematical bold
        ("Ⓢⓣⓞⓟ", SmsReplyKind.OptOut), // circled
        ("ﬆop", SmsReplyKind.OptOut), // "st" ligature
        ("S T O P", SmsReplyKind.OptOut),
        ("s.t.o.p.", SmsReplyKind.OptOut),
        ("S-T-O-P!", SmsReplyKind.OptOut),
        ("O P T  O U T", SmsReplyKind.OptOut),
        ("S\u0336T\u0336O\u0336P\u0336", SmsReplyKind.OptOut), // struck through with a combining mark
        ("ST\u200BOP", SmsReplyKind.OptOut), // zero-width space
        ("st\u00ADop", SmsReplyKind.OptOut), // soft hyphen

        // Plain phrases a reasonable person uses.
        ("Don't text me again", SmsReplyKind.OptOut),
        ("Don\u2019t text me again", SmsReplyKind.OptOut),
        ("dont text me", SmsReplyKind.OptOut),
        ("DO NOT TEXT", SmsReplyKind.OptOut),
        ("Do not contact me", SmsReplyKind.OptOut),
        ("do not message this number", SmsReplyKind.OptOut),
        ("pls dont txt me", SmsReplyKind.OptOut),
        ("No more texts", SmsReplyKind.OptOut),
        ("no more messages please", SmsReplyKind.OptOut),
        ("remove me from your list", SmsReplyKind.OptOut),
        ("Please remove my number", SmsReplyKind.OptOut),
        ("remove this number", SmsReplyKind.OptOut),
        ("Take me off your list", SmsReplyKind.OptOut),
        ("Leave me alone!", SmsReplyKind.OptOut),
        ("wrong number", SmsReplyKind.OptOut),
        ("You have the wrong number.", SmsReplyKind.OptOut),

        // Opting out wins, and the trade-off: a strong word counts even where it means something else.
        ("yes stop", SmsReplyKind.OptOut),
        ("STOP START", SmsReplyKind.OptOut),
        ("help stop", SmsReplyKind.OptOut),
        ("Don't stop the reminders", SmsReplyKind.OptOut),
        ("Can't stop smiling", SmsReplyKind.OptOut),
        ("non-stop", SmsReplyKind.OptOut),

        // Weak words: alone or with filler words only.
        ("Cancel", SmsReplyKind.OptOut),
        ("CANCEL", SmsReplyKind.OptOut),
        ("cancel.", SmsReplyKind.OptOut),
        ("END!", SmsReplyKind.OptOut),
        ("end", SmsReplyKind.OptOut),
        ("QUIT", SmsReplyKind.OptOut),
        ("quit please", SmsReplyKind.OptOut),
        ("cancel all texts", SmsReplyKind.OptOut),
        ("Cancel it", SmsReplyKind.OptOut),
        ("End all messages now", SmsReplyKind.OptOut),
        ("quit texting me", SmsReplyKind.OptOut),
        ("Cancel my subscription", SmsReplyKind.OptOut),
        ("cancel, thank you", SmsReplyKind.OptOut),
        ("E N D", SmsReplyKind.OptOut),

        // Not opt-outs: whole words only, and weak words in a sentence about something else.
        ("Stopped by yesterday, thanks", SmsReplyKind.Other),
        ("That was unstoppable", SmsReplyKind.Other),
        ("Nonstop flights only", SmsReplyKind.Other),
        ("cancel my appointment", SmsReplyKind.Other),
        ("Can I cancel the booking?", SmsReplyKind.Other),
        ("the end", SmsReplyKind.Other),
        ("See you at the end of the day", SmsReplyKind.Other),
        ("I'll quit my job", SmsReplyKind.Other),
        ("Quitting time!", SmsReplyKind.Other),
        ("Text me the address", SmsReplyKind.Other),
        ("Don't forget my appointment", SmsReplyKind.Other),
        ("I do not know yet", SmsReplyKind.Other),
        ("No more questions, thanks", SmsReplyKind.Other),
        ("Remove the 3pm slot", SmsReplyKind.Other),
        ("Opt in", SmsReplyKind.Other),

        // Opt-in: the word alone.
        ("START", SmsReplyKind.OptIn),
        ("start!", SmsReplyKind.OptIn),
        ("Start", SmsReplyKind.OptIn),
        ("Unstop", SmsReplyKind.OptIn),
        ("UNSTOP", SmsReplyKind.OptIn),
        ("un-stop", SmsReplyKind.OptOut), // two words, and one is "stop"
        ("YES", SmsReplyKind.OptIn),
        ("yes", SmsReplyKind.OptIn),
        (" Yes. ", SmsReplyKind.OptIn),
        ("ＹＥＳ", SmsReplyKind.OptIn),
        ("S T A R T", SmsReplyKind.OptIn),
        ("yes please", SmsReplyKind.Other),
        ("start time?", SmsReplyKind.Other),
        ("Yes, Tuesday works", SmsReplyKind.Other),
        ("yesterday", SmsReplyKind.Other),

        // Help: the word alone.
        ("HELP", SmsReplyKind.Help),
        ("help", SmsReplyKind.Help),
        ("Help?", SmsReplyKind.Help),
        ("INFO", SmsReplyKind.Help),
        ("info.", SmsReplyKind.Help),
        ("help me reschedule", SmsReplyKind.Other),
        ("Information please", SmsReplyKind.Other),

        // Everything else.
        ("Sounds good", SmsReplyKind.Other),
        ("Thanks!", SmsReplyKind.Other),
        ("Ok", SmsReplyKind.Other),
        ("", SmsReplyKind.Other),
        ("   ", SmsReplyKind.Other),
        ("...", SmsReplyKind.Other),
        ("😀", SmsReplyKind.Other),
        ("👍🏽🙏", SmsReplyKind.Other),
    ];

    public static TheoryData<string, SmsReplyKind> Replies()
    {
        var data = new TheoryData<string, SmsReplyKind>();
        foreach (var (reply, kind) in Table)
        {
            data.Add(reply, kind);
        }

        return data;
    }

    /// <summary>Forms of a strong opt-out, each of which opts out wherever it stands.</summary>
    private static readonly Gen<string> StrongOptOut = Gen.OneOf(
        "stop", "STOP", "Stop!", "STOPALL", "unsubscribe", "OPTOUT", "opt-out", "Opt Out", "opt me out", "revoke",
        "ＳＴＯＰ", "stop texting", "don't text", "Don\u2019t message", "do not contact", "no more messages", "remove me",
        "remove my number", "take me off", "leave me alone", "wrong number");

    /// <summary>Any word: arbitrary UTF-16 (lone surrogates, controls), hostile tokens, and the other classes' words.</summary>
    private static readonly Gen<string> AnyWord = Gen.OneOf(
        Gen.Char.Array[0, 12].Select(chars => new string(chars)),
        SlotRulesTests.HostileToken,
        Gen.OneOf("yes", "START", "help", "info", "cancel", "end", "quit", "please", "a", "I", "S", "don't", "-", "'", "😀"));

    /// <summary>Text that keeps the words as they are: padding, punctuation and emoji around the reply or between words.</summary>
    private static readonly Gen<string> Padding = Gen.OneOf("", " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u3000", "\u2003");

    private static readonly Gen<string> Punctuation = Gen.OneOf("", ".", "!", "!!!", "?", ",", "...", "\u2026", "\"", "(", ")", "😀", "🙏", "-");

    private static readonly Gen<string> Separator = Gen.OneOf(" ", "  ", ", ", " - ", "\n", ". ", "! ", "\u00A0", " 😀 ");

    [Theory]
    [MemberData(nameof(Replies))]
    public void Classify_Reply_IsWhatAReasonablePersonReadsInIt(string reply, SmsReplyKind kind)
    {
        SmsReplies.Classify(reply).Should().Be(kind);
    }

    [Fact]
    public void Classify_Null_IsOther()
    {
        SmsReplies.Classify(null).Should().Be(SmsReplyKind.Other);
    }

    [Fact]
    public void SmsReplyKind_Numbers_AreStable()
    {
        new[] { SmsReplyKind.Other, SmsReplyKind.OptOut, SmsReplyKind.OptIn, SmsReplyKind.Help }
            .Select(kind => (int)kind).Should().Equal(0, 1, 2, 3);
        Enum.GetValues<SmsReplyKind>().Should().HaveCount(4);
    }

    [Fact]
    public void Classify_UnpairedSurrogates_AreSeparatorsAndTheRestIsStillNormalised()
    {
        // Built here, not in theory data: xunit serialises theory data as UTF-8, which turns a lone surrogate into U+FFFD.
        SmsReplies.Classify('\uD83D' + "ＳＴＯＰ").Should().Be(SmsReplyKind.OptOut);
        SmsReplies.Classify("ｙｅｓ" + '\uDE00').Should().Be(SmsReplyKind.OptIn);
        SmsReplies.Classify("can" + '\uD83D' + "cel my appointment").Should().Be(SmsReplyKind.Other);
        SmsReplies.Classify("\uDE00\uD83D").Should().Be(SmsReplyKind.Other);
    }

    [Fact]
    public void Classify_LongBody_ReadsTheFirst1600CharactersOnly()
    {
        var within = new string('x', SmsReplies.MaxLength - 5) + " stop";
        var beyond = new string('x', SmsReplies.MaxLength - 4) + " stop";

        within.Length.Should().Be(1600);
        SmsReplies.Classify(within).Should().Be(SmsReplyKind.OptOut);
        SmsReplies.Classify(beyond).Should().Be(SmsReplyKind.Other, "\"stop\" ends past character 1,600");
        SmsReplies.Classify("Stop. " + new string('x', 100_000)).Should().Be(SmsReplyKind.OptOut);
    }

    [Fact]
    public void Classify_ManyThreadsAtOnce_AgreeWithOneThread()
    {
        var replies = Table.Select(row => row.Reply).Append(string.Concat(Enumerable.Repeat("ＳＴＯＰ ", 400))).ToArray();
        var expected = replies.Select(SmsReplies.Classify).ToArray();

        var results = new SmsReplyKind[64 * 20][];
        Parallel.For(0, results.Length, t => results[t] = [.. replies.Select(SmsReplies.Classify)]);

        results.Should().AllSatisfy(result => result.Should().Equal(expected));
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("Please stop texting me")]
    [InlineData("Don't text me again")]
    [InlineData("cancel all texts")]
    [InlineData("Sounds good, see you Tuesday at 3:30")]
    public void Classify_ShortAsciiReply_AllocatesNothing(string reply)
    {
        SmsReplies.Classify(reply); // the first call builds the word tables

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            SmsReplies.Classify(reply);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Fact]
    public void Classify_AnyText_NeverThrowsAndIsDeterministic()
    {
        var veryLong = Gen.OneOf(
            Gen.Char.Array[1500, 4000].Select(chars => new string(chars)),
            Gen.OneOf("\uFDFA", "\u3392", "ＳＴＯＰ", "\uD83D", "a ", "\u0336").Array[300, 2000].Select(parts => string.Concat(parts)));

        Gen.OneOf(SmsTextTests.AnyText, SlotRulesTests.AnyText, veryLong).Sample(text =>
        {
            var kind = SmsReplies.Classify(text);

            Enum.IsDefined(kind).Should().BeTrue();
            SmsReplies.Classify(new string(text.AsSpan())).Should().Be(kind);
        }, iter: 2000);
    }

    [Fact]
    public void Classify_StrongOptOutAmongAnyOtherWords_OptsOut()
    {
        var reply = Gen.Select(AnyWord.Array[0, 8], StrongOptOut, AnyWord.Array[0, 8],
            (before, optOut, after) => string.Join(' ', [.. before, optOut, .. after]));

        reply.Sample(text => SmsReplies.Classify(text).Should().Be(SmsReplyKind.OptOut), iter: 5000);
    }

    [Fact]
    public void Classify_TableRowWithOtherCasePaddingOrPunctuation_KeepsItsKind()
    {
        var variant = Gen.Select(
            Gen.Int[0, Table.Length - 1], Gen.Bool.Array[80], Gen.Select(Padding, Punctuation), Gen.Select(Punctuation, Padding), Separator.Array[8],
            (row, upper, before, after, separators) =>
            {
                var (reply, kind) = Table[row];
                var cased = new string([.. reply.Select((c, i) => upper[i % upper.Length] ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))]);
                var spaced = string.Concat(cased.Split(' ').Select((word, i) => i == 0 ? word : separators[i % separators.Length] + word));
                return (Text: before.Item1 + before.Item2 + spaced + after.Item1 + after.Item2, Kind: kind, Row: reply);
            });

        variant.Sample(v => SmsReplies.Classify(v.Text).Should().Be(v.Kind, "{0} is a form of {1}", v.Text, v.Row), iter: 5000);
    }
}
