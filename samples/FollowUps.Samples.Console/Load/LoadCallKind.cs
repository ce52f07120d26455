namespace FollowUps.Samples.Load;

/// <summary>The kinds of generated call, and what each should send.</summary>
internal enum LoadCallKind
{
    /// <summary>Answered, SMS and email consent heard, email on file (recall campaign): an SMS and an email.</summary>
    AnsweredSmsAndEmail,

    /// <summary>Answered, SMS consent heard, no email (new-patient campaign, Next Step template): an SMS.</summary>
    AnsweredSmsOnly,

    /// <summary>Missed, email on file (recall campaign): the missed-call email.</summary>
    MissedWithEmail,

    /// <summary>Answered with SMS and email consent, but the phone is on the do-not-contact list: nothing.</summary>
    DoNotContact,
}
