using System.CommandLine;
using Llm.Cli.Download;
using Llm.Cli.Parsing;

namespace Llm.Cli.Commands;

/// <summary>
/// `llm download gpt2`: the real GPT-2 124M from the Hugging Face Hub (config.json, model.safetensors,
/// vocab.json, merges.txt), resumable and verified, all from one commit; then `llm generate --model DIR`
/// runs it. `llm download gpt2-medium` does the same for GPT-2 medium (355M), which the same loader reads.
/// </summary>
public static class DownloadCommand
{
    /// <summary>The models this command knows: name → Hub repository. "gpt2" moved to openai-community/gpt2; the old names redirect there.</summary>
    private static readonly Dictionary<string, string> Repositories = new()
    {
        ["gpt2"] = "openai-community/gpt2",
        ["gpt2-medium"] = "openai-community/gpt2-medium",
    };

    private static readonly string[] Files = ["config.json", "model.safetensors", "vocab.json", "merges.txt"];

    public static Command Create()
    {
        var name = new Argument<string>("model") { Description = "Which model: gpt2 (GPT-2 small, 124M parameters, 548 MB) or gpt2-medium (355M parameters, 1.5 GB)" };
        name.AcceptOnlyFromAmong([.. Repositories.Keys]);
        var output = new Option<string?>("--out") { Description = "Folder to create; it appears only when every file is downloaded and verified [default: runs/MODEL]", HelpName = "DIR" };
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
        var token = new Option<string?>("--token")
        {
            Description = "A Hugging Face access token, for gated or private models and a higher rate limit; sent to the Hub's host only, never where it redirects [default: the environment variable HF_TOKEN]",
            HelpName = "hf_…",
        };
        var command = new Command("download", "Download a model from the Hugging Face Hub, resumable and verified against the Hub's hashes") { name, output, endpoint, token };
        command.SetAction((parse, cancel) =>
        {
            var model = parse.GetValue(name)!;
            var secret = parse.GetValue(token) is { Length: > 0 } given ? given : Environment.GetEnvironmentVariable("HF_TOKEN") is { Length: > 0 } set ? set : null;
            var endpointUri = new Uri(parse.GetValue(endpoint)!.TrimEnd('/') + "/");
            return RunAsync(Repositories[model], parse.GetValue(output) ?? Path.Combine("runs", model), endpointUri, secret, parse.InvocationConfiguration.Output, cancel);
        });
        return command;
    }

    private static async Task<int> RunAsync(string repo, string outDir, Uri endpoint, string? token, TextWriter output, CancellationToken cancel)
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

        using var client = new HubClient(endpoint, token);
        var hub = new HubDownloader(client, repo);
        var snapshot = await hub.PrepareAsync(Files, outDir, output.WriteLine, cancel);
        output.WriteLine($"Downloading {repo} ({PlainReport.Format(snapshot.Size)}) at commit {snapshot.ShortCommit} into {outDir}");

        // A live bar only on a terminal; logs, notebooks and tests get plain lines.
        var live = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        try
        {
            await (live
                ? LiveReport.Show(report => hub.DownloadAsync(snapshot, outDir, report, cancel))
                : hub.DownloadAsync(snapshot, outDir, new PlainReport(output), cancel));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new IOException($"interrupted; what arrived is kept in {HubDownloader.StagingFolder(outDir)}: run the same command again to resume.");
        }

        output.WriteLine($"Done: {outDir} holds {string.Join(", ", Files)} from commit {snapshot.ShortCommit} (recorded in {DownloadRecord.FileName}). Try: llm generate --model {outDir} --prompt \"The meaning of life is\"");
        return 0;
    }
}
