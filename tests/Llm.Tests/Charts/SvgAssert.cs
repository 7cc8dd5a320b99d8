using System.Xml.Linq;

namespace Llm.Tests.Charts;

/// <summary>Helpers to read a chart's SVG as XML: parsing proves the escaping, queries count the marks.</summary>
internal static class SvgAssert
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>Parses the SVG (throws if it is not well-formed XML) and checks its root.</summary>
    public static XElement Parse(string svg)
    {
        var root = XElement.Parse(svg);
        Assert.Equal(Ns + "svg", root.Name);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", svg.Replace("http://www.w3.org/", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        return root;
    }

    /// <summary>The &lt;g class="…"&gt; groups with this class.</summary>
    public static IEnumerable<XElement> Groups(XElement root, string cssClass) =>
        root.Descendants(Ns + "g").Where(g => (string?)g.Attribute("class") == cssClass);

    public static XElement Group(XElement root, string cssClass) => Assert.Single(Groups(root, cssClass));

    /// <summary>The texts of every &lt;text&gt; element (unescaped by the parser).</summary>
    public static List<string> Texts(XElement root) => root.Descendants(Ns + "text").Select(t => t.Value).ToList();

    public static List<string> Texts(XElement root, string cssClass) =>
        root.Descendants(Ns + "text").Where(t => (string?)t.Attribute("class") == cssClass).Select(t => t.Value).ToList();

    /// <summary>Every number in coordinate attributes is finite (no NaN from a zero-width range).</summary>
    public static void CoordinatesAreFinite(XElement root)
    {
        string[] names = ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "width", "height", "r"];
        foreach (var attribute in root.Descendants().Attributes().Where(a => names.Contains(a.Name.LocalName)))
        {
            Assert.True(double.TryParse(attribute.Value, System.Globalization.CultureInfo.InvariantCulture, out var v) && double.IsFinite(v), $"{attribute.Parent!.Name.LocalName}.{attribute.Name} = {attribute.Value}");
        }

        foreach (var points in root.Descendants(Ns + "polyline").Select(p => (string)p.Attribute("points")!))
        {
            Assert.DoesNotContain("NaN", points, StringComparison.Ordinal);
            Assert.DoesNotContain("∞", points, StringComparison.Ordinal);
        }
    }
}
