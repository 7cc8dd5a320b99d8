using System.Text;

namespace Llm.Tokenizers;

/// <summary>
/// GPT-2's byte-to-unicode table (bytes_to_unicode in openai/gpt-2 src/encoder.py; Hugging Face's
/// ByteLevel pre-tokenizer). Byte-level BPE works on bytes, but GPT-2 stores its vocabulary as text
/// (vocab.json, merges.txt), so every byte gets a visible character: the 188 printable bytes
/// 33–126 ('!'..'~'), 161–172 ('¡'..'¬') and 174–255 ('®'..'ÿ') stand for themselves, and the other
/// 68 (control characters, space, 127–160, 173) take U+0100, U+0101, ... in byte order.
/// That is why GPT-2's tokens show a space as 'Ġ' (byte 32 → U+0120) and a newline as 'Ċ' (byte 10 → U+010A).
/// </summary>
public static class ByteLevel
{
    private static readonly char[] Table = BuildTable();
    private static readonly Dictionary<char, byte> Inverse = Enumerable.Range(0, 256).ToDictionary(b => Table[b], b => (byte)b);

    /// <summary>BytesToUnicode[b] is the character that stands for byte b.</summary>
    public static IReadOnlyList<char> BytesToUnicode => Table;

    /// <summary>Bytes → their GPT-2 text form, e.g. the UTF-8 of " world" → "Ġworld".</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            builder.Append(Table[b]);
        }

        return builder.ToString();
    }

    /// <summary>GPT-2 text form → bytes, e.g. "Ġworld" → the UTF-8 of " world".</summary>
    public static byte[] Decode(string text)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = Inverse.TryGetValue(text[i], out var b)
                ? b
                : throw new ArgumentException($"'{text[i]}' (U+{(int)text[i]:X4}) in \"{text}\" is not one of the 256 byte-level characters.", nameof(text));
        }

        return bytes;
    }

    private static char[] BuildTable()
    {
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= 33 and <= 126 or >= 161 and <= 172 or >= 174 and <= 255; // '!'..'~', '¡'..'¬', '®'..'ÿ'
            table[b] = printable ? (char)b : (char)next++;
        }

        return table;
    }
}
