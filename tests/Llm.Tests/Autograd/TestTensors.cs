namespace Llm.Tests.Autograd;

/// <summary>Seeded inputs for gradient checks, kept away from the points where a derivative jumps or blows up.</summary>
internal static class TestTensors
{
    /// <summary>Standard normal numbers.</summary>
    public static Tensor Normal(ulong seed, params int[] shape) => Tensor.RandN(shape, seed);

    /// <summary>Uniform in [low, high).</summary>
    public static Tensor Uniform(ulong seed, float low, float high, params int[] shape) => Tensor.Rand(shape, new Generator(seed), low, high);

    /// <summary>
    /// Normal numbers pushed at least <paramref name="margin"/> away from 0, keeping their sign: for
    /// ReLU (whose derivative jumps at 0) and for divisors (1/x is steep near 0).
    /// </summary>
    public static Tensor AwayFromZero(ulong seed, float margin, params int[] shape)
    {
        var values = Normal(seed, shape).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = MathF.CopySign(margin + MathF.Abs(values[i]), values[i]);
        }

        return Tensor.FromArray(values, shape);
    }
}
