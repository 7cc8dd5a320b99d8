namespace Llm.Tokenizers;

/// <summary>
/// Turns text into token ids (integers in [0, VocabSize)) and back: the model only ever sees ids.
/// The same idea as Hugging Face's tokenizers (encode / decode), with three families in this folder:
/// one token per character (<see cref="CharTokenizer"/>), one per word from a fixed list
/// (<see cref="WordTokenizer"/>), and byte-level byte-pair encoding (<see cref="BpeTokenizer"/>,
/// <see cref="Gpt2Tokenizer"/>), which can encode any text at all.
/// </summary>
public interface ITokenizer
{
    /// <summary>How many ids there are (V): the size of the model's embedding table and output layer.</summary>
    int VocabSize { get; }

    /// <summary>
    /// Text → ids. Throws <see cref="ArgumentException"/> when the text contains something that a
    /// closed vocabulary (characters, words) cannot express and there is no unknown token.
    /// </summary>
    int[] Encode(string text);

    /// <summary>Ids → text. Throws <see cref="ArgumentException"/> for an id outside [0, VocabSize).</summary>
    string Decode(IEnumerable<int> ids);

    /// <summary>
    /// One token shown as readable text (for printing how a text was cut): the character, the word,
    /// or for byte-level tokens the bytes as text, with bytes that are not complete UTF-8 written as \xNN.
    /// </summary>
    string IdToToken(int id);

    /// <summary>
    /// A decoder for generation, fed one id at a time, that returns the text each id completes.
    /// Byte-level tokens can end inside a character (a Chinese character is 3 UTF-8 bytes, an emoji 4),
    /// so it holds such bytes back until the character is whole.
    /// </summary>
    StreamDecoder CreateStreamDecoder();

    /// <summary>Writes the tokenizer as JSON with a "type" field; <see cref="TokenizerFile.Load"/> reads any of them back.</summary>
    void Save(string path);
}
