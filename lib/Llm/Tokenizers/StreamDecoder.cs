using System.Text;

namespace Llm.Tokenizers;

/// <summary>
/// Decodes ids one at a time during generation, as Hugging Face's DecodeStream does:
/// <see cref="Push"/> returns only the text that has become complete. Every token is turned into
/// UTF-8 bytes and fed to a stateful UTF-8 decoder (System.Text.Decoder), which keeps the first
/// bytes of a character split over two tokens until its last byte arrives — so a streamed Chinese
/// poem never shows a U+FFFD replacement character halfway.
/// </summary>
public sealed class StreamDecoder
{
    private readonly Func<int, byte[]> tokenBytes;
    private readonly Decoder utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    private readonly char[] buffer = new char[64];

    /// <param name="tokenBytes">The UTF-8 bytes of one token id; throws for an unknown id.</param>
    internal StreamDecoder(Func<int, byte[]> tokenBytes)
    {
        this.tokenBytes = tokenBytes;
    }

    /// <summary>Adds one id and returns the newly completed text (empty while a character is still incomplete).</summary>
    public string Push(int id) => Feed(tokenBytes(id), flush: false);

    /// <summary>
    /// Ends the stream: bytes still held back (a character that never completed) come out as U+FFFD,
    /// as <see cref="ITokenizer.Decode"/> would show them.
    /// </summary>
    public string Flush() => Feed([], flush: true);

    private string Feed(byte[] bytes, bool flush)
    {
        var builder = new StringBuilder();
        var offset = 0;
        var completed = false;
        while (!completed)
        {
            // Convert works through the input in slices that fit the buffer; completed says when all is used.
            utf8.Convert(bytes, offset, bytes.Length - offset, buffer, 0, buffer.Length, flush, out var used, out var chars, out completed);
            builder.Append(buffer, 0, chars);
            offset += used;
        }

        return builder.ToString();
    }
}
