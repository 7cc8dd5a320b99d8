using Llm.Notebooks;

namespace Llm.Tests.Notebooks;

/// <summary>What only the .NET Interactive kernel understands cannot go into an exported app: the exporter says so, and what to do.</summary>
public class CellRejectionTests
{
    [Theory]
    [InlineData("#!time\nvar a = 1;", "line 1: '#!time' is a .NET Interactive magic command")]
    [InlineData("var a = 1;\n#!fsharp\nlet a = 1", "line 2: '#!fsharp' is a .NET Interactive magic command")]
    [InlineData("#r \"nuget: Newtonsoft.Json, 13.0.3\"", "#r \"nuget:…\" is not supported")]
    [InlineData("#i \"nuget: https://example.org/feed/index.json\"", "#i (a package source) is not supported")]
    public void A_kernel_only_construct_is_rejected_with_a_clear_message(string source, string message)
    {
        var error = Assert.Throws<CellRejectedException>(() => CellCode.Prepare(source));

        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("#!csharp")]
    [InlineData("#!c#")]
    [InlineData("#!C#")]
    public void The_C_sharp_magic_line_stays_as_an_empty_line_so_that_error_positions_match_the_cell(string magic)
    {
        Assert.Equal("\nvar a = 1;", CellCode.Prepare($"{magic}\nvar a = 1;"));
    }

    [Fact]
    public void A_compiler_error_the_kernel_s_rules_explain_gets_a_hint()
    {
        var message = "(1,1): error CS7021: Cannot declare namespace in script code";

        Assert.Equal($"{message}\n  hint: {CellCode.HintFor("CS7021")}", CellCode.WithHints(message));
        Assert.Equal("(1,19): error CS0103: no hint for this one", CellCode.WithHints("(1,19): error CS0103: no hint for this one"));
    }
}
