using System.Text.Json.Nodes;
using Llm.Models;

namespace Llm.Serialization;

/// <summary>
/// GPT-2 weights in Hugging Face's layout: `config.json` (n_embd, n_layer, n_head, n_positions,
/// vocab_size) and `model.safetensors` whose attention and MLP matrices come from GPT-2's Conv1D
/// and are stored [in, out] — the transpose of torch.nn.Linear's [out, in], which we use. Keys may
/// carry a "transformer." prefix; lm_head is tied to wte and may be absent. Our checkpoints use the
/// same layout, so a learner's downloaded GPT-2 and our poem model load through the same code.
/// </summary>
public static class Gpt2Layout
{
    public const string WeightsFile = "model.safetensors";
    public const string ConfigFile = "config.json";

    /// <summary>Writes config.json and model.safetensors into <paramref name="dir"/> (each file atomically).</summary>
    public static void Save(string dir, Gpt model, IReadOnlyDictionary<string, string>? metadata = null)
    {
        Directory.CreateDirectory(dir);
        var c = model.Config;
        var config = new JsonObject
        {
            ["model_type"] = "gpt2",
            ["architectures"] = new JsonArray("GPT2LMHeadModel"),
            ["vocab_size"] = c.VocabSize,
            ["n_positions"] = c.BlockSize,
            ["n_ctx"] = c.BlockSize,
            ["n_embd"] = c.Embd,
            ["n_layer"] = c.Layers,
            ["n_head"] = c.Heads,
            ["activation_function"] = "gelu_new",
            ["layer_norm_epsilon"] = 1e-5,
            ["resid_pdrop"] = c.Dropout,
            ["embd_pdrop"] = c.Dropout,
            ["attn_pdrop"] = c.Dropout,
            ["tie_word_embeddings"] = true,
            ["llm_seed"] = c.Seed,
        };
        WriteAtomically(Path.Combine(dir, ConfigFile), config.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        var tensors = model.NamedParameters().ToDictionary(p => p.Name, p => IsConv1D(p.Name) ? p.Tensor.Detach().Transpose(0, 1) : p.Tensor);
        var meta = new Dictionary<string, string> { ["format"] = "pt" };
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            meta[key] = value;
        }

        SafeTensors.Save(Path.Combine(dir, WeightsFile), tensors, meta);
    }

    /// <summary>Reads the config of a checkpoint folder (ours or Hugging Face's GPT-2).</summary>
    public static GptConfig LoadConfig(string dir)
    {
        var path = Path.Combine(dir, ConfigFile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No {ConfigFile} in '{dir}': is this a model folder? It needs {ConfigFile} and {WeightsFile}.", path);
        }

        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException("empty");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON: {e.Message}", e);
        }

        int Int(string key) => json[key]?.GetValue<int>() ?? throw new InvalidDataException($"'{path}' has no \"{key}\".");
        return new GptConfig
        {
            VocabSize = Int("vocab_size"),
            BlockSize = json["n_positions"]?.GetValue<int>() ?? Int("n_ctx"),
            Embd = Int("n_embd"),
            Layers = Int("n_layer"),
            Heads = Int("n_head"),
            Dropout = 0f,
            Seed = json["llm_seed"]?.GetValue<ulong>() ?? 1337,
        };
    }

    /// <summary>Builds the model described by config.json and loads model.safetensors into it.</summary>
    public static (Gpt Model, Dictionary<string, string> Metadata) Load(string dir)
    {
        var config = LoadConfig(dir);
        var (tensors, metadata) = SafeTensors.Load(Path.Combine(dir, WeightsFile), name => !IsBuffer(name));
        var model = new Gpt(config);
        var state = new Dictionary<string, Tensor>();
        foreach (var (key, value) in tensors)
        {
            var name = key.StartsWith("transformer.", StringComparison.Ordinal) ? key["transformer.".Length..] : key;
            state[name] = IsConv1D(name) && value.Rank == 2 ? value.Transpose(0, 1) : value;
        }

        model.LoadStateDict(state);
        return (model, metadata);
    }

    /// <summary>
    /// Hugging Face's GPT-2 also saves two buffers that are not weights: attn.bias, the causal mask
    /// (1, 1, T, T), stored as F32, U8 or BOOL depending on the converter, and attn.masked_bias, a
    /// scalar. The model makes its own mask, so they are skipped: they would only cost memory.
    /// </summary>
    private static bool IsBuffer(string name) =>
        name.EndsWith(".attn.bias", StringComparison.Ordinal) || name.EndsWith(".attn.masked_bias", StringComparison.Ordinal);

    private static bool IsConv1D(string name) =>
        name.EndsWith("c_attn.weight", StringComparison.Ordinal) || name.EndsWith("c_proj.weight", StringComparison.Ordinal) || name.EndsWith("c_fc.weight", StringComparison.Ordinal);

    internal static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
