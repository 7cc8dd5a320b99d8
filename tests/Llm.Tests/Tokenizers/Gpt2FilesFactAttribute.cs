namespace Llm.Tests.Tokenizers;

/// <summary>
/// A test that needs GPT-2's real vocab.json and merges.txt, which cannot be downloaded during the tests:
/// it runs when the environment variable GPT2_DIR names a folder holding both, and is skipped otherwise.
/// </summary>
public sealed class Gpt2FilesFactAttribute : FactAttribute
{
    public Gpt2FilesFactAttribute()
    {
        if (Folder is null)
        {
            Skip = "Set GPT2_DIR to a folder with vocab.json and merges.txt from https://huggingface.co/openai-community/gpt2 to run this test.";
        }
    }

    /// <summary>The folder with the real files, or null.</summary>
    public static string? Folder =>
        Environment.GetEnvironmentVariable("GPT2_DIR") is { Length: > 0 } dir
        && File.Exists(Path.Combine(dir, "vocab.json")) && File.Exists(Path.Combine(dir, "merges.txt"))
            ? dir
            : null;
}
