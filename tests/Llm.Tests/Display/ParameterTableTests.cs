using Llm.Display;
using Llm.Nn;

namespace Llm.Tests.Display;

public class ParameterTableTests
{
    /// <summary>Two layers, the second's weight shared with a third name, as tied embeddings are.</summary>
    private sealed class Tied : Module
    {
        public Tied()
        {
            var g = new Generator(1);
            var first = RegisterModule("fc1", new Linear(4, 3, g));
            var second = RegisterModule("fc2", new Linear(3, 3, g, bias: false));
            RegisterParameter("head.weight", second.Weight);
            _ = first;
        }
    }

    [Fact]
    public void ListsNamesShapesAndCounts()
    {
        var table = ParameterTable.Of(new Linear(4, 3, new Generator(1)));
        Assert.Equal(["weight", "bias"], table.Rows.Select(r => r.Name));
        Assert.Equal([3, 4], table.Rows[0].Shape);
        Assert.Equal(12 + 3, table.Total);
    }

    [Fact]
    public void SharedTensorsAreCountedOnce()
    {
        var model = new Tied();
        var table = ParameterTable.Of(model);
        Assert.Equal(4, table.Rows.Count);

        // A module lists its own parameters before its children's: head.weight comes first.
        var shared = Assert.Single(table.Rows, r => r.SharedWith is not null);
        Assert.Equal(("fc2.weight", "head.weight"), (shared.Name, shared.SharedWith));
        Assert.Equal(model.ParameterCount(), table.Total);
        Assert.Equal(12 + 3 + 9, table.Total);
        Assert.Contains("shared with head.weight", table.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void PlainTextIsAlignedColumns()
    {
        var lines = ParameterTable.Of(new Linear(4, 3, new Generator(1))).ToString().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("name", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("total", lines[^1], StringComparison.Ordinal);
        Assert.Single(lines.Select(l => l.Length).Distinct());
    }

    [Theory]
    [InlineData(999L, "999")]
    [InlineData(12_345L, "12,345 (12.3K)")]
    [InlineData(124_439_808L, "124,439,808 (124.4M)")]
    public void CountsReadAtAGlance(long count, string expected) =>
        Assert.Equal(expected, ParameterTable.FormatCount(count));
}
