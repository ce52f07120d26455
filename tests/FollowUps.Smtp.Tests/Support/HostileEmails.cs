using CsCheck;

namespace FollowUps.Smtp.Tests.Support;

/// <summary>
/// Generators of emails whose from name, subject, bodies and unsubscribe link are built to break headers: line breaks
/// with a header behind them, controls, unpaired surrogates, encoded-word markers, specials, non-ASCII, long runs.
/// </summary>
internal static class HostileEmails
{
    /// <summary>Pieces a header may hold that still trip encoders: encoded-word markers, specials, non-ASCII, long runs.</summary>
    private static readonly string[] AwkwardPieces =
    [
        "\u2028", "\u2029", "\uFEFF", "\u00A0", "😀", "👩‍⚕️", "é", "日本", "Ω", " ", "  ", "=?", "?=", "=?utf-8?q?x?=",
        "=?utf-8?b?QQ==?=", "=?iso-8859-1?q?=E9?=", "\"", "<", ">", "@", ",", ";", ":", "\\", "(", ")", "_", "%", ".", "--",
        "From ", "Subject: hi", "Bcc: evil@example.com", new string('x', 1000), new string('é', 400),
        string.Concat(Enumerable.Repeat("word ", 250)),
    ];

    /// <summary>Pieces a header must never carry: line breaks (with a header behind them), controls, unpaired surrogates.</summary>
    private static readonly string[] ForbiddenPieces =
    [
        "\r", "\n", "\r\n", "\r\nBcc: evil@example.com", "\nX-Injected: yes", "\r\n.\r\n", "\0", "\t", "\u0001", "\u001B[31m",
        "\u007F", "\u0085", "\uD800", "\uDC00",
    ];

    private static readonly Gen<string> AwkwardText = Gen.OneOf(Gen.OneOf(AwkwardPieces), Gen.Char[' ', '~'].Select(c => c.ToString()))
        .Array[0, 24]
        .Select(string.Concat);

    /// <summary>Any text: awkward and forbidden pieces mixed with any UTF-16 code unit.</summary>
    private static readonly Gen<string> AnyText = Gen.OneOf(Gen.OneOf(AwkwardPieces), Gen.OneOf(ForbiddenPieces), Gen.Char['\0', '\uFFFF'].Select(c => c.ToString()))
        .Array[0, 24]
        .Select(string.Concat);

    /// <summary>Header text: mostly awkward but allowed (trimmed, no controls), else any text.</summary>
    private static readonly Gen<string> HeaderLine = Gen.Frequency((4, AwkwardText.Select(text => text.Trim())), (1, AnyText));

    /// <summary>Body text: awkward, or any text.</summary>
    private static readonly Gen<string> Body = Gen.Frequency((1, AwkwardText), (1, AnyText));

    /// <summary>Printable ASCII without '&lt;' and '&gt;': what an unsubscribe link may hold.</summary>
    private static readonly Gen<string> LinkText = Gen.String[Gen.Char["!\"#$%&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"], 0, 300];

    /// <summary>Unsubscribe links: mostly https URLs with any printable ASCII in the path and query; some with one bad piece; else anything.</summary>
    private static readonly Gen<string> AnyLink = Gen.Frequency(
        (4, Gen.Select(
            Gen.OneOf("https://", "HTTPS://"),
            Gen.OneOf("acme.test", "unsubscribe.acme.test:8443", "127.0.0.1", "xn--bcher-kva.example"),
            LinkText,
            (scheme, host, rest) => $"{scheme}{host}/{rest}")),
        (2, Gen.Select(
            LinkText,
            Gen.OneOf("<", ">", "> <https://evil.test>", " ", "\t", "\r\n", "\r\nBcc: evil@example.com", "\0", "\u007F", "é", "\u00A0", "=?", "\uD800"),
            LinkText,
            (before, piece, after) => $"https://acme.test/{before}{piece}{after}")),
        (1, Gen.Select(
            Gen.OneOf("http://", "https:", "mailto:", "", "https:///", " https://", "ftp://", "javascript:"),
            Gen.OneOf("acme.test", "bücher.example", "", "acme.test "),
            LinkText,
            (scheme, host, rest) => $"{scheme}{host}/{rest}")),
        (1, Gen.Select(LinkText, tail => $"https://acme.test/{new string('x', 880)}{tail}")),
        (1, AnyText));

    /// <summary>Emails with a hostile or awkward from name, subject, text body, HTML body (or none) and unsubscribe link (or none).</summary>
    public static readonly Gen<EmailMessage> Any = Gen.Select(HeaderLine, HeaderLine, Body, Body.Null(), AnyLink.Null(), (fromName, subject, text, html, link)
        => Emails.Create(1, fromName: fromName, subject: subject, htmlBody: html, unsubscribeUrl: link) with { TextBody = text });
}
