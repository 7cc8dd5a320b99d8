using System.Globalization;

namespace Llm.Charts.Diagrams;

/// <summary>A box placed on a diagram: where it is, and the parameters it holds (null for data, not a layer).</summary>
internal sealed record PlacedBox(double X, double Y, double Width, double Height)
{
    public double Cx => X + (Width / 2);

    public double Cy => Y + (Height / 2);

    public double Bottom => Y + Height;

    public double Right => X + Width;
}

/// <summary>What a box says: a title, a detail line, its colours, its parameters and its name in the model.</summary>
internal readonly record struct BoxSpec(string Title, string? Detail, (string Fill, string Stroke) Colour, long Parameters, string Name);

/// <summary>
/// Places boxes, arrows, ⊕ joins and dashed frames, then draws them as one SVG with the charts'
/// conventions (<see cref="Svg"/>: self-contained, escaped text, CJK-capable fonts). Sizes are
/// estimated with <see cref="TextMetrics"/> so boxes grow to fit their labels.
/// </summary>
internal sealed class DiagramCanvas
{
    public const double TitleSize = 14;
    public const double LabelSize = 12.5;
    public const double DetailSize = 11;
    public const string Ink = "#222222";
    public const string Grey = "#666666";

    // Light tints of the Okabe–Ito colours for box fills, the full colour for their borders.
    public static readonly (string Fill, string Stroke) DataStyle = ("#FFFFFF", "#666666");
    public static readonly (string Fill, string Stroke) EmbeddingStyle = ("#F8E4B8", "#E69F00");
    public static readonly (string Fill, string Stroke) NormStyle = ("#D6ECFA", "#56B4E9");
    public static readonly (string Fill, string Stroke) AttentionStyle = ("#CCE3F0", "#0072B2");
    public static readonly (string Fill, string Stroke) MlpStyle = ("#C6E8DD", "#009E73");
    public static readonly (string Fill, string Stroke) OutputStyle = ("#F6D5BF", "#D55E00");
    public static readonly (string Fill, string Stroke) SoftmaxStyle = ("#EFD6E5", "#CC79A7");

    // Streams and frames go underneath everything else, whenever they are placed.
    private readonly List<Action<Svg>> background = [];
    private readonly List<Action<Svg>> drawing = [];
    private readonly List<DiagramBox> boxes = [];
    private double right;
    private double bottom;

    public IReadOnlyList<DiagramBox> Boxes => boxes;

    /// <summary>
    /// A box centred on <paramref name="cx"/> with its top at <paramref name="y"/>: a title, an
    /// optional detail line, and the parameter count (× repeat) when it is a layer.
    /// </summary>
    public PlacedBox Box(double cx, double y, string title, string? detail, (string Fill, string Stroke) colour,
        long? parameters = null, int repeat = 1, double minWidth = 0, string? name = null)
    {
        var lines = new List<(string Text, double Size, bool Bold)> { (title, LabelSize, true) };
        if (detail is not null)
        {
            lines.Add((detail, DetailSize, false));
        }

        if (parameters is { } p)
        {
            lines.Add((p == 0 ? "0 new parameters" : $"{Count(p)} parameters{(repeat > 1 ? $" (× {repeat})" : string.Empty)}", DetailSize, false));
        }

        var width = Math.Max(minWidth, lines.Max(l => TextMetrics.Width(l.Text, l.Size)) + 20);
        var height = 10 + lines.Sum(l => l.Size + 4);
        var box = new PlacedBox(cx - (width / 2), y, width, height);
        Extend(box.Right, box.Bottom);
        boxes.Add(new DiagramBox(name ?? title, parameters, repeat));
        drawing.Add(svg =>
        {
            svg.Rect(box.X, box.Y, box.Width, box.Height, colour.Fill, colour.Stroke, tooltip: name);
            var ty = box.Y + 6;
            foreach (var (text, size, bold) in lines)
            {
                svg.Text(box.Cx, ty, text, size, anchor: "middle", fill: bold ? Ink : Grey, align: VAlign.Top, bold: bold);
                ty += size + 4;
            }
        });
        return box;
    }

    /// <summary>
    /// A sub-layer branching off a vertical residual stream at <paramref name="streamX"/>: an arrow
    /// from the stream into the first box (beside it, at <paramref name="sideX"/>), the boxes one
    /// under the other, and an arrow back into a ⊕ on the stream. Returns the ⊕'s height.
    /// </summary>
    public double Branch(double streamX, double sideX, double y, double width, string shape, int repeat, params BoxSpec[] layers)
    {
        var right = sideX > streamX ? 1 : -1;
        PlacedBox? previous = null;
        foreach (var layer in layers)
        {
            var box = Box(sideX, previous is null ? y : previous.Bottom + 30, layer.Title, layer.Detail, layer.Colour, layer.Parameters, repeat, width, layer.Name);
            if (previous is null)
            {
                Arrow(shape, (streamX + (7 * right), box.Cy), (right > 0 ? box.X : box.Right, box.Cy));
            }
            else
            {
                Arrow(shape, (sideX, previous.Bottom), (sideX, box.Y));
            }

            previous = box;
        }

        var addY = previous!.Bottom + 26;
        Arrow(null, (sideX, previous.Bottom), (sideX, addY), (streamX + (9 * right), addY));
        Text((sideX + streamX) / 2, addY - 18, "add back", anchor: "middle");
        Add(streamX, addY);
        return addY;
    }

    /// <summary>An arrow along the points (the last one gets the head), with an optional label beside its first segment.</summary>
    public void Arrow(string? label, params (double X, double Y)[] points)
    {
        Extend(points.Max(p => p.X), points.Max(p => p.Y));
        drawing.Add(svg =>
        {
            svg.Polyline(points, Grey, 1.4);
            var (x2, y2) = points[^1];
            var (x1, y1) = points[^2];
            var angle = Math.Atan2(y2 - y1, x2 - x1);
            const double Head = 7;
            svg.Polyline(
            [
                (x2 - (Head * Math.Cos(angle - 0.45)), y2 - (Head * Math.Sin(angle - 0.45))),
                (x2, y2),
                (x2 - (Head * Math.Cos(angle + 0.45)), y2 - (Head * Math.Sin(angle + 0.45))),
            ], Grey, 1.4);
            if (label is not null)
            {
                var ((ax, ay), (bx, by)) = (points[0], points[1]);
                var vertical = Math.Abs(bx - ax) < Math.Abs(by - ay);
                if (vertical)
                {
                    svg.Text(ax + 6, (ay + by) / 2, label, DetailSize, fill: Grey, align: VAlign.Middle, cssClass: "shape");
                }
                else
                {
                    svg.Text((ax + bx) / 2, Math.Min(ay, by) - 4, label, DetailSize, anchor: "middle", fill: Grey, cssClass: "shape", halo: true);
                }
            }
        });
        if (label is not null)
        {
            Extend(points[0].X + 10 + TextMetrics.Width(label, DetailSize), 0);
        }
    }

    /// <summary>The ⊕ where a sub-layer's output is added back to the stream.</summary>
    public void Add(double cx, double cy)
    {
        drawing.Add(svg =>
        {
            svg.Circle(cx, cy, 9, "#FFFFFF", Ink, 1.4);
            svg.Line(cx - 5, cy, cx + 5, cy, Ink, 1.4);
            svg.Line(cx, cy - 5, cx, cy + 5, Ink, 1.4);
        });
    }

    /// <summary>
    /// The residual stream: a wide band from (x, y1) to (x, y2), or horizontal when the y's are equal;
    /// a vertical one is labelled on its left, or on its right with <paramref name="labelRight"/>.
    /// </summary>
    public void Stream(double x1, double y1, double x2, double y2, string label, bool labelRight = false)
    {
        Extend(Math.Max(x1, x2) + (labelRight ? 24 : 8), Math.Max(y1, y2) + (y1 == y2 ? 30 : 0));
        background.Add(svg =>
        {
            const double Half = 7;
            if (x1 == x2)
            {
                svg.Rect(x1 - Half, y1, 2 * Half, y2 - y1, "#E3EFF7", "#0072B2");
                svg.Text(labelRight ? x1 + Half + 6 : x1 - Half - 14, (y1 + y2) / 2, label, DetailSize, anchor: "middle", fill: "#0072B2", rotate: labelRight ? 90 : -90, bold: true);
            }
            else
            {
                svg.Rect(x1, y1 - Half, x2 - x1, 2 * Half, "#E3EFF7", "#0072B2");
                svg.Text((x1 + x2) / 2, y1 + Half + 24, label, DetailSize, anchor: "middle", fill: "#0072B2", bold: true);
            }
        });
    }

    /// <summary>A dashed frame around repeated blocks, its label just above its top edge, at the right end or the left.</summary>
    public void Frame(double x, double y, double width, double height, string label, bool labelRight = true)
    {
        Extend(x + width, y + height);
        background.Add(svg =>
        {
            const string Dash = "5 4";
            svg.Line(x, y, x + width, y, Grey, 1, Dash);
            svg.Line(x, y + height, x + width, y + height, Grey, 1, Dash);
            svg.Line(x, y, x, y + height, Grey, 1, Dash);
            svg.Line(x + width, y, x + width, y + height, Grey, 1, Dash);
            svg.Text(labelRight ? x + width : x, y - 4, label, DetailSize, anchor: labelRight ? "end" : "start", fill: Ink, bold: true);
        });
    }

    public void Text(double x, double y, string text, double size = DetailSize, string anchor = "start", bool bold = false, string fill = Grey)
    {
        var width = TextMetrics.Width(text, size);
        Extend(anchor == "middle" ? x + (width / 2) : anchor == "end" ? x : x + width, y + size);
        drawing.Add(svg => svg.Text(x, y, text, size, anchor, fill, VAlign.Top, bold));
    }

    /// <summary>The SVG, sized to what was placed plus a margin.</summary>
    public string ToSvg(string description)
    {
        var svg = new Svg(Math.Ceiling(right + 16), Math.Ceiling(bottom + 16), description);
        foreach (var draw in background.Concat(drawing))
        {
            draw(svg);
        }

        return svg.ToString();
    }

    /// <summary>12,345 (invariant thousands separators).</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A shape as "2×64×128".</summary>
    public static string Shape(params long[] sizes) => string.Join("×", sizes.Select(s => s.ToString(CultureInfo.InvariantCulture)));

    private void Extend(double x, double y)
    {
        right = Math.Max(right, x);
        bottom = Math.Max(bottom, y);
    }
}
