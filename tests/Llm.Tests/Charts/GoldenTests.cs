using System.Runtime.CompilerServices;
using System.Text;

namespace Llm.Tests.Charts;

/// <summary>
/// Regression tests: a few sample charts must produce exactly the SVG committed in Golden/.
/// After an intended change, look at the new pictures (tests/render-charts.sh), then regenerate:
/// <c>UPDATE_GOLDEN=1 dotnet test tests/Llm.Tests --filter GoldenTests</c>.
/// </summary>
public class GoldenTests
{
    [Theory]
    [InlineData("loss-log")]
    [InlineData("attention")]
    [InlineData("next-token")]
    [InlineData("network")]
    public void SvgMatchesTheGoldenFile(string name)
    {
        var svg = ChartSamples.All[name]().ToSvg();
        var path = Path.Combine(GoldenFolder(), name + ".svg");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, svg, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        Assert.True(File.Exists(path), $"No golden file {path}; run with UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(expected == svg, $"{name}.svg differs from the golden file; if the change is intended, look at it (tests/render-charts.sh) and run with UPDATE_GOLDEN=1.");
    }

    /// <summary>The Golden folder beside this source file (the tests read and write the sources, not bin/).</summary>
    private static string GoldenFolder([CallerFilePath] string source = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(source)!, "Golden");
        if (Directory.Exists(folder))
        {
            return folder;
        }

        // Built elsewhere (paths mapped): walk up from the output folder to the repository root.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Llm.Tests", "Charts", "Golden");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Llm.Tests/Charts/Golden not found.");
    }
}
