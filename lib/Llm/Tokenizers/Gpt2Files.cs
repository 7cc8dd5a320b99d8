using System.Text.Encodings.Web;
using System.Text.Json;

namespace Llm.Tokenizers;

/// <summary>
/// GPT-2's tokenizer files, as published with the model (Hugging Face repository "gpt2"):
/// vocab.json, a JSON object from token text (in <see cref="ByteLevel"/> form, " world" as "Ġworld")
/// to id; and merges.txt, a first line "#version: 0.2" and then one merge per line, "Ġ w", in rank order.
/// </summary>
internal static class Gpt2Files
{
    public const string VocabFileName = "vocab.json";
    public const string MergesFileName = "merges.txt";

    public static Dictionary<string, int> ReadVocab(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No GPT-2 vocabulary at {path}. It is {VocabFileName} from the Hugging Face repository \"gpt2\".", path);
        }

        return JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path} is not a JSON object of token → id.");
    }

    public static List<(string Left, string Right)> ReadMerges(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No GPT-2 merges at {path}. It is {MergesFileName} from the Hugging Face repository \"gpt2\".", path);
        }

        var merges = new List<(string, string)>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if ((lineNumber == 1 && line.StartsWith("#version", StringComparison.Ordinal)) || line.Length == 0)
            {
                continue;
            }

            // Byte-level tokens never contain a space (a space is 'Ġ'), so one space separates the two.
            var parts = line.Split(' ');
            merges.Add(parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0
                ? (parts[0], parts[1])
                : throw new InvalidDataException($"{path}, line {lineNumber}: \"{line}\" is not two tokens separated by one space."));
        }

        return merges;
    }

    /// <summary>Writes vocab.json (ids in increasing order) and merges.txt into a folder, creating it if needed.</summary>
    public static void Write(string directory, IEnumerable<(string Token, int Id)> vocab, IEnumerable<string> mergeLines)
    {
        Directory.CreateDirectory(directory);
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (token, id) in vocab.OrderBy(v => v.Id))
        {
            if (!map.TryAdd(token, id))
            {
                throw new InvalidOperationException($"Two ids ({map[token]} and {id}) have the same token text \"{token}\"; vocab.json cannot hold both.");
            }
        }

        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        File.WriteAllText(Path.Combine(directory, VocabFileName), JsonSerializer.Serialize(map, options));
        File.WriteAllLines(Path.Combine(directory, MergesFileName), ["#version: 0.2", .. mergeLines]);
    }
}
