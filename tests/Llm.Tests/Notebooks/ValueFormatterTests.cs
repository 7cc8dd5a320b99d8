using System.Collections;
using Llm.Notebooks;
using Llm.Notebooks.Kernel;

namespace Llm.Tests.Notebooks;

/// <summary>
/// Values become display_data as the kernel would show them: by the TypeFormatterSource convention
/// (found by name, in any namespace — here a copy nested in this test), else as readable text.
/// </summary>
public class ValueFormatterTests
{
    [Fact]
    public void A_type_with_a_formatter_source_shows_in_its_preferred_MIME_types_in_order()
    {
        var output = ValueFormatter.Format(new Dog("Rex"));

        Assert.Equal(["text/html", "text/plain"], output.Data.Select(d => d.Key));
        Assert.Equal("<b>Rex</b>", output["text/html"]);
        Assert.Equal("dog Rex", output["text/plain"]);
    }

    [Fact]
    public void The_most_specific_formatter_wins_and_one_that_declines_falls_through()
    {
        Assert.Equal("<b>puppy Bit</b>", ValueFormatter.Format(new Puppy("Bit"))["text/html"]);

        // The Puppy formatter returns false for an empty name: the Dog formatter (its base type) takes over.
        Assert.Equal("<b></b>", ValueFormatter.Format(new Puppy(""))["text/html"]);
    }

    [Fact]
    public void Without_preferred_MIME_types_the_kernel_shows_HTML_only()
    {
        var output = ValueFormatter.Format(new Cat());

        Assert.Equal(["text/html"], output.Data.Select(d => d.Key));
    }

    [Fact]
    public void Asked_MIME_types_are_the_only_ones_shown()
    {
        var output = ValueFormatter.Format(new Dog("Rex"), ["text/plain"]);

        Assert.Equal(["text/plain"], output.Data.Select(d => d.Key));
    }

    [Fact]
    public void The_library_s_tensor_shows_as_HTML_and_text_as_in_the_kernel()
    {
        var output = ValueFormatter.Format(Tensor.Zeros(2, 3));

        Assert.Equal(["text/html", "text/plain"], output.Data.Select(d => d.Key));
        Assert.Contains("shape=[2, 3]", output["text/plain"]);
    }

    [Fact]
    public void HTML_content_is_text_html_and_other_values_are_plain_text()
    {
        Assert.Equal("<i>x</i>", ValueFormatter.Format(new HtmlContent("<i>x</i>"))["text/html"]);
        Assert.Equal("hello", ValueFormatter.Format("hello")["text/plain"]);
        Assert.Equal("<null>", ValueFormatter.Format(null)["text/plain"]);
    }

    [Theory]
    [MemberData(nameof(PlainTexts))]
    public void Plain_text_is_readable_for_collections_numbers_and_plain_objects(object? value, string expected)
    {
        Assert.Equal(expected, PlainText.Of(value));
    }

    public static TheoryData<object?, string> PlainTexts => new()
    {
        { new List<int> { 1, 2, 3 }, "[1, 2, 3]" },
        { new[] { "a", "b" }, "[\"a\", \"b\"]" },
        { new Dictionary<string, double> { ["x"] = 0.5 }, "{ \"x\": 0.5 }" },
        { Enumerable.Range(0, 25), "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, …]" },
        { 1.5f, "1.5" },
        { (1, "two"), "(1, two)" },
        { new Plain { Width = 3, Name = "box" }, "Plain { Width = 3, Name = \"box\" }" },
        { new List<Dog> { new("Rex") }, "[dog Rex]" },
    };

    public sealed class Plain
    {
        public int Width { get; init; }

        public string Name { get; init; } = string.Empty;
    }

    [TypeFormatterSource(typeof(AnimalFormatters), PreferredMimeTypes = ["text/html", "text/plain"])]
    public class Dog(string name)
    {
        public string Name { get; } = name;
    }

    public sealed class Puppy(string name) : Dog(name);

    [TypeFormatterSource(typeof(AnimalFormatters))]
    public sealed class Cat;

    /// <summary>The convention's shape, nothing more: the runner finds it by these names.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
    {
        public Type FormatterSourceType { get; } = formatterSourceType;

        public string[]? PreferredMimeTypes { get; set; }
    }

    public sealed class AnimalFormatters
    {
        public IEnumerable CreateTypeFormatters() => new[]
        {
            new Formatter(typeof(Dog), "text/html", v => $"<b>{((Dog)v).Name}</b>"),
            new Formatter(typeof(Puppy), "text/html", v => ((Puppy)v).Name.Length == 0 ? null : $"<b>puppy {((Puppy)v).Name}</b>"),
            new Formatter(typeof(Dog), "text/plain", v => $"dog {((Dog)v).Name}"),
            new Formatter(typeof(Cat), "text/html", _ => "<i>cat</i>"),
        };
    }

    public sealed class Formatter(Type type, string mimeType, Func<object, string?> format)
    {
        public string MimeType { get; } = mimeType;

        public Type Type { get; } = type;

        public bool Format(object instance, TextWriter writer)
        {
            if (format(instance) is not { } text)
            {
                return false;
            }

            writer.Write(text);
            return true;
        }
    }
}
