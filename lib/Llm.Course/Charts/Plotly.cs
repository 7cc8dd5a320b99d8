using System.Text.Json.Nodes;
using Llm.Display;

namespace Llm.Charts;

/// <summary>
/// The interactive version of a chart: an HTML page that loads plotly.js from its public CDN in the
/// reader's browser and draws a figure described in plotly's JSON schema
/// (https://plotly.com/javascript/reference/): a list of data traces and a layout.
/// </summary>
internal static class Plotly
{
    public const string CdnUrl = "https://cdn.plot.ly/plotly-2.35.2.min.js";

    /// <summary>
    /// The page. The figure sits in a <c>&lt;script type="application/json"&gt;</c> element, parsed
    /// by a few lines of script; System.Text.Json escapes '&lt;' and '&gt;', so no label can close the
    /// script element early. The static SVG stays inside the chart's box until plotly.js replaces it.
    /// </summary>
    public static string Page(JsonObject figure, string svg, string title, int width, int height) =>
        $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{{Html.Escape(title)}}</title>
        <script src="{{CdnUrl}}" charset="utf-8"></script>
        </head>
        <body>
        <div id="chart" style="width:{{width}}px;height:{{height}}px">
        {{svg}}</div>
        <script type="application/json" id="figure">{{figure.ToJsonString()}}</script>
        <script>
        // Replace the static picture with the interactive one when plotly.js has loaded.
        if (window.Plotly) {
          const figure = JSON.parse(document.getElementById('figure').textContent);
          const chart = document.getElementById('chart');
          chart.innerHTML = '';
          Plotly.newPlot(chart, figure.data, figure.layout, { responsive: true });
        }
        </script>
        </body>
        </html>

        """;

    /// <summary>The layout every figure shares: size, title, axis titles, fonts.</summary>
    public static JsonObject Layout(Chart chart, bool logY = false)
    {
        var layout = new JsonObject
        {
            ["width"] = chart.Width,
            ["height"] = chart.Height,
            ["font"] = new JsonObject { ["family"] = TextMetrics.FontFamily },
            ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = chart.XLabelText ?? string.Empty } },
            ["yaxis"] = new JsonObject
            {
                ["title"] = new JsonObject { ["text"] = chart.YLabelText ?? string.Empty },
                ["type"] = logY ? "log" : "linear",
            },
        };
        if (chart.TitleText is not null)
        {
            layout["title"] = new JsonObject { ["text"] = chart.TitleText };
        }

        return layout;
    }

    public static JsonObject Figure(JsonArray data, JsonObject layout) => new() { ["data"] = data, ["layout"] = layout };

    /// <summary>Numbers for plotly; NaN and ±∞ become null, which plotly draws as gaps.</summary>
    public static JsonArray Numbers(IEnumerable<double> values) =>
        new(values.Select(v => double.IsFinite(v) ? JsonValue.Create(v) : null).ToArray<JsonNode?>());

    public static JsonArray Strings(IEnumerable<string> values) =>
        new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>
    /// Label text at positions 0, 1, 2, … of an axis. Positions rather than category names, because
    /// plotly merges equal names and tokens repeat; at most about 30, as plotly does not thin given ticks.
    /// </summary>
    public static void CategoryTicks(JsonNode axis, IReadOnlyList<string> labels)
    {
        var stride = Math.Max(1, (int)Math.Ceiling(labels.Count / 30.0));
        var shown = Enumerable.Range(0, labels.Count).Where(i => i % stride == 0).ToArray();
        axis["tickvals"] = Numbers(shown.Select(i => (double)i));
        axis["ticktext"] = Strings(shown.Select(i => labels[i]));
    }

    /// <summary>A matrix as rows of numbers (heatmap z).</summary>
    public static JsonArray Rows(double[,] values) =>
        new(Enumerable.Range(0, values.GetLength(0))
            .Select(r => (JsonNode?)Numbers(Enumerable.Range(0, values.GetLength(1)).Select(c => values[r, c])))
            .ToArray());
}
