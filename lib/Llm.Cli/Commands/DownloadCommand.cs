using System.CommandLine;
using Llm.Cli.Download;
using Llm.Cli.Parsing;

namespace Llm.Cli.Commands;

/// <summary>
/// `llm download gpt2`: the real GPT-2 124M from the Hugging Face Hub (config.json, model.safetensors,
/// vocab.json, merges.txt), resumable and verified; then `llm generate --model DIR` runs it.
/// </summary>
public static class DownloadCommand
{
    /// <summary>The models this command knows: name → Hub repository. "gpt2" moved to openai-community/gpt2; the old name redirects there.</summary>
    private static readonly Dictionary<string, string> Repositories = new() { ["gpt2"] = "openai-community/gpt2" };

    private static readonly string[] Files = ["config.json", "model.safetensors", "vocab.json", "merges.txt"];

    public static Command Create()
    {
        var name = new Argument<string>("model") { Description = "Which model: gpt2 (GPT-2 small, 124M parameters, 548 MB)" };
        name.AcceptOnlyFromAmong([.. Repositories.Keys]);
        var output = CliOption.Text("--out", "Folder to create; it appears only when every file is downloaded and verified", Path.Combine("runs", "gpt2"), "DIR");
        var endpoint = CliOption.Text("--endpoint", "The Hub's address or a mirror's; the environment variable HF_ENDPOINT changes the default, as for Hugging Face's own tools",
            Environment.GetEnvironmentVariable("HF_ENDPOINT") is { Length: > 0 } fromEnvironment ? fromEnvironment : "https://huggingface.co", "URL");
        endpoint.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                result.AddError($"--endpoint must be an http:// or https:// address, got '{text}'.");
            }
        });
        var command = new Command("download", "Download a model from the Hugging Face Hub, resumable and verified against the Hub's hashes") { name, output, endpoint };
        command.SetAction((parse, cancel) => RunAsync(Repositories[parse.GetValue(name)!], parse.GetValue(output)!, parse.GetValue(endpoint)!, parse.InvocationConfiguration.Output, cancel));
        return command;
    }

    private static async Task<int> RunAsync(string repo, string outDir, string endpoint, TextWriter output, CancellationToken cancel)
    {
        if (Directory.Exists(outDir))
        {
            var missing = Files.Where(f => !File.Exists(Path.Combine(outDir, f))).ToArray();
            if (missing.Length > 0)
            {
                throw new IOException($"'{outDir}' already exists but lacks {string.Join(", ", missing)}; remove it or choose another --out.");
            }

            output.WriteLine($"{repo} is already in {outDir}; try: llm generate --model {outDir} --prompt \"The meaning of life is\"");
            return 0;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("llm-course/1.0");
        var hub = new HubDownloader(http, new Uri(endpoint.TrimEnd('/') + "/"), repo);
        var files = await hub.ListAsync(Files, cancel);
        output.WriteLine($"Downloading {repo} ({PlainReport.Format(files.Sum(f => f.Size))}) into {outDir}");

        // A live bar only on a terminal; logs, notebooks and tests get plain lines.
        var live = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        try
        {
            await (live
                ? LiveReport.Show(report => hub.DownloadAsync(files, outDir, report, cancel))
                : hub.DownloadAsync(files, outDir, new PlainReport(output), cancel));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new IOException($"interrupted; what arrived is kept in {HubDownloader.StagingFolder(outDir)}: run the same command again to resume.");
        }

        output.WriteLine($"Done: {outDir} holds {string.Join(", ", Files)}. Try: llm generate --model {outDir} --prompt \"The meaning of life is\"");
        return 0;
    }
}
