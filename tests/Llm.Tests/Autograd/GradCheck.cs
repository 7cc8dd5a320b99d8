using System.Globalization;
using Llm.Kernels;

namespace Llm.Tests.Autograd;

/// <summary>
/// The finite-difference proof that Backward() is right. For a function f and its inputs it builds
/// the scalar loss L = Σ f(inputs)·R, where R is a fixed random tensor (so every output element
/// matters, each with its own weight), and compares each input gradient from Backward() with the
/// central difference (L(x + ε) − L(x − ε)) / 2ε, one element at a time. Like llm.c, a failure
/// reports the worst element: its index, the analytic and the numeric value ("maxdiff").
/// </summary>
internal static class GradCheck
{
    // ε = 1e-2 balances the two errors of a central difference in float32. Truncation error is
    // about ε²/6·|f'''| ≈ 2e-5·|f'''|. Rounding error is about (float32 rounding of the outputs
    // ε moves, ~6e-8·|L| each) / 2ε ≈ 3e-6·|L|; a smaller ε would make that term grow instead.
    public const float DefaultEps = 1e-2f;

    // So an element passes when |analytic − numeric| ≤ 2e-3 + 1e-2·|numeric|: ten or so times
    // the expected error of the estimate, yet a wrong derivative (a missing factor, a wrong sign,
    // a gradient sent to the wrong element) is off by O(1) and fails at once.
    public const float DefaultAbsTolerance = 2e-3f;
    public const float DefaultRelTolerance = 1e-2f;

    /// <summary>Large inputs are checked on a seeded random subset of this many elements (each costs two forward passes).</summary>
    public const int DefaultMaxElements = 64;

    public static void Check(Func<Tensor, Tensor> f, Tensor x, float eps = DefaultEps, float atol = DefaultAbsTolerance, float rtol = DefaultRelTolerance) =>
        Check(xs => f(xs[0]), [x], eps, atol, rtol);

    public static void Check(Func<Tensor, Tensor, Tensor> f, Tensor a, Tensor b, float eps = DefaultEps, float atol = DefaultAbsTolerance, float rtol = DefaultRelTolerance) =>
        Check(xs => f(xs[0], xs[1]), [a, b], eps, atol, rtol);

    public static void Check(Func<Tensor, Tensor, Tensor, Tensor> f, Tensor a, Tensor b, Tensor c, float eps = DefaultEps, float atol = DefaultAbsTolerance, float rtol = DefaultRelTolerance) =>
        Check(xs => f(xs[0], xs[1], xs[2]), [a, b, c], eps, atol, rtol);

    /// <summary>
    /// Checks every input's gradient. The inputs must be leaves made by the caller; their values are
    /// nudged in place and put back. <paramref name="f"/> must give the same numbers every time it is
    /// called with the same inputs (use a fixed seed for dropout).
    /// </summary>
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, float eps = DefaultEps, float atol = DefaultAbsTolerance, float rtol = DefaultRelTolerance, int maxElements = DefaultMaxElements, ulong seed = 1234)
    {
        foreach (var input in inputs)
        {
            Assert.True(input.IsLeaf, "GradCheck needs leaf inputs: it nudges their values in place.");
            input.RequiresGrad = true;
            input.ZeroGrad();
        }

        // Analytic: one forward pass that records the graph, then Backward() from L = Σ output·R.
        var output = f(inputs);
        var outputValues = output.ToArray();
        var weights = RandomWeights(outputValues, seed);
        var r = Tensor.FromArray(weights, [.. output.Shape]);
        var weighted = HasNonFinite(outputValues) ? output.MaskedFill(NonFiniteMask(outputValues, output.Shape), 0f) : output;
        (weighted * r).Sum().Backward();
        var analytic = inputs.Select(x => x.Grad?.ToArray()).ToArray();

        using (Tensor.NoGrad())
        {
            var baseline = Loss(f(inputs), weights);
            Assert.True(baseline == Loss(f(inputs), weights), "GradCheck: the function gave different outputs for the same inputs; it must be deterministic (fixed seeds).");
            Assert.True(baseline == Loss(output, weights), "GradCheck: the function gave different outputs with and without grad mode.");

            var random = new Generator(seed + 1);
            for (var i = 0; i < inputs.Length; i++)
            {
                var x = inputs[i];
                var grad = analytic[i];
                Assert.True(grad is not null, $"GradCheck: no gradient reached input {i} (shape {Shape.Format([.. x.Shape])}).");
                Assert.Equal(x.Numel, grad.Length);
                CheckInput(f, inputs, i, grad, weights, ElementsToCheck(x.Numel, maxElements, random), eps, atol, rtol);
            }
        }
    }

    private static void CheckInput(Func<Tensor[], Tensor> f, Tensor[] inputs, int which, float[] analytic, float[] weights, int[] elements, float eps, float atol, float rtol)
    {
        var x = inputs[which];
        var data = CpuBackend.Data(x.Storage);
        var worst = (Index: -1, Analytic: 0f, Numeric: 0.0, Diff: 0.0, Ratio: -1.0);
        foreach (var e in elements)
        {
            var original = data[e];
            var plus = original + eps;
            var minus = original - eps;
            data[e] = plus;
            var lossPlus = Loss(f(inputs), weights);
            data[e] = minus;
            var lossMinus = Loss(f(inputs), weights);
            data[e] = original;

            // Divide by the step float32 actually took, not by 2ε: plus and minus are rounded.
            var numeric = (lossPlus - lossMinus) / ((double)plus - minus);
            var diff = Math.Abs(analytic[e] - numeric);
            var ratio = diff / (atol + (rtol * Math.Abs(numeric)));
            if (double.IsNaN(ratio) || ratio > worst.Ratio)
            {
                worst = (e, analytic[e], numeric, diff, double.IsNaN(ratio) ? double.PositiveInfinity : ratio);
            }
        }

        if (worst.Ratio > 1.0)
        {
            var at = Shape.Format(Unflatten(worst.Index, x.Shape));
            var text = string.Format(
                CultureInfo.InvariantCulture,
                "GradCheck: input {0} (shape {1}), maxdiff {2:E3} at {3}: analytic {4:G7}, numeric {5:G7} (allowed {6:E3}; {7} of {8} elements checked).",
                which, Shape.Format([.. x.Shape]), worst.Diff, at, worst.Analytic, worst.Numeric, atol + (rtol * Math.Abs(worst.Numeric)), elements.Length, x.Numel);
            Assert.Fail(text);
        }
    }

    // L = Σ output·R in float64, so summing thousands of terms adds no rounding of its own: the only
    // float32 error left in the finite difference is that of the outputs themselves.
    private static double Loss(Tensor output, float[] weights)
    {
        var values = output.ToArray();
        Assert.Equal(weights.Length, values.Length);
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            if (weights[i] != 0f)
            {
                sum += (double)values[i] * weights[i];
            }
        }

        return sum;
    }

    // Standard normal weights; 0 where the output is ±∞ (e.g. causally masked log-softmax entries),
    // which are constants and would make the loss infinite.
    private static float[] RandomWeights(float[] outputValues, ulong seed)
    {
        var random = new Generator(seed);
        var weights = new float[outputValues.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            var w = random.NextNormal();
            weights[i] = float.IsFinite(outputValues[i]) ? w : 0f;
        }

        return weights;
    }

    private static bool HasNonFinite(float[] values) => values.Any(v => !float.IsFinite(v));

    private static Tensor NonFiniteMask(float[] values, IReadOnlyList<int> shape) =>
        Tensor.FromArray(values.Select(v => float.IsFinite(v) ? 0f : 1f).ToArray(), [.. shape]);

    // Every element when there are few; otherwise a seeded sample that always includes the first and
    // the last element (edges are where indexing bugs hide).
    private static int[] ElementsToCheck(long numel, int maxElements, Generator random)
    {
        var n = (int)numel;
        if (n <= maxElements)
        {
            return Enumerable.Range(0, n).ToArray();
        }

        var chosen = new SortedSet<int> { 0, n - 1 };
        while (chosen.Count < maxElements)
        {
            chosen.Add(random.NextInt(n));
        }

        return chosen.ToArray();
    }

    private static int[] Unflatten(int flat, IReadOnlyList<int> shape)
    {
        var index = new int[shape.Count];
        for (var d = shape.Count - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }

        return index;
    }
}
