using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Llm.Serialization;

/// <summary>
/// The safetensors format (Hugging Face): 8 bytes of little-endian header length, a JSON header
/// {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}},
/// then the raw little-endian tensor bytes. PyTorch and Hugging Face read and write it.
/// </summary>
public static class SafeTensors
{
    /// <summary>Writes tensors (as F32) atomically: a temporary file first, then a rename, so a crash leaves the old file.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is not null && metadata.Count > 0)
        {
            var meta = new JsonObject();
            foreach (var (key, value) in metadata)
            {
                meta[key] = value;
            }

            header["__metadata__"] = meta;
        }

        long offset = 0;
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToArray();
        foreach (var name in names)
        {
            var t = tensors[name];
            var bytes = t.Numel * 4;
            header[name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray(t.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }

        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8; // the format pads the header with spaces to 8 bytes
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(length, padded);
            stream.Write(length);
            stream.Write(json);
            for (var i = json.Length; i < padded; i++)
            {
                stream.WriteByte((byte)' ');
            }

            foreach (var name in names)
            {
                var values = tensors[name].ToArray();
                var raw = new byte[values.Length * 4];
                for (var i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), values[i]);
                }

                stream.Write(raw);
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads only the metadata (the string pairs under "__metadata__").</summary>
    public static Dictionary<string, string> ReadMetadata(string path) => Load(path, include: _ => false).Metadata;

    /// <summary>Reads the tensors (F32, F16 or BF16, converted to float32) and the metadata; <paramref name="include"/> picks which tensors by name (default: all).</summary>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Load(string path, Func<string, bool>? include = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No safetensors file at '{path}'.", path);
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8)
        {
            throw new InvalidDataException($"'{path}' is not a safetensors file: it is only {bytes.Length} bytes long.");
        }

        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        if (headerLength <= 0 || 8 + headerLength > bytes.Length)
        {
            throw new InvalidDataException($"'{path}' is not a safetensors file (or it is truncated): the header length {headerLength} does not fit in {bytes.Length} bytes.");
        }

        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes.AsSpan(8, (int)headerLength))?.AsObject() ?? throw new InvalidDataException("empty header");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' has a corrupt safetensors header: {e.Message}", e);
        }

        var dataStart = 8 + headerLength;
        var tensors = new Dictionary<string, Tensor>();
        var metadata = new Dictionary<string, string>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (key, value) in node!.AsObject())
                {
                    metadata[key] = value?.GetValue<string>() ?? "";
                }

                continue;
            }

            if (include is not null && !include(name))
            {
                continue;
            }

            var entry = node!.AsObject();
            var dtype = entry["dtype"]!.GetValue<string>();
            var shape = entry["shape"]!.AsArray().Select(d => d!.GetValue<int>()).ToArray();
            var offsets = entry["data_offsets"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
            var count = (int)Shape.Numel(shape);
            var width = dtype switch
            {
                "F32" => 4,
                "F16" or "BF16" => 2,
                _ => throw new InvalidDataException($"'{path}': tensor '{name}' has dtype {dtype}; only F32, F16 and BF16 are supported."),
            };
            if (offsets[1] - offsets[0] != (long)count * width || dataStart + offsets[1] > bytes.Length)
            {
                throw new InvalidDataException($"'{path}': tensor '{name}' {Shape.Format(shape)} does not match its data offsets [{offsets[0]}, {offsets[1]}] (the file may be truncated).");
            }

            var raw = bytes.AsSpan((int)(dataStart + offsets[0]), count * width);
            var values = new float[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = dtype switch
                {
                    "F32" => BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]),
                    "F16" => (float)BinaryPrimitives.ReadHalfLittleEndian(raw[(i * 2)..]),
                    _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..]) << 16),
                };
            }

            tensors[name] = Tensor.FromArray(values, shape);
        }

        return (tensors, metadata);
    }
}
