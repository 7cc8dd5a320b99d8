using System.Buffers.Binary;
using System.IO.Compression;

namespace Llm.Charts;

/// <summary>
/// A minimal PNG writer (RGB, 8 bits, no filtering), for heatmaps too large to draw as one SVG
/// rectangle per cell: a 64×128 positional-encoding map is 8,192 cells, about 600 KB of rectangles
/// but a few KB as an image. Format: PNG specification (W3C, 2003), sections 5 and 11.
/// </summary>
internal static class Png
{
    private static readonly uint[] CrcTable = MakeCrcTable();

    /// <summary>Encodes <paramref name="rgb"/> (height × width × 3 bytes, row-major) as a PNG file.</summary>
    public static byte[] Encode(int width, int height, byte[] rgb)
    {
        using var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per channel
        header[9] = 2; // colour type 2: RGB triples
        WriteChunk(file, "IHDR", header);

        // Each scanline starts with its filter type; 0 means the bytes are stored as they are.
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(rgb, y * width * 3, width * 3);
            }
        }

        WriteChunk(file, "IDAT", raw.ToArray());
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    // A chunk is: length, type, data, CRC-32 of type and data (all big-endian).
    private static void WriteChunk(Stream file, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        file.Write(number);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        file.Write(typeBytes);
        file.Write(data);
        var crc = Crc(Crc(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(number, crc);
        file.Write(number);
    }

    private static uint Crc(uint crc, byte[] bytes)
    {
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    // The CRC-32 of ISO 3309 / ITU-T V.42 (polynomial 0xEDB88320, reflected), as the PNG spec's sample code.
    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
