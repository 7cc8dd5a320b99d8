using System.Buffers.Binary;
using System.Text;

namespace Llm.Tests.Models;

/// <summary>Safetensors files written by hand from the format's description, in any dtype, so the loader is checked against the format and not against our own writer.</summary>
internal static class HandWrittenSafeTensors
{
    public static byte[] Bits(ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }

        return bytes;
    }

    /// <summary>A safetensors file written by hand from the format's description (header length, JSON header, raw bytes).</summary>
    public static void Write(string path, params (string Name, string Dtype, int[] Shape, byte[] Data)[] tensors)
    {
        var header = new StringBuilder("{");
        long offset = 0;
        foreach (var (name, dtype, shape, data) in tensors)
        {
            header.Append($"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(',', shape)}],\"data_offsets\":[{offset},{offset + data.Length}]}},");
            offset += data.Length;
        }

        header.Length--;
        header.Append('}');
        var json = Encoding.UTF8.GetBytes(header.ToString());
        using var stream = File.Create(path);
        var length = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, json.Length);
        stream.Write(length);
        stream.Write(json);
        foreach (var (_, _, _, data) in tensors)
        {
            stream.Write(data);
        }
    }
}
