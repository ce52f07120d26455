namespace FollowUps;

/// <summary>A campaign's email follow-up, sent from the connected mailbox after an answered call with email consent. Immutable.</summary>
public sealed record EmailFollowUpSettings
{
    /// <summary>Email off.</summary>
    public static EmailFollowUpSettings Disabled { get; } = new() { Enabled = false };

    /// <summary>Whether the campaign sends an email follow-up.</summary>
    public bool Enabled { get; init; }

    /// <summary>Whether the agent asks for email consent (and an address) on the call. Without it, no email follow-up is sent.</summary>
    public bool AskForEmail { get; init; }

    /// <summary>
    /// The sender name shown in the contact's inbox, for this email and the missed-call email; blank uses
    /// <see cref="FollowUpOptions.DefaultSenderName"/>. Fills <c>{{ from_name }}</c>.
    /// </summary>
    public string? FromName { get; init; }

    /// <summary>The subject line; one line.</summary>
    public string? Subject { get; init; }

    /// <summary>The body, as plain text; line breaks are kept.</summary>
    public string? Body { get; init; }

    /// <summary>
    /// An optional scheduling link, an absolute https URL. It fills <c>{{ meeting_link }}</c> in both emails, and this
    /// email closes with a "Book a time" line when its body shows the link nowhere. Blank means no link: the account's
    /// <see cref="FollowUpOptions.DefaultMeetingLink"/> is for the SMS templates only.
    /// </summary>
    public string? MeetingLink { get; init; }
}
