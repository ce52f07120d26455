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
        return quote.Length > 0 && Words(turn.Text).Contains(quote, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"the quoted words are not in turn {evidence.TurnIndex}";
    }

    /// <summary>The text with every run of white space folded to one space, so line breaks and spacing do not matter.</summary>
    private static string Words(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
