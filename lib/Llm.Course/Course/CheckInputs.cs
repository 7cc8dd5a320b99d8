namespace Llm.Course;

/// <summary>
/// Inputs for <see cref="Exercise.CheckCode"/>: a few ordinary random ones, and the edge cases
/// that catch real mistakes — length 1, a row of equal values, values so large that exp overflows
/// (a softmax that does not subtract the maximum returns NaN), +1000 beside −1000 (where subtracting
/// the mean overflows too), negative numbers, masked (−∞) positions. The same seed always gives the same inputs.
/// </summary>
public static class CheckInputs
{
    /// <summary>Rows for a function of one vector (softmax, layer norm, …). Without <paramref name="masked"/>, no −∞ entries.</summary>
    public static IReadOnlyList<float[]> Vectors(bool masked = true, ulong seed = 0)
    {
        var generator = new Generator(seed);
        var inputs = new List<float[]>
        {
            new[] { 0.7f },                                // length 1
            new[] { 2f, 2f, 2f, 2f },                      // equal values
            new[] { 1000f, 1001f, 1002f },                 // exp(1000) overflows float and double
            new[] { -1000f, -999f, -1001f, -1002f },       // exp(−1000) underflows to 0: 0/0
            new[] { -3.5f, -1.25f, -2f, -0.5f, -7f },      // all negative
            new[] { -1000f, 1000f, 0.5f, 999f },           // both signs: only the maximum keeps exp finite (the mean or the first value does not)
        };
        if (masked)
        {
            inputs.Add([0.5f, float.NegativeInfinity, 1.5f, float.NegativeInfinity, -0.25f]); // masked positions get probability 0
        }

        foreach (var length in new[] { 2, 3, 7, 16, 17 })
        {
            inputs.Add(Enumerable.Range(0, length).Select(_ => 3f * generator.NextNormal()).ToArray());
        }

        return inputs;
    }

    /// <summary>Single numbers for an element-wise function (GELU, tanh, …): zero, small, negative and far out in both directions.</summary>
    public static IReadOnlyList<double> Scalars() => [0, 1e-3, -1e-3, 0.5, -0.5, 1, -1, 2.5, -2.5, 6, -6, 30, -30, 1000, -1000];

    /// <summary>Tensors of one shape: random ones, one of equal values, one of large values, one all negative.</summary>
    public static IReadOnlyList<Tensor> Tensors(int[] shape, ulong seed = 0)
    {
        var generator = new Generator(seed);
        var n = (int)Shape.Numel(shape);
        float[] Draw(float scale, float shift) => Enumerable.Range(0, n).Select(_ => (scale * generator.NextNormal()) + shift).ToArray();
        return
        [
            Tensor.FromArray(Draw(1f, 0f), shape),
            Tensor.FromArray(Draw(3f, 0f), shape),
            Tensor.FromArray(Enumerable.Repeat(2f, n).ToArray(), shape),
            Tensor.FromArray(Draw(1f, 1000f), shape),
            Tensor.FromArray(Draw(1f, -5f).Select(v => -Math.Abs(v)).ToArray(), shape),
        ];
    }
}
