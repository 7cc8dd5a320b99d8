using System.Text;

namespace Llm.Tokenizers;

/// <summary>
/// The error messages shared by the tokenizers. They are all <see cref="ArgumentException"/>s and
/// say what was wrong and what to do, because a learner meets them in a notebook, not in a debugger.
/// </summary>
internal static class TokenizerErrors
{
    public static ArgumentException IdOutOfRange(int id, int vocabSize) =>
        new($"Token id {id} is outside the vocabulary: ids go from 0 to {vocabSize - 1}. " +
            "Was it produced by a model or tokenizer with a different vocabulary size?", "ids");

    public static ArgumentException UnknownCharacter(Rune rune, int index, string tokenizer, int vocabSize, string remedy) =>
        new($"The character {Describe(rune)} at position {index} is not in the vocabulary of this {tokenizer} " +
            $"({vocabSize} tokens). {remedy}", "text");

    public static ArgumentException InvalidUtf16(int index) =>
        new($"The text has a lone UTF-16 surrogate at position {index}: half of a character, which cannot be " +
            "encoded. It usually comes from cutting a string in the middle of an emoji or rare character.", "text");

    /// <summary>'床' (U+5E8A): the character itself and its code point, which shows invisible characters too.</summary>
    public static string Describe(Rune rune) => $"'{rune}' (U+{rune.Value:X4})";

    /// <summary>The Unicode scalar values of a string with their UTF-16 positions, failing clearly on a lone surrogate.</summary>
    public static IEnumerable<(Rune Rune, int Index)> Runes(string text)
    {
        for (var index = 0; index < text.Length;)
        {
            var rune = RuneAt(text, index);
            yield return (rune, index);
            index += rune.Utf16SequenceLength;
        }
    }

    /// <summary>Throws <see cref="InvalidUtf16"/> if the text holds half a character.</summary>
    public static void CheckWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++; // a proper pair: one character outside the Basic Multilingual Plane
            }
            else if (char.IsSurrogate(text[i]))
            {
                throw InvalidUtf16(i);
            }
        }
    }

    /// <summary>The character that starts at a UTF-16 position.</summary>
    public static Rune RuneAt(string text, int index) =>
        Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out _) == System.Buffers.OperationStatus.Done
            ? rune
            : throw InvalidUtf16(index);
}
