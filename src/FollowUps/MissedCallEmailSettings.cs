namespace FollowUps;

/// <summary>
/// A campaign's missed-call email, sent without consent to contacts who did not pick up and have an email on file.
/// It is sent under <see cref="EmailFollowUpSettings.FromName"/>, else <see cref="FollowUpOptions.DefaultSenderName"/>,
/// and shows only what its body says: <c>{{ meeting_link }}</c> is <see cref="EmailFollowUpSettings.MeetingLink"/>, and
/// no line is added. Immutable.
/// </summary>
public sealed record MissedCallEmailSettings
{
    /// <summary>Missed-call email off.</summary>
    public static MissedCallEmailSettings Disabled { get; } = new() { Enabled = false };

    /// <summary>Whether the campaign sends a missed-call email.</summary>
    public bool Enabled { get; init; }

    /// <summary>The subject line; one line.</summary>
    public string? Subject { get; init; }

    /// <summary>The body, as plain text; line breaks are kept.</summary>
    public string? Body { get; init; }
}
