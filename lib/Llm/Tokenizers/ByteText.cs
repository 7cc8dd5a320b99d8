using System.Text;

namespace Llm.Tokenizers;

/// <summary>
/// Shows a byte-level token as text for people: bytes that form whole UTF-8 characters are shown
/// as those characters, and bytes that do not (a token holding the first two of the three bytes
/// of "明") as \xNN, Python's notation. Line breaks and tabs are shown as \n, \r, \t so that one token
/// stays on one line of a printed trace. This is for display only; it is not reversible.
/// </summary>
internal static class ByteText
{
    public static string Show(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder();
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var length) != System.Buffers.OperationStatus.Done)
            {
                builder.Append($"\\x{bytes[0]:x2}");
                bytes = bytes[1..];
                continue;
            }

            builder.Append(rune.Value switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when Rune.IsControl(rune) => $"\\x{rune.Value:x2}",
                _ => rune.ToString(),
            });
            bytes = bytes[length..];
        }

        return builder.ToString();
    }
}
