namespace Llm.Tests.Tokenizers;

/// <summary>Texts shared by the tokenizer tests: Tang poems (public domain), English, emoji, odd whitespace.</summary>
internal static class TestTexts
{
    /// <summary>李白《静夜思》, 王之涣《登鹳雀楼》, 孟浩然《春晓》: one poem per line.</summary>
    public const string TangPoems =
        "床前明月光，疑是地上霜。举头望明月，低头思故乡。\n" +
        "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。\n" +
        "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。\n";

    public const string English =
        "The cat sat on the mat. The dog sat on the log. " +
        "The cat and the dog are friends, and they sit together on the mat in the sun.\n";

    /// <summary>A training text for the byte-level BPE tests: English and Chinese, repeated so that pairs recur.</summary>
    public static readonly string Mixed = string.Concat(Enumerable.Repeat(English + TangPoems, 3));

    /// <summary>Texts that must survive Decode(Encode(text)) with a byte-level tokenizer, seen in training or not.</summary>
    public static readonly string[] RoundTrip =
    [
        "",
        "Hello world, it's 2024!",
        "床前明月光，疑是地上霜。",
        "春江潮水连海平，海上明月共潮生。", // 张若虚《春江花月夜》: not in the training text
        "emoji 😀🎉, a family 👨‍👩‍👧 and a flag 🇨🇳",
        "𠀀 is outside the Basic Multilingual Plane",
        "lines\n\nand  spaces\r\n\ttabs \n",
        "mixed 中文 and English, café naïve",
    ];
}
