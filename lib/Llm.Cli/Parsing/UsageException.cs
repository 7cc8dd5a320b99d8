namespace Llm.Cli.Parsing;

/// <summary>A usage error found after parsing (e.g. a prompt that tokenizes to nothing): exit code 2, like a parse error.</summary>
public sealed class UsageException(string message) : Exception(message);
