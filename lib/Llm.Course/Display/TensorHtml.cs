using System.Globalization;
using System.Text;

namespace Llm.Display;

/// <summary>
/// A tensor as HTML, like PyTorch's repr: a header line (shape, dtype, device, gradient) and the
/// values as tables — one for a vector or matrix, one per matrix slice for higher ranks. Long
/// dimensions show their first and last entries around "⋯", and only those values are read, so
/// displaying a large tensor on a GPU copies a few hundred numbers, not all of them.
/// </summary>
internal static class TensorHtml
{
    private const int Edge = 5;        // entries shown at each end of a long dimension
    private const int MaxShown = 12;   // dimensions up to this size are shown whole
    private const int MaxSlices = 6;   // matrix slices shown for rank ≥ 3

    private const string TableStyle = "border-collapse:collapse;font-family:monospace;font-size:12px;margin:2px 0 6px 0";
    private const string CellStyle = "padding:1px 6px;text-align:right;border:none";
    private const string IndexStyle = "padding:1px 6px;text-align:right;border:none;color:#888;font-weight:normal";

    public static string Render(Tensor tensor)
    {
        var shape = tensor.Shape.ToArray();
        var html = new StringBuilder("<div class=\"llm-tensor\">");
        html.Append("<div style=\"font-family:monospace;font-size:12px;color:#666\">")
            .Append(Html.Escape(Header(tensor)))
            .Append("</div>");
        if (tensor.Numel == 0)
        {
            return html.Append("<div style=\"font-family:monospace\">(no values)</div></div>").ToString();
        }

        if (shape.Length == 0)
        {
            return html.Append($"<div style=\"font-family:monospace;font-size:14px\">{Format(tensor.Item(), "0.####")}</div></div>").ToString();
        }

        // A vector is a matrix of one row; higher ranks are stacks of matrices.
        var (rows, columns) = shape.Length == 1 ? (1, shape[0]) : (shape[^2], shape[^1]);
        var leading = shape.Length <= 2 ? [Array.Empty<int>()] : LeadingIndices(shape[..^2]);
        var slices = leading.Select(index => (Index: index, Values: ReadSlice(tensor, SliceOffset(shape, index), rows, columns))).ToArray();
        var format = NumberFormat(slices.SelectMany(s => s.Values.SelectMany(r => r)).Where(v => v is not null).Select(v => v!.Value));

        for (var s = 0; s < slices.Length; s++)
        {
            if (shape.Length > 2)
            {
                var caption = "[" + string.Join(", ", slices[s].Index) + ", :, :]";
                html.Append($"<div style=\"font-family:monospace;font-size:12px;color:#888\">{caption}</div>");
            }

            AppendTable(html, slices[s].Values, rows, columns, shape.Length > 1, format);
            if (s + 1 < slices.Length && !Adjacent(slices[s].Index, slices[s + 1].Index, shape))
            {
                html.Append("<div style=\"font-family:monospace;color:#888\">⋮</div>");
            }
        }

        return html.Append("</div>").ToString();
    }

    private static string Header(Tensor tensor)
    {
        var parts = new List<string>
        {
            "Tensor",
            "shape " + Shape.Format(tensor.Shape.ToArray()),
            "float32",
            tensor.Device.ToString(),
            tensor.Numel.ToString("N0", CultureInfo.InvariantCulture) + (tensor.Numel == 1 ? " value" : " values"),
        };
        if (tensor.RequiresGrad)
        {
            parts.Add("requires_grad");
        }

        return string.Join(" · ", parts);
    }

    /// <summary>The indices shown along a dimension of size n: all, or the first and last <see cref="Edge"/>.</summary>
    private static int[] Shown(int n) =>
        n <= MaxShown ? Enumerable.Range(0, n).ToArray() : [.. Enumerable.Range(0, Edge), .. Enumerable.Range(n - Edge, Edge)];

    /// <summary>The leading indices of the matrix slices of a rank ≥ 3 tensor, the first and last few when many.</summary>
    private static List<int[]> LeadingIndices(int[] dims)
    {
        var all = new List<int[]> { Array.Empty<int>() };
        foreach (var d in dims)
        {
            all = all.SelectMany(prefix => Enumerable.Range(0, d).Select(i => prefix.Append(i).ToArray())).ToList();
            if (all.Count > 4 * MaxSlices)
            {
                // Keep the list short while building it: only its two ends are ever shown.
                all = [.. all.Take(MaxSlices), .. all.TakeLast(MaxSlices)];
            }
        }

        return all.Count <= MaxSlices ? all : [.. all.Take(MaxSlices - 1), all[^1]];
    }

    private static long SliceOffset(int[] shape, int[] leading)
    {
        long offset = 0;
        for (var i = 0; i < leading.Length; i++)
        {
            offset = (offset * shape[i]) + leading[i];
        }

        return offset * (shape.Length == 1 ? shape[0] : (long)shape[^2] * shape[^1]);
    }

    private static bool Adjacent(int[] a, int[] b, int[] shape)
    {
        long Flat(int[] index) => index.Select((v, i) => (v, i)).Aggregate(0L, (acc, x) => (acc * shape[x.i]) + x.v);
        return Flat(b) - Flat(a) == 1;
    }

    /// <summary>The shown rows × shown columns of one matrix; null marks the "⋯" gap.</summary>
    private static float?[][] ReadSlice(Tensor tensor, long offset, int rows, int columns)
    {
        var shownColumns = Shown(columns);
        return Shown(rows).Select(r =>
        {
            var start = offset + ((long)r * columns);
            if (columns <= MaxShown)
            {
                return tensor.ReadRange(start, columns).Select(v => (float?)v).ToArray();
            }

            var head = tensor.ReadRange(start, Edge);
            var tail = tensor.ReadRange(start + columns - Edge, Edge);
            return head.Select(v => (float?)v).Append(null).Concat(tail.Select(v => (float?)v)).ToArray();
        }).ToArray();
    }

    private static void AppendTable(StringBuilder html, float?[][] values, int rows, int columns, bool rowIndices, string format)
    {
        var rowIndex = Shown(rows);
        var columnIndex = Shown(columns);
        html.Append($"<table style=\"{TableStyle}\"><thead><tr>");
        if (rowIndices)
        {
            html.Append($"<th style=\"{IndexStyle}\"></th>");
        }

        for (var c = 0; c < columnIndex.Length; c++)
        {
            if (columns > MaxShown && c == Edge)
            {
                html.Append($"<th style=\"{IndexStyle}\"></th>");
            }

            html.Append($"<th style=\"{IndexStyle}\">{columnIndex[c]}</th>");
        }

        html.Append("</tr></thead><tbody>");
        for (var r = 0; r < values.Length; r++)
        {
            if (rows > MaxShown && r == Edge)
            {
                html.Append("<tr>").Append(rowIndices ? $"<th style=\"{IndexStyle}\">⋮</th>" : string.Empty);
                html.Append(string.Concat(values[r].Select(_ => $"<td style=\"{CellStyle};color:#888\">⋮</td>"))).Append("</tr>");
            }

            html.Append("<tr>");
            if (rowIndices)
            {
                html.Append($"<th style=\"{IndexStyle}\">{rowIndex[r]}</th>");
            }

            foreach (var v in values[r])
            {
                html.Append(v is { } x ? $"<td style=\"{CellStyle}\">{Format(x, format)}</td>" : $"<td style=\"{CellStyle};color:#888\">⋯</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    /// <summary>One format for all shown values, so the columns line up: integers, fixed or scientific.</summary>
    private static string NumberFormat(IEnumerable<float> shown)
    {
        var finite = shown.Where(float.IsFinite).Select(Math.Abs).ToArray();
        if (finite.Length == 0 || finite.All(v => v == MathF.Round(v) && v < 1e6f))
        {
            return "0";
        }

        var max = finite.Max();
        var smallest = finite.Where(v => v > 0).DefaultIfEmpty(1).Min();
        return max >= 1e4f || smallest < 1e-3f ? "0.0000e+00" : "0.0000";
    }

    private static string Format(float value, string format) =>
        float.IsNaN(value) ? "nan"
        : float.IsPositiveInfinity(value) ? "inf"
        : float.IsNegativeInfinity(value) ? "-inf"
        : value.ToString(format, CultureInfo.InvariantCulture);
}
