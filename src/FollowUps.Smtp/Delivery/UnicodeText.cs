using System.Buffers;
using System.Text;

namespace FollowUps.Smtp.Delivery;

/// <summary>Whether a string can be written as UTF-8 without loss. Thread-safe (stateless).</summary>
internal static class UnicodeText
{
    /// <summary>False when <paramref name="text"/> has an unpaired surrogate, which UTF-8 would replace with U+FFFD.</summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out _, out var used) != OperationStatus.Done)
            {
                return false;
            }

            text = text[used..];
        }

        return true;
    }
}
