using System.Numerics;
using Llm.Nn;

namespace Llm.Charts;

/// <summary>
/// One-line ways to make each kind of chart. Numbers can be float, double, int… (any .NET number
/// type), arrays or lists, or a <see cref="Tensor"/>.
/// </summary>
public abstract partial class Chart
{
    /// <summary>One unnamed curve over x = 0, 1, 2, …: <c>Chart.Line(losses)</c>.</summary>
    public static LineChart Line<T>(IEnumerable<T> values)
        where T : INumberBase<T> =>
        RequireSome(new LineChart().Add(string.Empty, values));

    /// <summary>Named curves over x = 0, 1, 2, …: <c>Chart.Line(("train", train), ("validation", val))</c>.</summary>
    public static LineChart Line<T>(params (string Name, IEnumerable<T> Values)[] series)
        where T : INumberBase<T>
    {
        var chart = new LineChart();
        foreach (var (name, values) in series)
        {
            chart.Add(name, values);
        }

        return RequireSome(chart);
    }

    /// <summary>One named curve at given x values (e.g. steps): <c>Chart.Line("validation", steps, losses)</c>; add more with Add.</summary>
    public static LineChart Line<TX, TY>(string name, IEnumerable<TX> x, IEnumerable<TY> y)
        where TX : INumberBase<TX>
        where TY : INumberBase<TY> =>
        RequireSome(new LineChart().Add(name, x, y));

    /// <summary>Named curves over x = 0, 1, 2, …, from tensors (one value per step).</summary>
    public static LineChart Line(params (string Name, Tensor Values)[] series)
    {
        var chart = new LineChart();
        foreach (var (name, values) in series)
        {
            chart.Add(name, ChartData.ToVector(values, "Line"));
        }

        return RequireSome(chart);
    }

    /// <summary>Points with optional labels: <c>Chart.Scatter(xs, ys, words)</c>.</summary>
    public static ScatterChart Scatter<T>(IEnumerable<T> x, IEnumerable<T> y, IEnumerable<string>? labels = null)
        where T : INumberBase<T>
    {
        var (xs, ys) = (ChartData.ToDoubles(x), ChartData.ToDoubles(y));
        if (xs.Length != ys.Length)
        {
            throw new ArgumentException($"Scatter has {xs.Length} x values but {ys.Length} y values; they must pair up.");
        }

        return new ScatterChart(xs, ys, labels is null ? null : ChartData.Labels(labels, xs.Length, "point"));
    }

    /// <summary>Points given as an [n, 2] matrix (x in column 0, y in column 1).</summary>
    public static ScatterChart Scatter(double[,] points, IEnumerable<string>? labels = null)
    {
        if (points.GetLength(1) != 2)
        {
            throw new ArgumentException($"Scatter needs points as an [n, 2] matrix, got [{points.GetLength(0)}, {points.GetLength(1)}]; project to 2-D first (Pca.Project).");
        }

        var n = points.GetLength(0);
        return Scatter(Enumerable.Range(0, n).Select(i => points[i, 0]), Enumerable.Range(0, n).Select(i => points[i, 1]), labels);
    }

    public static ScatterChart Scatter(float[,] points, IEnumerable<string>? labels = null) =>
        Scatter(ChartData.ToMatrix(points), labels);

    /// <summary>Points given as an [n, 2] tensor.</summary>
    public static ScatterChart Scatter(Tensor points, IEnumerable<string>? labels = null) =>
        Scatter(ChartData.ToMatrix(points, "Scatter"), labels);

    /// <summary>A PCA projection, with the explained variance in the axis labels ("PC1 (42%)").</summary>
    public static ScatterChart Scatter(PcaResult projection, IEnumerable<string>? labels = null)
    {
        if (projection.Points.GetLength(1) < 2)
        {
            throw new ArgumentException("Scatter needs a projection with at least 2 components.");
        }

        var n = projection.Points.GetLength(0);
        var ratio = projection.ExplainedVarianceRatio;
        return Scatter(Enumerable.Range(0, n).Select(i => projection.Points[i, 0]), Enumerable.Range(0, n).Select(i => projection.Points[i, 1]), labels)
            .XLabel($"PC1 ({Percent(ratio[0])} of variance)")
            .YLabel($"PC2 ({Percent(ratio[1])})");
    }

    /// <summary>A matrix as coloured cells: <c>Chart.Heatmap(attention, tokens, tokens)</c>.</summary>
    public static HeatmapChart Heatmap(double[,] values, IEnumerable<string>? rowLabels = null, IEnumerable<string>? columnLabels = null) =>
        new(values, rowLabels, columnLabels);

    public static HeatmapChart Heatmap(float[,] values, IEnumerable<string>? rowLabels = null, IEnumerable<string>? columnLabels = null) =>
        new(ChartData.ToMatrix(values), rowLabels, columnLabels);

    /// <summary>A 2-D tensor as a heatmap (pick one head of a [B, H, T, T] attention tensor first).</summary>
    public static HeatmapChart Heatmap(Tensor values, IEnumerable<string>? rowLabels = null, IEnumerable<string>? columnLabels = null) =>
        new(ChartData.ToMatrix(values, "Heatmap"), rowLabels, columnLabels);

    /// <summary>One bar per label: <c>Chart.Bar(tokens, probabilities).Top(10)</c>.</summary>
    public static BarChart Bar<T>(IEnumerable<string> labels, IEnumerable<T> values)
        where T : INumberBase<T> =>
        new(labels.ToArray(), [(string.Empty, ChartData.ToDoubles(values))]);

    /// <summary>Groups of bars side by side: <c>Chart.Bar(tokens, ("T = 0.5", p1), ("T = 1", p2))</c>.</summary>
    public static BarChart Bar<T>(IEnumerable<string> labels, params (string Name, IEnumerable<T> Values)[] groups)
        where T : INumberBase<T> =>
        new(labels.ToArray(), groups.Select(g => (g.Name, ChartData.ToDoubles(g.Values))).ToList());

    /// <summary>One bar per label, values from a 1-D tensor (e.g. the probabilities of the next token).</summary>
    public static BarChart Bar(IEnumerable<string> labels, Tensor values) =>
        new(labels.ToArray(), [(string.Empty, ChartData.ToVector(values, "Bar"))]);

    /// <summary>
    /// A diagram of a small network from its layer sizes, e.g. <c>Chart.Network([4, 3, 2], [w1, w2])</c>;
    /// weights are [out, in] matrices as nn.Linear's. Values, biases and labels can be added with the
    /// methods of <see cref="NetworkChart"/>.
    /// </summary>
    public static NetworkChart Network(int[] layerSizes, IReadOnlyList<float[,]>? weights = null, IReadOnlyList<float[]?>? values = null, IReadOnlyList<string[]?>? labels = null)
    {
        var chart = new NetworkChart(layerSizes);
        if (weights is not null)
        {
            chart.Weights(weights.ToArray());
        }

        if (values is not null)
        {
            chart.Values(values.ToArray());
        }

        if (labels is not null)
        {
            chart.Labels(labels.ToArray());
        }

        return chart;
    }

    /// <summary>A diagram of a stack of Linear layers, with their weights and biases.</summary>
    public static NetworkChart Network(params Linear[] layers)
    {
        if (layers.Length == 0)
        {
            throw new ArgumentException("Network needs at least one Linear layer.");
        }

        for (var k = 1; k < layers.Length; k++)
        {
            if (layers[k].InFeatures != layers[k - 1].OutFeatures)
            {
                throw new ArgumentException($"Layer {k} takes {layers[k].InFeatures} inputs but layer {k - 1} gives {layers[k - 1].OutFeatures}; the layers must chain.");
            }
        }

        var sizes = layers.Select(l => l.OutFeatures).Prepend(layers[0].InFeatures).ToArray();
        var chart = new NetworkChart(sizes).Weights(layers.Select(l => l.Weight).ToArray());
        return layers.All(l => l.Bias is not null) ? chart.Biases(layers.Select(l => l.Bias).ToArray()) : chart;
    }

    private static string Percent(double share) => (100 * share).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    private static LineChart RequireSome(LineChart chart) =>
        chart.SeriesData.Any(s => s.Y.Length > 0)
            ? chart
            : throw new ArgumentException("A line chart needs at least one value; the series are empty.");
}
