using System.Buffers;
using System.Globalization;
using System.Text;

namespace FollowUps;

/// <summary>
/// Classifies an inbound SMS reply from a contact: opt-out, opt-in, help or anything else. Provider-neutral: an SMS
/// adapter calls it on each inbound message. Thread-safe and pure.
/// </summary>
public static class SmsReplies
{
    // The whole rule, in five tables. A reply is read as lowercase words (see Classify for how), then:
    //   1. OptOut when any entry of OptOutAnywhere stands in it as whole words, wherever it is;
    //   2. OptOut when every word is in OptOutAlone or Filler, and at least one is in OptOutAlone;
    //   3. OptIn when the reply is one word of OptIn;   4. Help when it is one word of Help;   5. else Other.
    // In OptOutAnywhere an entry is words in a row, and "a|b" is either word: "dont text|txt" is "dont text" or "dont txt".

    /// <summary>Opt out wherever they stand in the reply.</summary>
    private static readonly string[] OptOutAnywhere = Expand(
        "stop", "stopall", "unsubscribe", "unsub", "un subscribe", "optout", "revoke",
        "quit|cancel|end texting|sending|messaging|texts|messages|txts|msgs", "not interested",
        "opt out", "opt me out",
        "do not text|txt|message|msg|contact",
        "dont text|txt|message|msg|contact",
        "no more text|texts|txt|txts|message|messages|msg|msgs",
        "remove me", "remove my|this number", "take me off", "leave me alone", "wrong number");

    /// <summary>Opt out only alone or with <see cref="Filler"/> words: "cancel my appointment" is about something else.</summary>
    private static readonly string[] OptOutAlone = ["cancel", "end", "quit"];

    /// <summary>Words that do not change what an <see cref="OptOutAlone"/> word means: "cancel all texts please".</summary>
    private static readonly string[] Filler =
    [
        "please", "pls", "plz", "now", "asap", "just", "ok", "okay", "thanks", "thank", "you", "thx", "ty",
        "all", "it", "me", "my", "them", "this", "these", "those",
        "text", "texts", "txt", "texting", "message", "messages", "msg", "msgs", "messaging", "sms", "subscription",
    ];

    /// <summary>Opt in when the reply is exactly one of them (Twilio's defaults), and nothing opts out.</summary>
    private static readonly string[] OptIn = Expand("start", "unstop", "yes");

    /// <summary>Ask for help when the reply is exactly one of them.</summary>
    private static readonly string[] Help = Expand("help", "info");

    /// <summary>The most UTF-16 code units read, ten segments' worth: the rest of a longer body is ignored.</summary>
    internal const int MaxLength = 1600;

    /// <summary>
    /// What <paramref name="body"/> asks for. Errs on the side of the contact: a reply a reasonable person would read
    /// as "stop texting me" opts out, and opting out wins over everything else.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The reply is read as words: Unicode compatibility form first (NFKC: fullwidth "ＳＴＯＰ" is "STOP"), case
    /// ignored, words are runs of letters and digits, and everything else (spaces, punctuation, hyphens, symbols,
    /// emoji) separates them, so "opt-out" is "opt out". Apostrophes, combining marks and invisible format characters
    /// are skipped, so "don't", "don’t" and "dont" are one word; a run of single letters is one word, so "S T O P" and
    /// "s.t.o.p" are "stop". Words match whole: "stopped" and "unstoppable" are not "stop".
    /// </para>
    /// <para>
    /// <b>Opt-out</b>: STOP, STOPALL, UNSUBSCRIBE, OPTOUT, OPT OUT, REVOKE and a few plain phrases ("stop texting me",
    /// "don't text me", "no more messages", "remove me", "take me off your list", "leave me alone", "wrong number")
    /// count anywhere in the reply. The trade-off, chosen on purpose: "Don't stop the reminders" and "Can't stop
    /// smiling" opt out too, because missing a real opt-out costs the contact more than a lost follow-up costs the
    /// sender. CANCEL, END and QUIT opt out alone or with filler words ("Cancel", "END!", "quit please", "cancel all
    /// texts"), not inside a sentence about something else ("cancel my appointment", "see you at the end of the day").
    /// </para>
    /// <para>
    /// <b>Opt-in</b>: START, UNSTOP or YES, alone ("yes please" and "start time?" are <see cref="SmsReplyKind.Other"/>).
    /// <b>Help</b>: HELP or INFO, alone. Anything else, an empty body and <see langword="null"/> are
    /// <see cref="SmsReplyKind.Other"/>.
    /// </para>
    /// <para>
    /// Never throws, whatever the text (unpaired surrogates and control characters included); reads at most the first
    /// 1,600 UTF-16 code units (ten segments), so a keyword past them is not seen; allocates nothing for a short ASCII
    /// reply.
    /// </para>
    /// </remarks>
    /// <param name="body">The text of the reply, as received.</param>
    /// <returns>What the reply asks for.</returns>
    public static SmsReplyKind Classify(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return SmsReplyKind.Other;
        }

        var text = Compatible(body.AsSpan(0, Math.Min(body.Length, MaxLength)));
        var size = (2 * text.Length) + 2;
        char[]? rented = null;
        Span<char> buffer = size <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(size));
        try
        {
            return Decide(buffer[..WriteWords(text, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The rule, over the reply's words written as " w1 w2 … ".</summary>
    private static SmsReplyKind Decide(ReadOnlySpan<char> words)
    {
        if (ContainsAny(words, OptOutAnywhere) || IsOptOutAlone(words))
        {
            return SmsReplyKind.OptOut;
        }

        return IsOneOf(words, OptIn) ? SmsReplyKind.OptIn
            : IsOneOf(words, Help) ? SmsReplyKind.Help
            : SmsReplyKind.Other;
    }

    private static bool ContainsAny(ReadOnlySpan<char> words, string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (words.Contains(phrase, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOptOutAlone(ReadOnlySpan<char> words)
    {
        var trimmed = words.Trim(' ');
        var optOut = false;
        foreach (var range in trimmed.Split(' '))
        {
            var word = trimmed[range];
            if (IsOneOf(word, OptOutAlone))
            {
                optOut = true;
            }
            else if (!IsOneOf(word, Filler))
            {
                return false;
            }
        }

        return optOut;
    }

    private static bool IsOneOf(ReadOnlySpan<char> word, string[] words)
    {
        foreach (var w in words)
        {
            if (word.SequenceEqual(w))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes the words of <paramref name="text"/> to <paramref name="buffer"/> as " w1 w2 … " (a space before and
    /// after each), lowercase, with a run of single-letter words joined into one; returns the length written.
    /// </summary>
    private static int WriteWords(ReadOnlySpan<char> text, Span<char> buffer)
    {
        buffer[0] = ' ';
        var (length, wordStart, wordRunes, afterSingle) = (1, 1, 0, false);
        var runes = text.EnumerateRunes();
        for (var more = runes.MoveNext(); ; more = runes.MoveNext())
        {
            if (more && IsSkipped(runes.Current))
            {
                continue;
            }

            if (more && Rune.IsLetterOrDigit(runes.Current))
            {
                wordStart = wordRunes++ == 0 ? length : wordStart;
                length += Rune.ToLowerInvariant(runes.Current).EncodeToUtf16(buffer[length..]);
                continue;
            }

            // A separator, or the end of the text, ends the word being read.
            if (wordRunes > 0)
            {
                if (wordRunes == 1 && afterSingle)
                {
                    // "S T O P": this letter joins the single letters before it, in place of the space between them.
                    buffer[wordStart..length].CopyTo(buffer[(wordStart - 1)..]);
                    length--;
                }

                afterSingle = wordRunes == 1;
                buffer[length++] = ' ';
                wordRunes = 0;
            }

            if (!more)
            {
                return length;
            }
        }
    }

    /// <summary>Characters that neither make nor break a word: apostrophes, combining marks, invisible format characters.</summary>
    private static bool IsSkipped(Rune rune) =>
        rune.Value is '\'' or '\u2018' or '\u2019' or '\u02BC' or '`'
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.Format;

    /// <summary>The text in Unicode NFKC; unpaired surrogates, which have no normal form, become U+FFFD first.</summary>
    private static ReadOnlySpan<char> Compatible(ReadOnlySpan<char> text)
    {
        try
        {
            return text.IsNormalized(NormalizationForm.FormKC) ? text : text.ToString().Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            var chars = text.ToArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(chars[i]))
                {
                    chars[i] = '\uFFFD';
                }
            }

            return new string(chars).Normalize(NormalizationForm.FormKC);
        }
    }

    /// <summary>Each entry's word sequences, padded with spaces to match whole words: "a|b c" is " a c " and " b c ".</summary>
    private static string[] Expand(params string[] entries)
    {
        var phrases = new List<string>();
        foreach (var entry in entries)
        {
            IEnumerable<string> heads = [" "];
            foreach (var slot in entry.Split(' '))
            {
                heads = heads.SelectMany(head => slot.Split('|').Select(word => head + word + " ")).ToArray();
            }

            phrases.AddRange(heads);
        }

        return [.. phrases];
    }
}
