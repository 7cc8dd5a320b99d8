using Llm.Charts;

namespace Llm.Tests.Charts;

/// <summary>
/// Deterministic sample charts of every kind, as the course uses them. The golden-file tests
/// compare some of them with committed SVGs; tests/render-charts.sh writes all of them out and
/// renders them to PNG for a person to look at.
/// </summary>
internal static class ChartSamples
{
    public static IReadOnlyDictionary<string, Func<Chart>> All { get; } = new Dictionary<string, Func<Chart>>
    {
        ["loss"] = Loss,
        ["loss-log"] = LossLog,
        ["lr-schedule"] = LearningRate,
        ["embeddings"] = Embeddings,
        ["attention"] = Attention,
        ["positional-encoding"] = PositionalEncoding,
        ["next-token"] = NextToken,
        ["temperature"] = Temperature,
        ["network"] = Network,
        ["single-point"] = () => Chart.Line(("loss", new[] { 2.5f })).Title("One point"),
        ["gaps"] = Gaps,
        ["escaping"] = Escaping,
    };

    /// <summary>Training loss every step and validation loss every 25 steps, falling like a real run.</summary>
    public static LineChart Loss()
    {
        var g = new Generator(7);
        var train = Enumerable.Range(0, 300).Select(s => (float)(1.6 + (2.6 * Math.Exp(-s / 60.0)) + (0.08 * g.NextNormal()))).ToArray();
        var steps = Enumerable.Range(0, 13).Select(i => i * 25).ToArray();
        var validation = steps.Select(s => 1.75 + (2.5 * Math.Exp(-s / 65.0))).ToArray();
        return Chart.Line(("train", train))
            .Add("validation", steps, validation)
            .Title("Loss of the poem GPT")
            .XLabel("step")
            .YLabel("cross-entropy loss");
    }

    /// <summary>A loss falling over four decades, on a log axis.</summary>
    public static LineChart LossLog() =>
        Chart.Line(("loss", Enumerable.Range(0, 200).Select(s => 3.0 * Math.Pow(10, -s / 50.0))))
            .Title("Fitting one batch")
            .XLabel("step")
            .YLabel("loss")
            .LogY();

    /// <summary>Linear warm-up then cosine decay (the schedule of nanoGPT).</summary>
    public static LineChart LearningRate()
    {
        const int warmup = 100, total = 1000;
        const double max = 6e-4, min = 6e-5;
        var lr = Enumerable.Range(0, total).Select(s => s < warmup
            ? max * (s + 1) / warmup
            : min + (0.5 * (max - min) * (1 + Math.Cos(Math.PI * (s - warmup) / (total - warmup)))));
        return Chart.Line(("learning rate", lr)).Title("Warm-up and cosine decay").XLabel("step").YLabel("learning rate");
    }

    /// <summary>Made-up 16-D embeddings of characters in four families, projected with PCA.</summary>
    public static ScatterChart Embeddings()
    {
        (string Group, string Characters)[] families =
        [
            ("numbers", "一二三四五六七八九十"),
            ("seasons", "春夏秋冬"),
            ("directions", "东南西北"),
            ("nature", "山水月风花"),
        ];
        var g = new Generator(3);
        var centres = families.Select(_ => Enumerable.Range(0, 16).Select(_ => 2 * g.NextNormal()).ToArray()).ToArray();
        var rows = new List<float[]>();
        var labels = new List<string>();
        var groups = new List<string>();
        for (var f = 0; f < families.Length; f++)
        {
            foreach (var c in families[f].Characters)
            {
                rows.Add(centres[f].Select(v => v + (0.7f * g.NextNormal())).ToArray());
                labels.Add(c.ToString());
                groups.Add(families[f].Group);
            }
        }

        var data = new float[rows.Count, 16];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < 16; c++)
            {
                data[r, c] = rows[r][c];
            }
        }

        return Chart.Scatter(Pca.Project(data), labels).Groups(groups).Title("Character embeddings (PCA)");
    }

    /// <summary>Causal attention over a line of a Tang poem: each character attends to itself and the ones before.</summary>
    public static HeatmapChart Attention()
    {
        var tokens = "床前明月光，疑是".Select(c => c.ToString()).ToArray();
        var n = tokens.Length;
        var weights = new double[n, n];
        for (var q = 0; q < n; q++)
        {
            var scores = Enumerable.Range(0, q + 1).Select(k => Math.Cos((q * 1.7) + (k * 2.3)) + (k == q ? 1.0 : 0)).ToArray();
            var sum = scores.Sum(Math.Exp);
            for (var k = 0; k <= q; k++)
            {
                weights[q, k] = Math.Exp(scores[k]) / sum;
            }
        }

        return Chart.Heatmap(weights, tokens, tokens).Range(0, 1).Title("Attention weights (head 0)").XLabel("key").YLabel("query");
    }

    /// <summary>Sinusoidal positional encodings (Vaswani et al., 2017, §3.5): 48 positions × 64 channels.</summary>
    public static HeatmapChart PositionalEncoding()
    {
        const int positions = 48, channels = 64;
        var pe = new float[positions, channels];
        for (var p = 0; p < positions; p++)
        {
            for (var i = 0; i < channels; i += 2)
            {
                var angle = p / Math.Pow(10000, (double)i / channels);
                pe[p, i] = (float)Math.Sin(angle);
                pe[p, i + 1] = (float)Math.Cos(angle);
            }
        }

        return Chart.Heatmap(pe).Colors(ColorMap.Cividis).Title("Positional encoding").XLabel("channel").YLabel("position");
    }

    /// <summary>The ten likeliest next tokens after "床前明月", from made-up logits.</summary>
    public static BarChart NextToken()
    {
        string[] tokens = ["光", "色", "下", "<|endoftext|>", "夜", "中", "照", "，", "明", "a&b", "上", "白"];
        float[] logits = [4.1f, 2.2f, 1.9f, -0.5f, 1.5f, 1.2f, 1.1f, 0.9f, 0.4f, -1.2f, 0.2f, 0.1f];
        var max = logits.Max();
        var exp = logits.Select(l => MathF.Exp(l - max)).ToArray();
        var probabilities = exp.Select(e => e / exp.Sum()).ToArray();
        return Chart.Bar(tokens, probabilities).Top(10).Title("Next token after 床前明月").YLabel("probability");
    }

    /// <summary>The same logits through softmax at three temperatures.</summary>
    public static BarChart Temperature()
    {
        string[] tokens = ["the", "a", "cat", "dog", "sat", "ran"];
        double[] logits = [2.0, 1.5, 1.0, 0.6, 0.2, -0.5];
        double[] Softmax(double t)
        {
            var e = logits.Select(l => Math.Exp(l / t)).ToArray();
            return e.Select(v => v / e.Sum()).ToArray();
        }

        return Chart.Bar(tokens, ("T = 0.5", Softmax(0.5)), ("T = 1", Softmax(1)), ("T = 2", Softmax(2)))
            .Title("Softmax at three temperatures")
            .YLabel("probability");
    }

    /// <summary>Topic 1's network: 4 inputs, 3 hidden neurons, 2 outputs, with a forward pass's values.</summary>
    public static NetworkChart Network()
    {
        float[,] w1 = { { 0.5f, -0.2f, 0.1f, 0.8f }, { -0.6f, 0.4f, 0.9f, -0.1f }, { 0.3f, 0.7f, -0.5f, 0.2f } };
        float[,] w2 = { { 1.2f, -0.7f, 0.4f }, { -0.3f, 0.9f, 0.6f } };
        float[] b1 = [0.1f, -0.2f, 0.05f];
        float[] b2 = [0f, 0.1f];
        float[] x = [1f, 0.5f, -1f, 2f];
        var h = Enumerable.Range(0, 3).Select(j => MathF.Max(0, b1[j] + Enumerable.Range(0, 4).Sum(i => w1[j, i] * x[i]))).ToArray();
        var y = Enumerable.Range(0, 2).Select(k => b2[k] + Enumerable.Range(0, 3).Sum(j => w2[k, j] * h[j])).ToArray();
        return Chart.Network([4, 3, 2], [w1, w2], [x, h, y], [["x₁", "x₂", "x₃", "x₄"], ["h₁", "h₂", "h₃"], ["y₁", "y₂"]])
            .Biases(b1, b2)
            .LayerTitles("input", "hidden (ReLU)", "output")
            .Title("A 4 → 3 → 2 network");
    }

    /// <summary>A curve with NaN and ∞ in it (a diverging run), drawn with gaps and a note.</summary>
    public static LineChart Gaps() =>
        Chart.Line(("loss", new[] { 3.0, 2.6, 2.3, double.NaN, 2.0, 1.9, double.PositiveInfinity, 1.7, 1.65, 1.6 }))
            .Title("Loss with NaN steps")
            .XLabel("step");

    /// <summary>Labels with XML's special characters, Chinese, and a control character.</summary>
    public static HeatmapChart Escaping()
    {
        string[] rows = ["<|endoftext|>", "a & b", "\"quoted\"", "它's"];
        string[] columns = ["<", ">", "&", "\u0001"];
        var values = new double[4, 4];
        for (var r = 0; r < 4; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                values[r, c] = (r * 4) + c;
            }
        }

        return Chart.Heatmap(values, rows, columns).Title("Tokens <&> \"escaped\"");
    }
}
