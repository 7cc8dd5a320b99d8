using System.Collections.Concurrent;
using Llm.Serialization;

namespace Llm.Tests.Reference;

/// <summary>
/// One safetensors file of reference values that Fixtures/generate_fixtures.py wrote with PyTorch.
/// The files are committed and copied next to the test assembly, so tests never need PyTorch.
/// Each file is read once; tests must not change its tensors (clone them first).
/// </summary>
internal sealed class Fixture
{
    private static readonly ConcurrentDictionary<string, Lazy<Fixture>> Loaded = new();

    private Fixture(string file)
    {
        File = file;
        (Tensors, Metadata) = SafeTensors.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", file));
    }

    public string File { get; }

    public Dictionary<string, Tensor> Tensors { get; }

    public Dictionary<string, string> Metadata { get; }

    public Tensor this[string name] => Tensors.TryGetValue(name, out var t)
        ? t
        : throw new KeyNotFoundException($"{File} has no tensor '{name}'; run Fixtures/generate_fixtures.py to regenerate it.");

    public static Fixture Load(string file) => Loaded.GetOrAdd(file, f => new Lazy<Fixture>(() => new Fixture(f))).Value;

    /// <summary>A tensor of ids (token ids, targets) stored as float, as ints.</summary>
    public int[] Ints(string name) => this[name].ToArray().Select(v => (int)v).ToArray();
}
