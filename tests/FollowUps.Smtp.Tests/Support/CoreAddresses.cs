using System.Globalization;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUps.Smtp.Tests.Support;

/// <summary>
/// The core's email address rules, reached through its public API (the do-not-contact list normalises a value the way the
/// engine normalises a contact's address), and generators of addresses for them to judge.
/// </summary>
internal static class CoreAddresses
{
    private static readonly IdnMapping Idn = new();
    private static readonly ISuppressionList Rules = new ServiceCollection()
        .AddLogging()
        .AddFollowUps(_ => { })
        .Services
        .BuildServiceProvider()
        .GetRequiredService<ISuppressionList>();

    private static readonly string[] AsciiLocalParts =
    [
        "ann", "Ann.Lee", "a", "first.last", "o'brien", "x+tag", "a_b-c", "!#$%&'*+-/=?^_`{|}~", "user.name+folder", "1234",
    ];

    private static readonly string[] UnicodeLocalParts = ["josé", "Ida.Müller", "zoë+news", "日本", "пользователь", "δοκιμή", "çağla", "ñandú"];

    private static readonly string[] UnicodeLabels = ["bücher", "münchen", "日本", "пример", "δοκιμή", "straße", "café", "ÆØÅ"];

    private static readonly string[] AsciiLabels = ["example", "acme", "mail", "a", "my-host", "x1"];

    private static readonly Gen<string> Label = Gen.Frequency(
        (2, Gen.OneOf(AsciiLabels)),
        (2, Gen.OneOf(UnicodeLabels)),
        (2, Gen.OneOf(UnicodeLabels).Select(label => Idn.GetAscii(label))),
        (1, Gen.OneOf(UnicodeLabels).Select(label => label.ToUpperInvariant())));

    private static readonly Gen<string> Domain = Gen.Select(
        Label.Array[1, 3],
        Gen.OneOf("com", "example", "test", "de", "Org"),
        (labels, top) => $"{string.Join('.', labels)}.{top}");

    private static readonly Gen<string> LocalPart = Gen.Frequency(
        (3, Gen.OneOf(AsciiLocalParts)),
        (1, Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~."], 1, 64]),
        (2, Gen.OneOf(UnicodeLocalParts)));

    /// <summary>Addresses as a host might hand them in: ASCII, IDN domains in Unicode and xn-- form, Unicode local parts, any case.</summary>
    public static readonly Gen<string> Raw = Gen.Select(LocalPart, Domain, (local, domain) => $"{local}@{domain}");

    /// <summary>The address as the core's normaliser returns it, or null when the core refuses it.</summary>
    public static string? Normalize(string raw)
    {
        try
        {
            return Rules.AddAsync("address-rules", SuppressionTargetKind.Email, raw).GetAwaiter().GetResult().Target.Value;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether <paramref name="onTheWire"/> is the same address as <paramref name="expected"/>: the same local part, and the
    /// same domain once both are in ASCII (xn--) form, as IDNA makes a Unicode domain and its xn-- form one name.
    /// </summary>
    public static bool SameAddress(string onTheWire, string expected)
    {
        var at = onTheWire.LastIndexOf('@');
        var expectedAt = expected.LastIndexOf('@');
        return at > 0 && expectedAt > 0
            && onTheWire[..at] == expected[..expectedAt]
            && string.Equals(Idn.GetAscii(onTheWire[(at + 1)..]), Idn.GetAscii(expected[(expectedAt + 1)..]), StringComparison.OrdinalIgnoreCase);
    }
}
