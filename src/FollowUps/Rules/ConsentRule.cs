namespace FollowUps.Rules;

/// <summary>Consent counts only when granted and traceable to the contact's own words in the transcript.</summary>
internal static class ConsentRule
{
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

        var quote = Words(evidence.Quote);
        return quote.Length > 0 && ContainsWholeWords(Words(turn.Text), quote)
            ? null
            : $"the quoted words are not in turn {evidence.TurnIndex}";
    }

    /// <summary>Whether <paramref name="quote"/> stands in <paramref name="text"/> as whole words: "yes" is not in "Noyes".</summary>
    private static bool ContainsWholeWords(string text, string quote)
    {
        for (var at = text.IndexOf(quote, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(quote, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + quote.Length;
            if ((at == 0 || !IsWordChar(text[at - 1]) || !IsWordChar(quote[0]))
                && (end == text.Length || !IsWordChar(text[end]) || !IsWordChar(quote[^1])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '\'';

    /// <summary>The text with every run of white space folded to one space, so line breaks and spacing do not matter.</summary>
    private static string Words(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
