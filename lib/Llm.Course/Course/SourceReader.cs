using System.Collections.Concurrent;
using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Llm.Course;

/// <summary>
/// The debug information of one assembly (its portable PDB, embedded in the DLL or beside it):
/// which lines of which file each method was compiled from, and the text of every file, which the
/// compiler stored in the PDB (EmbedAllSources). Reading it, not the repository, guarantees that
/// what a notebook shows is what the loaded Llm.dll runs.
/// </summary>
internal sealed class SourceReader
{
    // The kind of custom debug information that holds a document's text (Portable PDB specification, "Embedded Source").
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    // The deterministic prefix that PathMap gives every compiled path (Llm.csproj maps the repository root to it).
    private const string MappedRoot = "/_/";

    private static readonly ConcurrentDictionary<Assembly, SourceReader> Readers = new();

    // The provider owns the memory the reader reads from, so it lives as long as this reader.
    private readonly MetadataReaderProvider provider;
    private readonly ConcurrentDictionary<DocumentHandle, string[]> texts = new();

    private SourceReader(MetadataReaderProvider provider) => this.provider = provider;

    private MetadataReader Pdb => provider.GetMetadataReader();

    /// <summary>The reader of <paramref name="assembly"/>'s debug information, opened once per process.</summary>
    public static SourceReader For(Assembly assembly) => Readers.GetOrAdd(assembly, Open);

    /// <summary>The lines each document contributes to <paramref name="method"/>'s code: (path, first line, last line), 1-based.</summary>
    public IEnumerable<(DocumentHandle Document, int First, int Last)> Lines(MethodBase method)
    {
        var handle = (MethodDefinitionHandle)MetadataTokens.EntityHandle(method.MetadataToken);
        var points = Pdb.GetMethodDebugInformation(handle).GetSequencePoints().Where(p => !p.IsHidden).ToList();
        return points
            .GroupBy(p => p.Document)
            .Select(g => (g.Key, g.Min(p => p.StartLine), g.Max(p => p.EndLine)));
    }

    /// <summary>Every document of the assembly.</summary>
    public IEnumerable<DocumentHandle> Documents => Pdb.Documents;

    /// <summary>A document's path relative to the repository root, e.g. lib/Llm/Nn/Attention.cs.</summary>
    public string PathOf(DocumentHandle document)
    {
        var name = Pdb.GetString(Pdb.GetDocument(document).Name).Replace('\\', '/');
        return name.StartsWith(MappedRoot, StringComparison.Ordinal) ? name[MappedRoot.Length..] : name;
    }

    /// <summary>The document's lines as compiled (index 0 is line 1), without line terminators.</summary>
    public string[] TextOf(DocumentHandle document) => texts.GetOrAdd(document, ReadText);

    private string[] ReadText(DocumentHandle document)
    {
        foreach (var handle in Pdb.GetCustomDebugInformation(document))
        {
            var information = Pdb.GetCustomDebugInformation(handle);
            if (Pdb.GetGuid(information.Kind) != EmbeddedSourceKind)
            {
                continue;
            }

            // The blob is an int32 format, then the bytes: 0 = stored as is, otherwise the
            // uncompressed length of the deflated bytes that follow.
            var blob = Pdb.GetBlobBytes(information.Value);
            var format = BitConverter.ToInt32(blob, 0);
            using Stream body = format == 0
                ? new MemoryStream(blob, 4, blob.Length - 4)
                : new DeflateStream(new MemoryStream(blob, 4, blob.Length - 4), CompressionMode.Decompress);
            using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd().Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        }

        throw new InvalidOperationException($"The debug information has no text for {PathOf(document)}: build the library with <EmbedAllSources>true</EmbedAllSources> (Llm.csproj sets it).");
    }

    private static SourceReader Open(Assembly assembly)
    {
        var location = assembly.Location;
        if (string.IsNullOrEmpty(location) || !File.Exists(location))
        {
            throw new InvalidOperationException($"{assembly.GetName().Name} was loaded from memory, so its debug information cannot be found; load it from its file (#r \"path/to/{assembly.GetName().Name}.dll\").");
        }

        using var pe = new PEReader(File.OpenRead(location));
        if (!pe.TryOpenAssociatedPortablePdb(location, path => File.Exists(path) ? File.OpenRead(path) : null, out var provider, out _) || provider is null)
        {
            throw new InvalidOperationException($"{location} has no portable debug information: build it with <DebugType>embedded</DebugType> or portable (Llm.csproj sets it).");
        }

        return new SourceReader(provider);
    }
}
