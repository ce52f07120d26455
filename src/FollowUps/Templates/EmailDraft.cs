namespace FollowUps.Templates;

/// <summary>One email before rendering: the campaign's subject and body templates and the values for their placeholders.</summary>
/// <param name="Subject">The subject template.</param>
/// <param name="Body">The body template.</param>
/// <param name="Values">The placeholders' values.</param>
/// <param name="ClosesWithMeetingLink">
/// Whether a closing "Book a time" line adds the meeting link when the body shows it nowhere: the email follow-up's link
/// is "embedded in the body" whatever the copy says; the missed-call email shows only what its body says.
/// </param>
internal readonly record struct EmailDraft(string Subject, string Body, EmailValues Values, bool ClosesWithMeetingLink);
