using System.Text.Json.Nodes;

namespace Llm.Charts;

/// <summary>
/// A small fully connected network as a diagram: neurons as circles with their values inside,
/// weights on the edges (blue positive, vermillion negative, thicker when larger), layer titles
/// above. Weight matrices follow nn.Linear: [out, in], so W[j, i] joins neuron i to neuron j.
/// </summary>
public sealed partial class NetworkChart : Chart<NetworkChart>
{
    /// <summary>More neurons than this in one layer would not be readable as circles with numbers.</summary>
    public const int MaxLayerSize = 16;

    // Okabe–Ito blue and vermillion: apart for every kind of colour vision.
    private const string Positive = "#0072B2";
    private const string Negative = "#D55E00";

    private readonly int[] sizes;
    private double[][,]? weights;
    private double[]?[]? values;
    private double[]?[]? biases;
    private string[]?[]? labels;
    private string[]? layerTitles;

    internal NetworkChart(int[] sizes)
    {
        if (sizes.Length < 2 || sizes.Any(s => s < 1 || s > MaxLayerSize))
        {
            throw new ArgumentException($"A network diagram needs at least two layers of 1 to {MaxLayerSize} neurons; got [{string.Join(", ", sizes)}].");
        }

        this.sizes = sizes;
    }

    internal override string Kind => "network diagram";

    /// <summary>One matrix per pair of adjacent layers, shaped [out, in] as nn.Linear's weight.</summary>
    public NetworkChart Weights(params double[][,] matrices)
    {
        if (matrices.Length != sizes.Length - 1)
        {
            throw new ArgumentException($"A network of {sizes.Length} layers has {sizes.Length - 1} weight matrices; got {matrices.Length}.");
        }

        for (var l = 0; l < matrices.Length; l++)
        {
            if (matrices[l].GetLength(0) != sizes[l + 1] || matrices[l].GetLength(1) != sizes[l])
            {
                throw new ArgumentException($"Weight matrix {l} should be [{sizes[l + 1]}, {sizes[l]}] ([out, in], as nn.Linear), got [{matrices[l].GetLength(0)}, {matrices[l].GetLength(1)}].");
            }
        }

        weights = matrices;
        return this;
    }

    public NetworkChart Weights(params float[][,] matrices) => Weights(matrices.Select(ChartData.ToMatrix).ToArray());

    public NetworkChart Weights(params Tensor[] matrices) => Weights(matrices.Select(m => ChartData.ToMatrix(m, "Weights")).ToArray());

    /// <summary>The value of each neuron, layer by layer (null for a layer without values).</summary>
    public NetworkChart Values(params double[]?[] perLayer)
    {
        values = PerLayer(perLayer, "values");
        return this;
    }

    public NetworkChart Values(params float[]?[] perLayer) => Values(perLayer.Select(v => v?.Select(x => (double)x).ToArray()).ToArray());

    public NetworkChart Values(params Tensor?[] perLayer) => Values(perLayer.Select(v => v is null ? null : ChartData.ToVector(v, "Values")).ToArray());

    /// <summary>The bias of each neuron of the layers after the input (shown under the circle).</summary>
    public NetworkChart Biases(params double[]?[] perLayer)
    {
        biases = PerLayer(perLayer.Prepend(null).ToArray(), "biases");
        return this;
    }

    public NetworkChart Biases(params float[]?[] perLayer) => Biases(perLayer.Select(v => v?.Select(x => (double)x).ToArray()).ToArray());

    public NetworkChart Biases(params Tensor?[] perLayer) => Biases(perLayer.Select(v => v is null ? null : ChartData.ToVector(v, "Biases")).ToArray());

    /// <summary>A name for each neuron (x₁, x₂, …), layer by layer; shown inside or, with values, beside the circle.</summary>
    public NetworkChart Labels(params string[]?[] perLayer)
    {
        labels = PerLayer(perLayer, "labels");
        return this;
    }

    /// <summary>Titles above the layers; by default "input", "hidden", "output".</summary>
    public NetworkChart LayerTitles(params string[] titles)
    {
        if (titles.Length != sizes.Length)
        {
            throw new ArgumentException($"The network has {sizes.Length} layers; got {titles.Length} titles.");
        }

        layerTitles = titles;
        return this;
    }

    private protected override JsonObject PlotlyFigure()
    {
        var (positions, _) = Layout();
        var data = new JsonArray();
        for (var l = 0; l + 1 < sizes.Length; l++)
        {
            for (var j = 0; j < sizes[l + 1]; j++)
            {
                for (var i = 0; i < sizes[l]; i++)
                {
                    var w = weights?[l][j, i];
                    data.Add(new JsonObject
                    {
                        ["type"] = "scatter",
                        ["mode"] = "lines",
                        ["x"] = Plotly.Numbers([positions[l][i].X, positions[l + 1][j].X]),
                        ["y"] = Plotly.Numbers([-positions[l][i].Y, -positions[l + 1][j].Y]),
                        ["line"] = new JsonObject { ["color"] = w is null ? "#999999" : w >= 0 ? Positive : Negative },
                        ["hoverinfo"] = "text",
                        ["text"] = w is null ? $"{i} → {j}" : $"w = {Ticks.Compact(w.Value)}",
                        ["showlegend"] = false,
                    });
                }
            }
        }

        var all = positions.SelectMany((layer, l) => layer.Select((p, i) => (p, l, i))).ToArray();
        data.Add(new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "markers+text",
            ["x"] = Plotly.Numbers(all.Select(n => n.p.X)),
            ["y"] = Plotly.Numbers(all.Select(n => -n.p.Y)),
            ["text"] = Plotly.Strings(all.Select(n => NeuronText(n.l, n.i))),
            ["marker"] = new JsonObject { ["size"] = 36, ["color"] = "#FFFFFF", ["line"] = new JsonObject { ["color"] = "#333333", ["width"] = 1.5 } },
            ["showlegend"] = false,
        });
        var layout = Plotly.Layout(this);
        layout["xaxis"]!["visible"] = false;
        layout["yaxis"]!["visible"] = false;
        var titles = layerTitles ?? DefaultTitles();
        layout["annotations"] = new JsonArray(positions.Select((layer, l) => (JsonNode?)new JsonObject
        {
            ["x"] = layer[0].X,
            ["y"] = -positions.SelectMany(p => p).Min(p => p.Y) + 30,
            ["text"] = titles[l],
            ["showarrow"] = false,
        }).ToArray());
        return Plotly.Figure(data, layout);
    }

    private protected override IEnumerable<string> Describe()
    {
        yield return "layers: " + string.Join(" → ", sizes);
        for (var l = 0; weights is not null && l < weights.Length; l++)
        {
            var w = weights[l].Cast<double>().ToArray();
            yield return $"W{l + 1} [{sizes[l + 1]}×{sizes[l]}] in [{Ticks.Compact(w.Min())}, {Ticks.Compact(w.Max())}]";
        }
    }

    private string[] DefaultTitles() =>
        Enumerable.Range(0, sizes.Length)
            .Select(l => l == 0 ? "input" : l == sizes.Length - 1 ? "output" : sizes.Length == 3 ? "hidden" : $"hidden {l}")
            .ToArray();

    private T[]?[] PerLayer<T>(T[]?[] perLayer, string what)
    {
        if (perLayer.Length != sizes.Length)
        {
            throw new ArgumentException($"The network has {sizes.Length} layers; got {what} for {perLayer.Length}.");
        }

        for (var l = 0; l < sizes.Length; l++)
        {
            if (perLayer[l] is { } layer && layer.Length != sizes[l])
            {
                throw new ArgumentException($"Layer {l} has {sizes[l]} neurons; got {layer.Length} {what}.");
            }
        }

        return perLayer;
    }

    private string NeuronText(int layer, int neuron) =>
        values?[layer] is { } v ? Ticks.Compact(v[neuron]) : labels?[layer] is { } n ? n[neuron] : string.Empty;

}
