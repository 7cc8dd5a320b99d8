using System.Diagnostics;
using Llm.Models;

namespace Llm.Benchmarking;

/// <summary>Matrix-multiply speed: 2·m·n·k floating-point operations per product C = op(A)·op(B).</summary>
public static class MatMulBenchmark
{
    /// <summary>
    /// One product: op(A) is m×k, op(B) is k×n. A transposed operand is stored the other way round
    /// (A as k×m, B as n×k), as a layer's weight [out, in] is in X·Wᵀ. <paramref name="PerStep"/>: how
    /// many times a training step runs it (once per block for a block's layers).
    /// </summary>
    public sealed record Shape(string Name, int M, int N, int K, bool TransposeA = false, bool TransposeB = false, int PerStep = 1)
    {
        /// <summary>The product as a formula, with the transposes: "A·Bᵀ".</summary>
        public string Formula => $"A{(TransposeA ? "ᵀ" : "")}·B{(TransposeB ? "ᵀ" : "")}";

        public double Flops => 2.0 * M * N * K;
    }

    /// <summary>A shape's speed.</summary>
    public sealed record Result(Shape Shape, double GflopsPerSecond);

    /// <summary>
    /// The products of a GPT's training step (GPT-2 small's with <see cref="GptConfig.Gpt2Small"/>) for a
    /// batch of <paramref name="rows"/> tokens (B·T): each linear layer y = x·Wᵀ with W [out, in]
    /// forward, then its two backward products, the input's gradient dy·W and the weight's dyᵀ·x. The
    /// output layer's weight is the token table [V, C]. Attention's own products (per head, T×T) are not here.
    /// </summary>
    public static IReadOnlyList<Shape> StepShapes(GptConfig config, int rows)
    {
        var c = config.Embd;
        (string Layer, int In, int Out, int PerStep)[] layers =
        [
            ("attn.c_attn", c, 3 * c, config.Layers),
            ("attn.c_proj", c, c, config.Layers),
            ("mlp.c_fc", c, 4 * c, config.Layers),
            ("mlp.c_proj", 4 * c, c, config.Layers),
            ("lm_head", c, config.VocabSize, 1),
        ];
        return layers.SelectMany(l => new[]
        {
            new Shape($"{l.Layer} forward", rows, l.Out, l.In, TransposeB: true, PerStep: l.PerStep),
            new Shape($"{l.Layer} dx", rows, l.In, l.Out, PerStep: l.PerStep),
            new Shape($"{l.Layer} dW", l.Out, l.In, rows, TransposeA: true, PerStep: l.PerStep),
        }).ToList();
    }

    /// <summary>GFLOP/s of the device's matrix multiply on n×n matrices.</summary>
    public static double GflopsPerSecond(int n, int repeats = 5) => GflopsPerSecond(new Shape($"{n}³", n, n, n), repeats);

    /// <summary>
    /// GFLOP/s of one shape (median of the repeats, after half a second of warm-up, so that the
    /// runtime has finished compiling the hot code). Each product runs in a step of its own without
    /// gradients, so its output comes from the step's memory: a fresh array per call would time the
    /// garbage collector as much as the multiply.
    /// </summary>
    public static double GflopsPerSecond(Shape shape, int repeats = 5)
    {
        var a = shape.TransposeA ? Tensor.RandN([shape.K, shape.M], 1) : Tensor.RandN([shape.M, shape.K], 1);
        var b = shape.TransposeB ? Tensor.RandN([shape.N, shape.K], 2) : Tensor.RandN([shape.K, shape.N], 2);
        void Multiply()
        {
            using (Tensor.NoGrad())
            using (Tensor.Step())
            {
                _ = Tensor.MatMul(a, b, shape.TransposeA, shape.TransposeB).ReadRange(0, 1); // reading one value waits for a GPU to finish
            }
        }

        var warmUp = Stopwatch.StartNew();
        do
        {
            Multiply();
        }
        while (warmUp.Elapsed.TotalSeconds < 0.5);

        var times = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            Multiply();
            times.Add(clock.Elapsed.TotalSeconds);
        }

        return shape.Flops / Measure.Median(times) / 1e9;
    }
}
