using System.Globalization;

namespace FollowUps.Rules;

/// <summary>
/// Consent counts only when granted and traceable to the contact's own words in the transcript: the quote's words
/// (white-space runs folded, case ignored) stand as whole words in the turn. The check takes time linear in the
/// lengths, which are capped: a quote over <see cref="MaxQuoteCharacters"/> is not traceable, and only the first
/// <see cref="MaxTurnCharacters"/> of a turn are read (up to the last white space within them).
/// </summary>
internal static class ConsentRule
{
    /// <summary>The most characters of a turn that are read for the quoted words.</summary>
    public const int MaxTurnCharacters = 20_000;

    /// <summary>The longest quote that is looked for.</summary>
    public const int MaxQuoteCharacters = 2_000;

    /// <summary>Why <paramref name="consent"/> does not allow a send, or <see langword="null"/> when it does.</summary>
    public static Skip? Check(FollowUpKind kind, CallCompleted call, ChannelConsent? consent)
    {
        var channel = kind == FollowUpKind.Sms ? "SMS" : "email";
        switch (consent?.Status ?? ConsentStatus.NotAsked)
        {
            case ConsentStatus.NotAsked:
                return new(kind, OutcomeReason.ConsentNotAsked, $"The contact was not asked for {channel} consent.");
            case ConsentStatus.Declined:
                return new(kind, OutcomeReason.ConsentDeclined, $"The contact declined {channel} follow-ups.");
            case ConsentStatus.Granted:
                break;
            default:
                return new(kind, OutcomeReason.ConsentNotAsked, $"Consent status {(int)consent!.Status} is unknown.");
        }

        var problem = FindEvidenceProblem(call.Transcript ?? [], consent!.Evidence);
        return problem is null ? null : new(kind, OutcomeReason.ConsentNotTraceable, $"{channel} consent is not traceable: {problem}.");
    }

    private static string? FindEvidenceProblem(IReadOnlyList<TranscriptTurn> transcript, ConsentEvidence? evidence)
    {
        if (evidence is null)
        {
            return "no evidence was given";
        }

        if (evidence.TurnIndex < 0 || evidence.TurnIndex >= transcript.Count)
        {
            return $"turn {evidence.TurnIndex} is not in the transcript of {transcript.Count} turns";
        }

        var turn = transcript[evidence.TurnIndex];
        if (turn?.Speaker != Speaker.Contact)
        {
            return $"turn {evidence.TurnIndex} was not spoken by the contact";
        }

        var quote = evidence.Quote ?? "";
        if (quote.Length > MaxQuoteCharacters)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the quote is longer than {MaxQuoteCharacters:N0} characters");
        }

        var whole = turn.Text ?? "";
        var text = Readable(whole);
        return WholeWords.Contains(text, quote) ? null
            : text.Length == whole.Length ? $"the quoted words are not in turn {evidence.TurnIndex}"
            : text.IsEmpty ? string.Create(CultureInfo.InvariantCulture, $"turn {evidence.TurnIndex} is over {MaxTurnCharacters:N0} characters with no break between words in them to read up to")
            : string.Create(CultureInfo.InvariantCulture, $"the quoted words are not in the first {MaxTurnCharacters:N0} characters of turn {evidence.TurnIndex}");
    }

    /// <summary>
    /// The part of a turn that is read: all of it, or the first <see cref="MaxTurnCharacters"/> cut before the last
    /// character that is no part of a word (white space, punctuation), so the cut never makes a piece of a word ("yes" of
    /// "yesterday") a word. Empty when the first <see cref="MaxTurnCharacters"/> are one word.
    /// </summary>
    private static ReadOnlySpan<char> Readable(string text)
    {
        if (text.Length <= MaxTurnCharacters)
        {
            return text;
        }

        var end = MaxTurnCharacters;
        while (end > 0 && (WholeWords.IsWordCharacter(text[end]) || char.IsSurrogate(text[end])))
        {
            end--;
        }

        return text.AsSpan(0, end);
    }
}
