namespace Llm.Charts;

/// <summary>The drawing of a network diagram: where neurons go, then edges with their weights, then neurons.</summary>
public sealed partial class NetworkChart
{
    private protected override void Render(Svg svg)
    {
        var (positions, radius) = Layout();
        var titles = layerTitles ?? DefaultTitles();
        if (TitleText is not null)
        {
            svg.Text(Width / 2.0, 24, TitleText, 15, "middle", bold: true, cssClass: "title");
        }

        var titleY = TitleText is null ? 24 : 50;
        for (var l = 0; l < sizes.Length; l++)
        {
            svg.Text(positions[l][0].X, titleY, titles[l], 13, "middle", "#444444", bold: true, cssClass: "layer-title");
        }

        DrawEdges(svg, positions, radius);
        DrawNeurons(svg, positions, radius);
    }

    /// <summary>Neuron centres, layer by layer: layers evenly spaced across, each layer centred vertically.</summary>
    private ((double X, double Y)[][] Positions, double Radius) Layout()
    {
        var top = TitleText is null ? 44.0 : 70.0;
        var bottom = Height - 24.0;
        var (left, right) = (70.0, Width - 70.0);
        var most = sizes.Max();
        var spacing = (bottom - top) / most;
        var radius = Math.Clamp(spacing * 0.32, 10, 22);
        var positions = sizes.Select((n, l) => Enumerable.Range(0, n)
                .Select(i => (left + ((right - left) * l / (sizes.Length - 1)), ((top + bottom) / 2) + ((i - ((n - 1) / 2.0)) * spacing)))
                .ToArray())
            .ToArray();
        return (positions, radius);
    }

    private void DrawEdges(Svg svg, (double X, double Y)[][] positions, double radius)
    {
        var largest = weights?.SelectMany(w => w.Cast<double>()).Select(Math.Abs).DefaultIfEmpty(0).Max() ?? 0;
        svg.BeginGroup("edges");
        for (var l = 0; l + 1 < sizes.Length; l++)
        {
            for (var j = 0; j < sizes[l + 1]; j++)
            {
                for (var i = 0; i < sizes[l]; i++)
                {
                    var (a, b) = (positions[l][i], positions[l + 1][j]);
                    var length = Math.Sqrt(((b.X - a.X) * (b.X - a.X)) + ((b.Y - a.Y) * (b.Y - a.Y)));
                    var (ux, uy) = ((b.X - a.X) / length, (b.Y - a.Y) / length);
                    var w = weights?[l][j, i];
                    var color = w is null ? "#999999" : w >= 0 ? Positive : Negative;
                    var width = w is null || largest == 0 ? 1 : 0.6 + (2.4 * Math.Abs(w.Value) / largest);
                    svg.Line(a.X + (ux * radius), a.Y + (uy * radius), b.X - (ux * radius), b.Y - (uy * radius), color, width);
                }
            }
        }

        svg.EndGroup();
        if (weights is null)
        {
            return;
        }

        // Edge labels: the edges into neuron j carry row j of W, so each label sits near its target
        // (¾ of the way), where the edges into one neuron fan apart. Odd targets use ⅗ instead,
        // so the fans of neighbouring targets stand in different columns and do not touch.
        svg.BeginGroup("weights");
        for (var l = 0; l + 1 < sizes.Length; l++)
        {
            for (var j = 0; j < sizes[l + 1]; j++)
            {
                var t = j % 2 == 0 ? 0.75 : 0.6;
                for (var i = 0; i < sizes[l]; i++)
                {
                    var (a, b) = (positions[l][i], positions[l + 1][j]);
                    var w = weights[l][j, i];
                    svg.Text(a.X + ((b.X - a.X) * t), a.Y + ((b.Y - a.Y) * t), Ticks.Compact(w), 10, "middle", w >= 0 ? Positive : Negative, VAlign.Middle, halo: true, cssClass: "weight");
                }
            }
        }

        svg.EndGroup();
    }

    private void DrawNeurons(Svg svg, (double X, double Y)[][] positions, double radius)
    {
        svg.BeginGroup("neurons");
        for (var l = 0; l < sizes.Length; l++)
        {
            for (var i = 0; i < sizes[l]; i++)
            {
                var (x, y) = positions[l][i];
                var label = labels?[l]?[i];
                var value = values?[l]?[i];
                svg.Circle(x, y, radius, "#FFFFFF", "#333333", 1.5, label ?? $"layer {l}, neuron {i}");
                var inside = value is { } v ? Ticks.Compact(v) : label ?? string.Empty;
                var size = Math.Min(12, radius * 0.62);
                svg.Text(x, y, TextMetrics.Fit(inside, size, (radius * 2) - 4), size, "middle", "#111111", VAlign.Middle, cssClass: "neuron");

                // With a value inside, the name goes outside where no edge passes: left of the
                // inputs, right of the outputs, above the hidden neurons.
                if (value is not null && label is not null)
                {
                    var (lx, ly, anchor) = l == 0 ? (x - radius - 5, y, "end")
                        : l == sizes.Length - 1 ? (x + radius + 5, y, "start")
                        : (x, y - radius - 8, "middle");
                    svg.Text(lx, ly, label, 12, anchor, "#444444", VAlign.Middle, halo: true, cssClass: "neuron-label");
                }

                if (biases?[l]?[i] is { } bias)
                {
                    svg.Text(x, y + radius + 11, "b = " + Ticks.Compact(bias), 10, "middle", "#555555", halo: true, cssClass: "bias");
                }
            }
        }

        svg.EndGroup();
    }
}
