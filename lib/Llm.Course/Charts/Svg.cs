using System.Globalization;
using System.Text;
using Llm.Display;

namespace Llm.Charts;

/// <summary>Where a text's y coordinate sits: on its baseline, at its middle, or at its top.</summary>
internal enum VAlign
{
    Baseline,
    Middle,
    Top,
}

/// <summary>
/// Writes a self-contained SVG document: no scripts, no external fonts or images, so the picture
/// renders the same on GitHub, in a notebook, in a browser or in an image viewer. Every text goes
/// through <see cref="Html.Escape"/>, and numbers are written with '.' whatever the culture.
/// </summary>
internal sealed class Svg
{
    private readonly StringBuilder text = new();

    public Svg(double width, double height, string description)
    {
        Width = width;
        Height = height;
        text.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"")
            .Append($" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\"")
            .Append($" font-family=\"{TextMetrics.FontFamily}\" role=\"img\">\n");

        // The <title> names the picture for screen readers and shows as a tooltip.
        text.Append("<title>").Append(Html.Escape(description)).Append("</title>\n");

        // An opaque background: a transparent SVG shows black text on black in dark themes (GitHub).
        Rect(0, 0, width, height, "#FFFFFF");
    }

    public double Width { get; }

    public double Height { get; }

    /// <summary>A number with at most two decimals and an invariant '.', e.g. 12.5 or 3.</summary>
    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public void BeginGroup(string cssClass, string? extra = null) =>
        text.Append($"<g class=\"{cssClass}\"{(extra is null ? string.Empty : " " + extra)}>\n");

    public void EndGroup() => text.Append("</g>\n");

    public void Rect(double x, double y, double width, double height, string fill, string? stroke = null, string? tooltip = null)
    {
        text.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, width))}\" height=\"{N(Math.Max(0, height))}\" fill=\"{fill}\"");
        if (stroke is not null)
        {
            text.Append($" stroke=\"{stroke}\"");
        }

        Close("rect", tooltip);
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? dash = null)
    {
        text.Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(strokeWidth)}\"");
        if (dash is not null)
        {
            text.Append($" stroke-dasharray=\"{dash}\"");
        }

        text.Append("/>\n");
    }

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double strokeWidth)
    {
        text.Append("<polyline fill=\"none\" stroke-linejoin=\"round\" stroke-linecap=\"round\"")
            .Append($" stroke=\"{stroke}\" stroke-width=\"{N(strokeWidth)}\" points=\"");
        var first = true;
        foreach (var (x, y) in points)
        {
            text.Append(first ? string.Empty : " ").Append(N(x)).Append(',').Append(N(y));
            first = false;
        }

        text.Append("\"/>\n");
    }

    public void Circle(double cx, double cy, double r, string fill, string? stroke = null, double strokeWidth = 1, string? tooltip = null)
    {
        text.Append($"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"{fill}\"");
        if (stroke is not null)
        {
            text.Append($" stroke=\"{stroke}\" stroke-width=\"{N(strokeWidth)}\"");
        }

        Close("circle", tooltip);
    }

    /// <summary>
    /// A text. <paramref name="halo"/> draws a white outline behind the letters (paint-order), so a
    /// label stays readable where it crosses lines; <paramref name="rotate"/> turns it about (x, y).
    /// </summary>
    public void Text(double x, double y, string content, double size, string anchor = "start", string fill = "#222222",
        VAlign align = VAlign.Baseline, bool bold = false, double rotate = 0, bool halo = false, string? cssClass = null)
    {
        text.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(size)}\" fill=\"{fill}\"");
        if (anchor != "start")
        {
            text.Append($" text-anchor=\"{anchor}\"");
        }

        // dy shifts instead of dominant-baseline, which some SVG renderers ignore.
        text.Append(align switch
        {
            VAlign.Middle => " dy=\"0.35em\"",
            VAlign.Top => " dy=\"0.8em\"",
            _ => string.Empty,
        });
        if (bold)
        {
            text.Append(" font-weight=\"bold\"");
        }

        if (rotate != 0)
        {
            text.Append($" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"");
        }

        if (halo)
        {
            text.Append(" stroke=\"#FFFFFF\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
        }

        if (cssClass is not null)
        {
            text.Append($" class=\"{cssClass}\"");
        }

        text.Append('>').Append(Html.Escape(content)).Append("</text>\n");
    }

    /// <summary>An embedded PNG (a data URI, so still one self-contained file), drawn with crisp pixels.</summary>
    public void Image(double x, double y, double width, double height, byte[] png)
    {
        var data = "data:image/png;base64," + Convert.ToBase64String(png);
        text.Append($"<image x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\" preserveAspectRatio=\"none\"")
            .Append(" style=\"image-rendering:pixelated\"")
            .Append($" href=\"{data}\" xlink:href=\"{data}\"/>\n");
    }

    public override string ToString() => text + "</svg>\n";

    // A tooltip is a <title> child: browsers show it on hover, without any script.
    private void Close(string element, string? tooltip)
    {
        if (tooltip is null)
        {
            text.Append("/>\n");
            return;
        }

        text.Append("><title>").Append(Html.Escape(tooltip)).Append($"</title></{element}>\n");
    }
}
