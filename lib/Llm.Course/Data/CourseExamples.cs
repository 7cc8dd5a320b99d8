using System.Globalization;
using System.Text.Json;

namespace Llm.Data;

/// <summary>An object described by numbers: its colour as RGB and its volume in millilitres.</summary>
public sealed record NamedObject(string Name, string Chinese, float Red, float Green, float Blue, float VolumeMl)
{
    /// <summary>The four numbers a network receives: R, G, B, volume.</summary>
    public float[] Features() => [Red, Green, Blue, VolumeMl];
}

/// <summary>One neuron: a weight per input and a bias.</summary>
public sealed record Neuron(float[] Weights, float Bias);

/// <summary>Measured pairs: input X and result Y.</summary>
public sealed record XYData(double[] X, double[] Y);

/// <summary>A parrot exchange: what a person says and the parrot's reply, with their numbers.</summary>
public sealed record ParrotPair(string Say, int X, string Reply, int Y);

/// <summary>
/// The small worked examples of notebooks 1–4, read from data/examples (see its README for where
/// each number comes from).
/// </summary>
public static class CourseExamples
{
    /// <summary>The leaf (RGB 32, 107, 56; 11.2 ml) and the flower (RGB 241, 200, 4; 59.5 ml).</summary>
    public static NamedObject[] LeafAndFlower()
    {
        using var doc = ReadJson("leaf-flower.json");
        return doc.RootElement.GetProperty("objects").EnumerateArray().Select(o =>
        {
            var rgb = o.GetProperty("rgb").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            return new NamedObject(
                o.GetProperty("name").GetString()!,
                o.GetProperty("chinese").GetString()!,
                rgb[0], rgb[1], rgb[2],
                o.GetProperty("volumeMl").GetSingle());
        }).ToArray();
    }

    /// <summary>The hidden neuron worked by hand: weights 0.10, −0.29, −0.07, 0.46 and bias 0.25.</summary>
    public static Neuron BlueHiddenNeuron()
    {
        using var doc = ReadJson("leaf-flower.json");
        var neuron = doc.RootElement.GetProperty("blueHiddenNeuron");
        return new Neuron(
            neuron.GetProperty("weights").EnumerateArray().Select(v => v.GetSingle()).ToArray(),
            neuron.GetProperty("bias").GetSingle());
    }

    /// <summary>The ten published plots: fertilizer in kg (X) and crop yield in kg (Y).</summary>
    public static XYData Fertilizer()
    {
        var rows = File.ReadAllLines(DataPaths.File("examples", "fertilizer.csv"))
            .Skip(1) // header: fertilizer_kg,yield_kg
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','))
            .ToArray();
        return new XYData(
            rows.Select(r => double.Parse(r[0], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToArray());
    }

    /// <summary>
    /// The seven "妈妈喊我回家吃…" sentences: after "妈妈喊我回家吃" four continue with 饭,
    /// one with 饊 and two with 面.
    /// </summary>
    public static string[] DinnerSentences()
    {
        using var doc = ReadJson("mama-sentences.json");
        return doc.RootElement.EnumerateArray().Select(s => s.GetString()!).ToArray();
    }

    /// <summary>The parrot's phrases and their numbers: 你好 = 1, 早上好 = 2, … 滚蛋 = 6.</summary>
    public static IReadOnlyDictionary<string, int> ParrotNumbers()
    {
        using var doc = ReadJson("parrot.json");
        return doc.RootElement.GetProperty("numbers").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetInt32());
    }

    /// <summary>The three taught exchanges (你好 → 早上好, 再见 → 吃饭, 谢谢 → 滚蛋); each fits Y = X + 1.</summary>
    public static ParrotPair[] Parrot()
    {
        var numbers = ParrotNumbers();
        using var doc = ReadJson("parrot.json");
        return doc.RootElement.GetProperty("pairs").EnumerateArray().Select(p =>
        {
            var say = p.GetProperty("say").GetString()!;
            var reply = p.GetProperty("reply").GetString()!;
            return new ParrotPair(say, numbers[say], reply, numbers[reply]);
        }).ToArray();
    }

    /// <summary>Synthetic mock-exam scores of <paramref name="count"/> students; see <see cref="Data.ExamScores"/>.</summary>
    public static ExamStudent[] ExamScores(int count = Data.ExamScores.DefaultCount, ulong seed = Data.ExamScores.DefaultSeed) =>
        Data.ExamScores.Generate(count, seed);

    private static JsonDocument ReadJson(string name) =>
        JsonDocument.Parse(File.ReadAllText(DataPaths.File("examples", name)));
}
