using Llm.Cli;
using Llm.Models;
using Llm.Serialization;
using Llm.Tokenizers;
using Llm.Training;

namespace Llm.Tests.Cli;

/// <summary>Runs `llm` in-process with its output captured, and makes the small model folders the tests need.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = LlmCommand.Run(args, output, error);
        var result = new Result(code, output.ToString(), error.ToString());
        AssertNoStackTrace(result);
        return result;
    }

    /// <summary>A stack trace has lines "   at Namespace.Type.Method(...)"; none may reach the user.</summary>
    public static void AssertNoStackTrace(Result result)
    {
        foreach (var text in new[] { result.Output, result.Error })
        {
            Assert.DoesNotContain("   at ", text);
            Assert.DoesNotContain("Exception:", text);
        }
    }

    /// <summary>A tiny GPT (vocabulary 12, context 8) saved as Hugging Face lays GPT-2 out: config.json + model.safetensors, no tokenizer.</summary>
    public static Gpt SaveModelOnly(string dir)
    {
        var model = new Gpt(new GptConfig { VocabSize = 12, BlockSize = 8, Layers = 1, Heads = 2, Embd = 8, Seed = 5 });
        Gpt2Layout.Save(dir, model);
        return model;
    }

    /// <summary>A tiny checkpoint of ours, with a character tokenizer that knows only "abcdefghijk".</summary>
    public static void SaveCharacterCheckpoint(string dir)
    {
        var tokenizer = CharTokenizer.FromText("abcdefghijk");
        var model = new Gpt(new GptConfig { VocabSize = tokenizer.VocabSize, BlockSize = 8, Layers = 1, Heads = 2, Embd = 8, Seed = 5 });
        Checkpoint.Save(dir, model, tokenizer);
    }
}
