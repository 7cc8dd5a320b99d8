using System.Buffers.Binary;
using Llm.Serialization;
using Llm.Tests.Tokenizers;

namespace Llm.Tests.Models;

/// <summary>
/// Half-precision safetensors (how many checkpoints on the Hub are stored) load as float32. The
/// expected values come from the formats' definitions, not from a converter: IEEE 754 binary16 is
/// 1 sign, 5 exponent (bias 15), 10 fraction bits; bfloat16 is the top 16 bits of a float32.
/// </summary>
public class SafeTensorsDtypeTests
{
    /// <summary>binary16 bits → value: subnormal (exponent 0) is 2^−14 · f/1024, normal is 2^(e−15) · (1 + f/1024).</summary>
    private static float Binary16(ushort bits)
    {
        var sign = (bits >> 15) == 1 ? -1.0 : 1.0;
        var exponent = (bits >> 10) & 0x1F;
        var fraction = bits & 0x3FF;
        return (float)(exponent switch
        {
            0 => sign * Math.Pow(2, -14) * fraction / 1024.0,
            0x1F => fraction == 0 ? sign * double.PositiveInfinity : double.NaN,
            _ => sign * Math.Pow(2, exponent - 15) * (1 + fraction / 1024.0),
        });
    }

    // 1, −2, largest (65504), smallest subnormal (2^−24), largest subnormal, smallest normal (2^−14), ±∞, −0, ≈1/3.
    private static readonly ushort[] HalfBits = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x03FF, 0x0400, 0x7C00, 0xFC00, 0x8000, 0x3555];

    // 1, −3, largest (≈3.39e38), smallest subnormal (2^−133), ∞, −∞, ≈1/3, −0.
    private static readonly ushort[] BFloatBits = [0x3F80, 0xC040, 0x7F7F, 0x0001, 0x7F80, 0xFF80, 0x3EAB, 0x8000];

    [Fact]
    public void HalfPrecisionLoadsAsFloat32()
    {
        using var dir = new TempDirectory();
        var path = dir.File("half.safetensors");
        HandWrittenSafeTensors.Write(path, ("h", "F16", [2, 5], HandWrittenSafeTensors.Bits(HalfBits)));

        var (tensors, _) = SafeTensors.Load(path);

        Assert.Equal([2, 5], tensors["h"].Shape.ToArray());
        var expected = HalfBits.Select(Binary16).ToArray();
        Assert.Equal(1f, expected[0]);
        Assert.Equal(65504f, expected[2]);
        Assert.Equal(MathF.Pow(2, -24), expected[3]);
        AssertBitwiseEqual(expected, tensors["h"].ToArray());
    }

    [Fact]
    public void BFloat16LoadsAsFloat32()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bf16.safetensors");
        HandWrittenSafeTensors.Write(path, ("b", "BF16", [8], HandWrittenSafeTensors.Bits(BFloatBits)));

        var (tensors, _) = SafeTensors.Load(path);

        // bfloat16 is the upper half of a float32: the same sign, exponent and first 7 fraction bits.
        var expected = BFloatBits.Select(b => BitConverter.Int32BitsToSingle(b << 16)).ToArray();
        Assert.Equal([1f, -3f], expected[..2]);
        Assert.Equal(MathF.Pow(2, -133), expected[3]);
        AssertBitwiseEqual(expected, tensors["b"].ToArray());
    }

    [Fact]
    public void MixedDtypesInOneFileEachConvert()
    {
        using var dir = new TempDirectory();
        var path = dir.File("mixed.safetensors");
        var f32 = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(f32, 0.1f);
        BinaryPrimitives.WriteSingleLittleEndian(f32.AsSpan(4), -7.5f);
        HandWrittenSafeTensors.Write(path, ("a", "F16", [3], HandWrittenSafeTensors.Bits([0x3C00, 0x0001, 0xC000])), ("b", "F32", [2], f32), ("c", "BF16", [1], HandWrittenSafeTensors.Bits([0x3F80])));

        var (tensors, _) = SafeTensors.Load(path);

        Assert.Equal([1f, MathF.Pow(2, -24), -2f], tensors["a"].ToArray());
        Assert.Equal([0.1f, -7.5f], tensors["b"].ToArray());
        Assert.Equal([1f], tensors["c"].ToArray());
    }

    [Theory]
    [InlineData("F64", 8)]
    [InlineData("I8", 1)]
    [InlineData("F8_E4M3", 1)]
    public void OtherDtypesAreNamedInTheError(string dtype, int width)
    {
        using var dir = new TempDirectory();
        var path = dir.File("other.safetensors");
        HandWrittenSafeTensors.Write(path, ("x", dtype, [2], new byte[2 * width]));

        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));

        Assert.Contains($"dtype {dtype}", e.Message);
        Assert.Contains("only F32, F16 and BF16", e.Message);
    }

    private static void AssertBitwiseEqual(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
