using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Llm.Tokenizers;

/// <summary>
/// Our tokenizer files: one JSON object whose "type" field says which tokenizer wrote it
/// ("char", "word", "byte_bpe", "gpt2") and whose other fields are that tokenizer's vocabulary.
/// Hugging Face's tokenizer.json works the same way (a "model" object with a "type").
/// </summary>
public static class TokenizerFile
{
    private const int Version = 1;

    // Chinese characters stay readable in the file instead of becoming \uXXXX escapes.
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads any tokenizer written by <see cref="ITokenizer.Save"/>, choosing the class by the "type" field.</summary>
    public static ITokenizer Load(string path)
    {
        var json = Read(path);
        var type = json["type"]?.GetValue<string>();
        var version = json["version"]?.GetValue<int>() ?? Version;
        if (version != Version)
        {
            throw new InvalidDataException($"{path}: tokenizer file version {version}; this library reads version {Version}.");
        }

        return type switch
        {
            CharTokenizer.TypeName => CharTokenizer.FromJson(json),
            WordTokenizer.TypeName => WordTokenizer.FromJson(json),
            BpeTokenizer.TypeName => BpeTokenizer.FromJson(json),
            Gpt2Tokenizer.TypeName => Gpt2Tokenizer.FromJson(json),
            _ => throw new InvalidDataException(
                $"{path}: unknown tokenizer type '{type}'. Expected \"{CharTokenizer.TypeName}\", \"{WordTokenizer.TypeName}\", " +
                $"\"{BpeTokenizer.TypeName}\" or \"{Gpt2Tokenizer.TypeName}\"."),
        };
    }

    /// <summary>Loads a file that must hold one particular kind of tokenizer (used by e.g. BpeTokenizer.Load).</summary>
    internal static T Load<T>(string path)
        where T : ITokenizer =>
        Load(path) is T tokenizer
            ? tokenizer
            : throw new InvalidDataException($"{path} holds a different kind of tokenizer than {typeof(T).Name}; use TokenizerFile.Load.");

    /// <summary>Writes the tokenizer's fields under a "type" and "version" header.</summary>
    internal static void Save(string path, string type, JsonObject fields)
    {
        var json = new JsonObject { ["type"] = type, ["version"] = Version };
        foreach (var (key, value) in fields)
        {
            json[key] = value?.DeepClone();
        }

        File.WriteAllText(path, json.ToJsonString(Options) + "\n");
    }

    /// <summary>A required field, with an error that names the file's type and the missing field.</summary>
    internal static JsonNode Field(JsonObject json, string name) =>
        json[name] ?? throw new InvalidDataException($"The \"{json["type"]}\" tokenizer file has no \"{name}\" field.");

    private static JsonObject Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No tokenizer file at {path}.", path);
        }

        return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"{path} is not a JSON object, so not a tokenizer file.");
    }
}
