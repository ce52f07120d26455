using System.Buffers;
using FollowUps.Delivery;
using FollowUps.Rules;

namespace FollowUps.Templates;

/// <summary>
/// Renders an email draft into the message a sender takes: the subject filled with plain values, the body compiled
/// once per campaign text (<see cref="EmailBody"/>) and filled, and a footer with the account's postal address and the
/// recipient's unsubscribe link when configured (<see cref="EmailFooter"/>, compiled once per composer). Per message it
/// only copies text and values: each part is one new string. It checks what it produced, whatever was validated
/// before: a body <see cref="EmailBody"/> refuses, or a subject or from name with a control or invisible character,
/// throws <see cref="InvalidOperationException"/>, which the engine records as <see cref="OutcomeReason.RenderFailed"/>.
/// Thread-safe. It keeps no signing key (it lives in the accounts cache): the caller gives the one unsubscribe links are
/// signed with on each compose.
/// </summary>
internal sealed class EmailComposer(FollowUpOptions defaults)
{
    /// <summary>What an unsubscribe token is made of (base64url and dots): nothing a URL or HTML would escape.</summary>
    private static readonly SearchValues<char> TokenCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    private readonly string? _unsubscribePage = string.IsNullOrWhiteSpace(defaults.UnsubscribeUrl) ? null : defaults.UnsubscribeUrl.Trim();
    private EmailFooter? _footer;
    private EmailFooter? _footerWithUnsubscribe;

    /// <summary>The message <paramref name="draft"/> makes for <paramref name="to"/>, its unsubscribe link signed with <paramref name="signingKey"/>.</summary>
    public EmailMessage Compose(FollowUpKey key, string to, EmailDraft draft, string? signingKey)
    {
        var values = draft.Values;
        var subject = EmailTemplate.Parse(draft.Subject).Fill(values);
        Require(SlotRules.IsOneLine(subject), "subject");
        Require(SlotRules.IsOneLine(values.FromName), "from name");
        var body = EmailBody.Of(draft.Body, values.MeetingLink, draft.ClosesWithMeetingLink);
        if (body.Problem is { } problem)
        {
            throw new InvalidOperationException($"The email body {problem}.");
        }

        var token = _unsubscribePage is null || string.IsNullOrEmpty(signingKey) ? null : UnsubscribeToken.Create(signingKey, key.AccountId, to);
        if (token is not null && token.AsSpan().ContainsAnyExcept(TokenCharacters))
        {
            throw new InvalidOperationException("The unsubscribe token has a character a link would escape; nothing was sent.");
        }

        var footer = token is null
            ? _footer ??= EmailFooter.Compile(defaults.PostalAddress, unsubscribePage: null)
            : _footerWithUnsubscribe ??= EmailFooter.Compile(defaults.PostalAddress, _unsubscribePage);
        var slots = new SlotValues(values, token);
        return new EmailMessage
        {
            Key = key,
            To = to,
            FromName = values.FromName,
            Subject = subject,
            TextBody = SlottedText.Join(body.Text, footer.Text, slots, html: false),
            HtmlBody = SlottedText.Join(body.Html, footer.Html, slots, html: true),
            UnsubscribeUrl = token is null ? null : UnsubscribeToken.Link(_unsubscribePage!, token),
        };
    }

    private static void Require(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"The email {what} has a line break, control or invisible character; nothing was sent.");
        }
    }
}
