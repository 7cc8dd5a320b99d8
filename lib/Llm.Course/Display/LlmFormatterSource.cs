using System.Collections;
using Llm.Benchmarking;
using Llm.Charts;
using Llm.Charts.Diagrams;
using Llm.Course;

namespace Llm.Display;

/// <summary>
/// Every rich display of the library, in one list: what a notebook shows for a tensor, a chart,
/// tokenized text, a parameter table, a training view or the library's source. The kernel (and <see cref="Formatting"/>)
/// create this class by reflection and pick a formatter by MIME type and Type.
/// </summary>
public sealed class LlmFormatterSource
{
    public const string HtmlMimeType = "text/html";
    public const string SvgMimeType = "image/svg+xml";
    public const string PlainTextMimeType = "text/plain";

    public IEnumerable CreateTypeFormatters() => new TypeFormatter[]
    {
        new(typeof(Tensor), HtmlMimeType, value => TensorHtml.Render((Tensor)value)),
        new(typeof(Tensor), PlainTextMimeType, value => value.ToString()),

        // A chart is an SVG picture; inside HTML, the same SVG element inline.
        new(typeof(Chart), SvgMimeType, value => ((Chart)value).ToSvg()),
        new(typeof(Chart), HtmlMimeType, value => ((Chart)value).ToSvg()),
        new(typeof(Chart), PlainTextMimeType, value => value.ToString()),

        new(typeof(TokenSpans), HtmlMimeType, value => ((TokenSpans)value).ToHtml()),
        new(typeof(TokenSpans), PlainTextMimeType, value => value.ToString()),
        new(typeof(ParameterTable), HtmlMimeType, value => ((ParameterTable)value).ToHtml()),
        new(typeof(ParameterTable), PlainTextMimeType, value => value.ToString()),
        new(typeof(TrainingView), HtmlMimeType, value => ((TrainingView)value).ToHtml()),
        new(typeof(TrainingView), PlainTextMimeType, value => value.ToString()),
        new(typeof(SourceListing), HtmlMimeType, value => ((SourceListing)value).ToHtml()),
        new(typeof(SourceListing), PlainTextMimeType, value => value.ToString()),
        new(typeof(CostReport), PlainTextMimeType, value => value.ToString()),
        new(typeof(Diagram), SvgMimeType, value => ((Diagram)value).ToSvg()),
        new(typeof(Diagram), HtmlMimeType, value => ((Diagram)value).ToSvg()),
        new(typeof(Diagram), PlainTextMimeType, value => value.ToString()),
    };
}
