namespace FollowUps.Testing;

/// <summary>Call events for tests of stores and adapters: valid, consented, and telling apart by their contact. Thread-safe.</summary>
public static class SampleCalls
{
    /// <summary>
    /// An answered two-minute call of account <c>account-1</c>, campaign <c>campaign-1</c>, ended at
    /// <paramref name="endedAt"/>, in which contact <paramref name="contactId"/> (phone +1 415 555 2671, first name Ann)
    /// agreed to a text ("Yes, text me."); its call id is <c>call-</c> and the contact's id.
    /// </summary>
    /// <param name="contactId">The contact's id.</param>
    /// <param name="endedAt">When the call ended.</param>
    /// <returns>The call.</returns>
    public static CallCompleted AnsweredWithSmsConsent(string contactId, DateTimeOffset endedAt) => new()
    {
        AccountId = "account-1",
        CampaignId = "campaign-1",
        CallId = $"call-{contactId}",
        Contact = new Contact { Id = contactId, Phone = "(415) 555-2671", FirstName = "Ann" },
        Status = CallStatus.Answered,
        StartedAt = endedAt.AddMinutes(-2),
        EndedAt = endedAt,
        Transcript = [new TranscriptTurn { Speaker = Speaker.Agent, Text = "May I text you a link?" }, new TranscriptTurn { Speaker = Speaker.Contact, Text = "Yes, text me." }],
        Consent = new CallConsent { Sms = ChannelConsent.Granted(1, "text me") },
    };
}
