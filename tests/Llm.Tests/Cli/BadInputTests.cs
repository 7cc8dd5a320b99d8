using Llm.Tests.Tokenizers;

namespace Llm.Tests.Cli;

/// <summary>
/// Each bad input gets one clear message naming what was wrong, and the exit code says whose fault
/// it was: 2 for the command line, 1 for the work (a missing or broken file).
/// </summary>
public class BadInputTests
{
    [Theory]
    [InlineData("--steps must be a whole number ≥ 1, got '0'", "bench", "train", "--steps", "0")]
    [InlineData("--steps must be a whole number ≥ 1, got '-5'", "train", "--steps", "-5")]
    [InlineData("--steps must be a whole number ≥ 1, got 'many'", "train", "--steps", "many")]
    [InlineData("--block must be a whole number ≥ 8, got '4'", "train", "--block", "4")]
    [InlineData("--embd (100) must be divisible by --heads (3)", "train", "--embd", "100", "--heads", "3")]
    [InlineData("--time must be a positive duration like 90s, 5m or 1h, got '-1m'", "train", "--time", "-1m")]
    [InlineData("--lr must be a number > 0, got '0'", "train", "--lr", "0")]
    [InlineData("--dropout must be a number in [0, 1), got '1'", "train", "--dropout", "1")]
    [InlineData("--top-p must be a number in (0, 1], got '1.5'", "generate", "--top-p", "1.5")]
    [InlineData("--max-tokens must be a whole number ≥ 1, got '0'", "generate", "--max-tokens", "0")]
    [InlineData("--beam must be a whole number ≥ 1, got '0'", "translate", "--beam", "0")]
    [InlineData("--size must be a whole number ≥ 1, got '-3'", "bench", "matmul", "--size", "-3")]
    [InlineData("--threads must be a whole number ≥ 1, got '0'", "bench", "matmul", "--threads", "0")]
    [InlineData("--tokens 600 needs a context (--block) of at least 601; it is 512", "bench", "generate", "--tokens", "600")]
    [InlineData("--tokens needs at least two ids", "score", "--model", "m", "--tokens", "5")]
    [InlineData("--tokens must be whole numbers separated by commas, got 'x'", "score", "--model", "m", "--tokens", "1,x")]
    [InlineData("Option '--model' is required", "score", "--tokens", "1,2")]
    [InlineData("'gpt3' not recognized", "download", "gpt3")]
    [InlineData("--endpoint must be an http:// or https:// address, got 'ftp://x'", "download", "gpt2", "--endpoint", "ftp://x")]
    [InlineData("Required command was not provided", "bench")]
    [InlineData("unexpected value '2': each value follows its option", "score", "--model", "m", "--tokens", "1", "2")]
    [InlineData("no notebook at 'missing.ipynb'", "notebook", "run", "missing.ipynb")]
    public void UsageErrorsExitWithTwoAndNameTheProblem(string message, params string[] args)
    {
        var result = Cli.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Equal("", result.Output);
        Assert.Contains("--help' to see what it accepts.", result.Error);
    }

    [Theory]
    [InlineData("--steps", "train", "--stpes", "5")]
    [InlineData("--temperature", "generate", "--temprature", "0.5")]
    [InlineData("matmul", "bench", "matmull")]
    [InlineData("--no-cache", "generate", "--nocache")]
    [InlineData("--beam", "translate", "--beem", "2")] // not a sentence to translate
    [InlineData("--write", "notebook", "run", "a.ipynb", "--wrte")] // not a notebook to run
    public void UnknownOptionsGetATypoSuggestion(string suggestion, params string[] args)
    {
        var result = Cli.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"did you mean {suggestion}?", result.Error);
        Assert.Equal(2, result.Error.TrimEnd('\n').Split('\n').Length); // the problem and where to read more
    }

    [Fact]
    public void UnknownCommandExitsWithTwo()
    {
        var result = Cli.Run("trian");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("llm: unknown command 'trian'; did you mean train?\n", result.Error);
    }

    [Fact]
    public void MissingCheckpointFolderExitsWithOne()
    {
        var result = Cli.Run("generate", "--model", Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N")));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No checkpoint folder at", result.Error);
        Assert.Contains("llm train", result.Error);
    }

    [Theory]
    [InlineData("model.safetensors", "not weights", "is not a safetensors file")]
    [InlineData("config.json", "{ \"n_embd\": ", "is not valid JSON")]
    [InlineData("config.json", "{ \"n_embd\": 8 }", "has no \"vocab_size\"")]
    public void CorruptCheckpointFilesExitWithOne(string file, string content, string message)
    {
        using var dir = new TempDirectory();
        Cli.SaveModelOnly(dir.Path);
        File.WriteAllText(dir.File(file), content);

        var result = Cli.Run("score", "--model", dir.Path, "--tokens", "1,2,3");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public void IdsOutsideTheVocabularyAreAUsageError()
    {
        using var dir = new TempDirectory();
        Cli.SaveModelOnly(dir.Path);

        var result = Cli.Run("score", "--model", dir.Path, "--tokens", "1,12,3");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("token id 12 (position 1) is outside the model's vocabulary 0..11", result.Error);
    }

    [Fact]
    public void CharactersOutsideTheVocabularyAreAUsageError()
    {
        using var dir = new TempDirectory();
        Cli.SaveCharacterCheckpoint(dir.Path);

        var result = Cli.Run("generate", "--model", dir.Path, "--prompt", "abz", "--max-tokens", "2");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--prompt: The character 'z' (U+007A) at position 2 is not in the vocabulary", result.Error);
        Assert.DoesNotContain("(Parameter", result.Error);
    }

    [Fact]
    public void GenerateWithoutATokenizerSaysWhichFilesItNeeds()
    {
        using var dir = new TempDirectory();
        Cli.SaveModelOnly(dir.Path);

        var result = Cli.Run("generate", "--model", dir.Path, "--prompt", "hi");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has a model but no tokenizer", result.Error);
        Assert.Contains("vocab.json + merges.txt", result.Error);
        Assert.Contains("llm download gpt2", result.Error);
    }
}
