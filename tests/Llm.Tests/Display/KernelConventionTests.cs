using System.Collections;
using Llm.Charts;
using Llm.Display;
using Llm.Nn;

namespace Llm.Tests.Display;

/// <summary>
/// Displays the way .NET Interactive finds them, by reflection only: an attribute named
/// TypeFormatterSourceAttribute on the type (or a base), its FormatterSourceType created with
/// Activator, CreateTypeFormatters called, a formatter picked by MimeType and Type, Format called.
/// (Formatter.TryRegisterFromConventionBasedFormatterSources in dotnet/interactive.)
/// </summary>
public class KernelConventionTests
{
    public static TheoryData<string> Values => ["tensor", "line chart", "heatmap", "network", "tokens", "parameters", "training"];

    [Theory]
    [MemberData(nameof(Values))]
    public void TheKernelFindsAFormatterForEveryPreferredMimeType(string name)
    {
        var value = Make(name);
        var type = value.GetType();
        var attribute = type.GetCustomAttributes(inherit: true).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
        var preferred = (string[])attribute.GetType().GetProperty("PreferredMimeTypes")!.GetValue(attribute)!;
        Assert.Contains("text/plain", preferred);

        var source = Activator.CreateInstance(sourceType)!;
        var formatters = ((IEnumerable)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!).Cast<object>().ToList();
        foreach (var mimeType in preferred)
        {
            var formatter = formatters.First(f =>
                (string)f.GetType().GetProperty("MimeType")!.GetValue(f)! == mimeType &&
                ((Type)f.GetType().GetProperty("Type")!.GetValue(f)!).IsAssignableFrom(type));
            var writer = new StringWriter();
            var handled = (bool)formatter.GetType().GetMethod("Format", [typeof(object), typeof(TextWriter)])!.Invoke(formatter, [value, writer])!;
            Assert.True(handled, $"{name} as {mimeType}");
            Assert.NotEmpty(writer.ToString());
        }
    }

    [Fact]
    public void ChartsPreferSvgAndTensorsHtml()
    {
        Assert.Equal(["image/svg+xml", "text/plain"], Formatting.PreferredMimeTypes(typeof(HeatmapChart)));
        Assert.Equal(["text/html", "text/plain"], Formatting.PreferredMimeTypes(typeof(Tensor)));
        Assert.Empty(Formatting.PreferredMimeTypes(typeof(string)));
    }

    [Fact]
    public void TheSourceHasAPublicParameterlessConstructor() =>
        Assert.NotNull(typeof(LlmFormatterSource).GetConstructor(Type.EmptyTypes));

    [Fact]
    public void AFormatterDeclinesValuesOfOtherTypes()
    {
        var formatter = new LlmFormatterSource().CreateTypeFormatters().Cast<TypeFormatter>().First(f => f.Type == typeof(Tensor));
        Assert.False(formatter.Format("not a tensor", new StringWriter()));
    }

    internal static object Make(string name) => name switch
    {
        "tensor" => Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3),
        "line chart" => Chart.Line(new[] { 3.0, 2.0, 1.5 }),
        "heatmap" => Chart.Heatmap(new double[,] { { 1, 0 }, { 0.5, 0.5 } }, ["a", "b"], ["a", "b"]),
        "network" => Chart.Network([2, 1]),
        "tokens" => new TokenSpans([("Hello", 15496), (",", 11), (" world", 995)]),
        "parameters" => ParameterTable.Of(new Linear(4, 3, new Generator(1))),
        "training" => TrainingViewTests.Reported(5),
        _ => throw new ArgumentException(name),
    };
}
