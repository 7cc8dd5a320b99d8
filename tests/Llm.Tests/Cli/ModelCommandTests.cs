using System.Text.Json.Nodes;
using Llm.Tests.Tokenizers;

namespace Llm.Tests.Cli;

/// <summary>`score` and `generate` on real folders: a Hugging Face folder without tokenizer files is enough for ids.</summary>
public class ModelCommandTests
{
    [Fact]
    public void ScoreNeedsNoTokenizerAndMatchesTheLossComputedFromTheLogits()
    {
        using var dir = new TempDirectory();
        var model = Cli.SaveModelOnly(dir.Path);
        int[] ids = [3, 7, 1, 11, 0, 5];

        var result = Cli.Run("score", "--model", dir.Path, "--tokens", string.Join(',', ids), "--json");

        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Output)!;
        Assert.Equal(ids.Length - 1, (int)json["tokens"]!);
        Assert.Equal(ExpectedLoss(model, ids), (double)json["loss"]!, 5);
    }

    [Fact]
    public void ScoreOverSeveralWindowsPredictsEachTokenOnce()
    {
        using var dir = new TempDirectory();
        Cli.SaveModelOnly(dir.Path);
        var ids = Enumerable.Range(0, 20).Select(i => i * 7 % 12).ToArray();

        var result = Cli.Run("score", "--model", dir.Path, "--tokens", string.Join(',', ids));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("over 19 predicted tokens", result.Output);
    }

    [Fact]
    public void GenerateContinuesAPromptWithTheSavedTokenizer()
    {
        using var dir = new TempDirectory();
        Cli.SaveCharacterCheckpoint(dir.Path);

        var result = Cli.Run("generate", "--model", dir.Path, "--prompt", "abc", "--max-tokens", "5", "--temperature", "0");

        Assert.Equal(0, result.ExitCode);
        var text = result.Output.TrimEnd('\n');
        Assert.StartsWith("abc", text);
        Assert.Equal(3 + 5, text.Length);
        Assert.All(text, c => Assert.Contains(c, "abcdefghijk"));
    }

    [Fact]
    public void BenchTakesTheShapeFromAFolderWithoutATokenizer()
    {
        using var dir = new TempDirectory();
        Cli.SaveModelOnly(dir.Path);

        var tooLong = Cli.Run("bench", "generate", "--model", dir.Path, "--tokens", "8");
        var result = Cli.Run("bench", "generate", "--model", dir.Path, "--tokens", "4", "--json");

        Assert.Equal(2, tooLong.ExitCode);
        Assert.Contains("--tokens 8 needs a context (--block) of at least 9; it is 8", tooLong.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.True((bool)JsonNode.Parse(result.Output)!["same_tokens"]!);
    }

    /// <summary>Mean of −log softmax(logits)[next id], from the model's logits, computed here in double.</summary>
    private static double ExpectedLoss(Llm.Models.Gpt model, int[] ids)
    {
        model.Eval();
        var inputs = ids[..^1];
        using var _ = Tensor.NoGrad();
        var logits = model.Forward(inputs, 1, inputs.Length); // (1, T, V)
        var values = logits.ToArray();
        var vocab = values.Length / inputs.Length;
        double total = 0;
        for (var t = 0; t < inputs.Length; t++)
        {
            var row = values.AsSpan(t * vocab, vocab);
            var max = double.NegativeInfinity;
            foreach (var v in row)
            {
                max = Math.Max(max, v);
            }

            double sum = 0;
            foreach (var v in row)
            {
                sum += Math.Exp(v - max);
            }

            total += max + Math.Log(sum) - row[ids[t + 1]];
        }

        return total / inputs.Length;
    }
}
