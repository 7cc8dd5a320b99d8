using System.Globalization;
using System.Text;
using Llm.Nn;

namespace Llm.Display;

/// <summary>One parameter of a model: its state-dict name, shape and number of values.</summary>
/// <param name="SharedWith">The name this tensor was first listed under, when two modules share it (tied weights).</param>
public sealed record ParameterRow(string Name, IReadOnlyList<int> Shape, long Count, string? SharedWith);

/// <summary>
/// The parameters of a model as a table — name, shape, count — with the total, as
/// <c>ParameterTable.Of(model)</c>. A tensor shared by two modules (GPT-2's tied input and output
/// embeddings) is listed under both names but counted once, as <see cref="Module.ParameterCount"/> does.
/// </summary>
[TypeFormatterSource(typeof(LlmFormatterSource), PreferredMimeTypes = ["text/html", "text/plain"])]
public sealed class ParameterTable
{
    private ParameterTable(IReadOnlyList<ParameterRow> rows, long total)
    {
        Rows = rows;
        Total = total;
    }

    public IReadOnlyList<ParameterRow> Rows { get; }

    /// <summary>The number of learnable values, each shared tensor counted once.</summary>
    public long Total { get; }

    private string TensorCount => Rows.Count == 1 ? "1 tensor" : $"{Rows.Count} tensors";

    public static ParameterTable Of(Module module)
    {
        var firstName = new Dictionary<Tensor, string>(ReferenceEqualityComparer.Instance);
        var rows = new List<ParameterRow>();
        foreach (var p in module.NamedParameters())
        {
            var shared = firstName.TryGetValue(p.Tensor, out var first) ? first : null;
            firstName.TryAdd(p.Tensor, p.Name);
            rows.Add(new ParameterRow(p.Name, p.Tensor.Shape.ToArray(), p.Tensor.Numel, shared));
        }

        return new ParameterTable(rows, rows.Where(r => r.SharedWith is null).Sum(r => r.Count));
    }

    /// <summary>"124,439,808 (124.4M)": exact, and at a glance.</summary>
    public static string FormatCount(long count)
    {
        var exact = count.ToString("N0", CultureInfo.InvariantCulture);
        return count switch
        {
            >= 1_000_000_000 => $"{exact} ({(count / 1e9).ToString("0.#", CultureInfo.InvariantCulture)}B)",
            >= 1_000_000 => $"{exact} ({(count / 1e6).ToString("0.#", CultureInfo.InvariantCulture)}M)",
            >= 10_000 => $"{exact} ({(count / 1e3).ToString("0.#", CultureInfo.InvariantCulture)}K)",
            _ => exact,
        };
    }

    public string ToHtml()
    {
        const string cell = "padding:2px 10px;border:none;text-align:left";
        const string number = "padding:2px 10px;border:none;text-align:right";
        var html = new StringBuilder();
        html.Append("<table class=\"llm-parameters\" style=\"border-collapse:collapse;font-family:monospace;font-size:12px\">");
        html.Append($"<thead><tr><th style=\"{cell}\">name</th><th style=\"{cell}\">shape</th><th style=\"{number}\">count</th></tr></thead><tbody>");
        foreach (var row in Rows)
        {
            var note = row.SharedWith is null ? string.Empty : $" <span style=\"color:#888\">(shared with {Html.Escape(row.SharedWith)})</span>";
            html.Append($"<tr><td style=\"{cell}\">{Html.Escape(row.Name)}{note}</td>")
                .Append($"<td style=\"{cell}\">{Shape.Format(row.Shape.ToArray())}</td>")
                .Append($"<td style=\"{number}\">{row.Count.ToString("N0", CultureInfo.InvariantCulture)}</td></tr>");
        }

        html.Append($"</tbody><tfoot><tr><th style=\"{cell}\">total</th><th style=\"{cell}\">{TensorCount}</th>")
            .Append($"<th style=\"{number}\">{FormatCount(Total)}</th></tr></tfoot></table>");
        return html.ToString();
    }

    /// <summary>The same table in aligned columns, for a terminal.</summary>
    public override string ToString()
    {
        var names = Rows.Select(r => r.Name + (r.SharedWith is null ? string.Empty : $" (shared with {r.SharedWith})")).ToArray();
        var shapes = Rows.Select(r => Shape.Format(r.Shape.ToArray())).ToArray();
        var counts = Rows.Select(r => r.Count.ToString("N0", CultureInfo.InvariantCulture)).ToArray();
        var total = FormatCount(Total);
        var tensors = TensorCount;
        var nameWidth = names.Append("name").Max(n => n.Length);
        var shapeWidth = shapes.Append("shape").Append(tensors).Max(s => s.Length);
        var countWidth = counts.Append("count").Append(total).Max(c => c.Length);

        var text = new StringBuilder();
        text.AppendLine($"{"name".PadRight(nameWidth)}  {"shape".PadRight(shapeWidth)}  {"count".PadLeft(countWidth)}");
        for (var i = 0; i < Rows.Count; i++)
        {
            text.AppendLine($"{names[i].PadRight(nameWidth)}  {shapes[i].PadRight(shapeWidth)}  {counts[i].PadLeft(countWidth)}");
        }

        text.Append($"{"total".PadRight(nameWidth)}  {tensors.PadRight(shapeWidth)}  {total.PadLeft(countWidth)}");
        return text.ToString();
    }
}
