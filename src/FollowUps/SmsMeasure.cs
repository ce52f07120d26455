using System.Globalization;

namespace FollowUps;

/// <summary>
/// The size of a text message as carriers count it: its encoding, its length in that encoding's units, and the
/// number of segments it is split into (and billed as). Immutable.
/// </summary>
public sealed record SmsMeasure
{
    /// <summary>The encoding the text needs.</summary>
    public required SmsEncoding Encoding { get; init; }

    /// <summary>The length in septets for GSM-7 (an extension character such as € counts two), or in UTF-16 code units for UCS-2.</summary>
    public required int Length { get; init; }

    /// <summary>How many segments the text is sent as; 0 for an empty text.</summary>
    public required int Segments { get; init; }

    /// <summary>
    /// The characters GSM-7 lacks, which make the text UCS-2: each once, in order of appearance, as a person sees them
    /// (an emoji with its skin tone is one). Empty for GSM-7.
    /// </summary>
    public required IReadOnlyList<string> Ucs2Characters
    {
        get;
        init => field = Array.AsReadOnly([.. value ?? throw new ArgumentNullException(nameof(value))]);
    }

    /// <summary>Whether both measure the same: equal encoding, length, segments and characters.</summary>
    /// <param name="other">The other measure.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(SmsMeasure? other) =>
        other is not null && Encoding == other.Encoding && Length == other.Length && Segments == other.Segments
        && Ucs2Characters.SequenceEqual(other.Ucs2Characters);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Encoding, Length, Segments, Ucs2Characters.Count);

    /// <summary>For people: "2 segments, GSM-7, 214 septets" or "3 segments, UCS-2 because of ’ 😀, 160 code units".</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var segments = Segments == 1 ? "1 segment" : $"{Segments} segments";
        return Encoding == SmsEncoding.Gsm7
            ? $"{segments}, GSM-7, {Length} septets"
            : $"{segments}, UCS-2 because of {string.Join(' ', Ucs2Characters.Select(Shown))}, {Length} code units";
    }

    /// <summary>A character as an editor can show it: itself, or its code (U+00A0) when it would print as nothing or as a GSM-7 letter.</summary>
    private static string Shown(string element) =>
        element.Any(c => c > '\u007F' && !char.IsWhiteSpace(c) && !IsUnseen(c))
            ? element
            : string.Join(' ', element.Where(c => char.IsWhiteSpace(c) || IsUnseen(c) || c > '\u007F').Select(c => $"U+{(int)c:X4}"));

    private static bool IsUnseen(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark;
}
