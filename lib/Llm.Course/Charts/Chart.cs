using System.Text;
using System.Text.Json.Nodes;
using Llm.Display;

namespace Llm.Charts;

/// <summary>
/// A chart, made in one line (<c>Chart.Line(("train", losses)).Title("Loss").LogY()</c>) and drawn
/// as a self-contained SVG — the default, readable on GitHub, in notebooks and in any viewer — or
/// as an HTML page that draws the same data with plotly.js, for zooming and hovering.
/// In a notebook, a chart displays itself as its SVG (see <see cref="LlmFormatterSource"/>).
/// </summary>
[TypeFormatterSource(typeof(LlmFormatterSource), PreferredMimeTypes = ["image/svg+xml", "text/plain"])]
public abstract partial class Chart
{
    /// <summary>Default size in pixels: fits a notebook column and a README.</summary>
    public const int DefaultWidth = 640;

    public const int DefaultHeight = 400;

    private protected Chart()
    {
    }

    public int Width { get; private protected set; } = DefaultWidth;

    public int Height { get; private protected set; } = DefaultHeight;

    internal string? TitleText { get; private protected set; }

    internal string? XLabelText { get; private protected set; }

    internal string? YLabelText { get; private protected set; }

    /// <summary>What kind of chart this is, in words ("line chart"), for descriptions.</summary>
    internal abstract string Kind { get; }

    /// <summary>The chart as an SVG document (UTF-8 text, no scripts, no external resources).</summary>
    public string ToSvg()
    {
        var svg = new Svg(Width, Height, TitleText is null ? Kind : $"{Kind}: {TitleText}");
        Render(svg);
        return svg.ToString();
    }

    /// <summary>
    /// A standalone HTML page that draws the chart with plotly.js from its CDN (interactive in the
    /// reader's browser); the SVG stays in the page as the picture shown when plotly.js cannot load.
    /// </summary>
    public string ToHtml() => Plotly.Page(PlotlyFigure(), ToSvg(), TitleText ?? Kind, Width, Height);

    /// <summary>Writes the chart to a file: SVG for ".svg", the interactive page for ".html" or ".htm".</summary>
    public void Save(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var content = extension switch
        {
            ".svg" => ToSvg(),
            ".html" or ".htm" => ToHtml(),
            _ => throw new ArgumentException($"Save writes .svg or .html files; '{path}' has the extension '{extension}'.", nameof(path)),
        };

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>A few lines describing the chart, for a terminal (no pictures there).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(char.ToUpperInvariant(Kind[0])).Append(Kind[1..]);
        if (TitleText is not null)
        {
            text.Append(" \"").Append(TitleText).Append('"');
        }

        text.Append($" ({Width}×{Height})");
        foreach (var line in Describe())
        {
            text.Append("\n  ").Append(line);
        }

        return text.ToString();
    }

    /// <summary>Draws the chart; called once per <see cref="ToSvg"/>.</summary>
    private protected abstract void Render(Svg svg);

    /// <summary>The same chart in plotly's figure schema: { "data": [traces], "layout": { … } }.</summary>
    private protected abstract JsonObject PlotlyFigure();

    /// <summary>Lines about the data, for <see cref="ToString"/>.</summary>
    private protected abstract IEnumerable<string> Describe();
}

/// <summary>
/// The settings every chart shares. Each returns the chart itself, typed as the concrete chart
/// (<typeparamref name="TChart"/>), so calls chain: <c>.Title("Loss").XLabel("step").LogY()</c>.
/// </summary>
public abstract class Chart<TChart> : Chart
    where TChart : Chart<TChart>
{
    private protected Chart()
    {
    }

    public TChart Title(string title)
    {
        TitleText = title;
        return (TChart)this;
    }

    public TChart XLabel(string label)
    {
        XLabelText = label;
        return (TChart)this;
    }

    public TChart YLabel(string label)
    {
        YLabelText = label;
        return (TChart)this;
    }

    /// <summary>Size in pixels (default 640×400).</summary>
    public TChart Size(int width, int height)
    {
        if (width < 100 || height < 80)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A chart needs at least 100×80 pixels to fit its axes; got {width}×{height}.");
        }

        Width = width;
        Height = height;
        return (TChart)this;
    }
}
