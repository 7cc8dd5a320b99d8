using Xunit.Abstractions;

namespace Llm.Tests.Reference;

/// <summary>
/// Every op of the engine against PyTorch (Fixtures/ops.safetensors, written by
/// Fixtures/generate_fixtures.py): the forward output, and the gradient of every input for a
/// random upstream gradient. Each case below computes what the script's case of the same name
/// computes in PyTorch.
/// </summary>
public class OpFixtureTests(ITestOutputHelper output)
{
    // A single op differs from PyTorch only by float32 rounding: relative 1e-4 is far above it.
    // The absolute floor is for results near 0 made by cancellation, where the rounding of the
    // larger terms remains: a sum of ~100 products of order 1, or GELU'(−3.7), where 1 + tanh(u)
    // cancels, carry up to ~2e-6 of absolute error in either framework.
    private const double Rtol = 1e-4;
    private const double Atol = 1e-5;

    // The cases that need a looser absolute tolerance, and why.
    private static readonly Dictionary<string, double> AtolFor = new()
    {
        // x has mean 10 and spread 0.1, so x − mean cancels about 7 bits of float32 in both
        // frameworks (PyTorch's own output is 1e-5 away from a float64 evaluation). We differ by up
        // to 2e-5, and the float32 sum behind the mean depends on the machine's SIMD width.
        ["layer_norm_offset"] = 3e-5,
    };

    private static readonly Fixture Ops = Fixture.Load("ops.safetensors");

    private static readonly Dictionary<string, Func<OpCase, Tensor[]>> Cases = BuildCases();

    public static TheoryData<string> Names => new(Cases.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesPyTorch(string name)
    {
        var atol = AtolFor.GetValueOrDefault(name, Atol);
        var inputs = new OpCase(Ops, name);
        var outputs = Cases[name](inputs);
        Assert.Equal(Ops.Tensors.Keys.Count(k => k.StartsWith($"{name}.out.", StringComparison.Ordinal)), outputs.Length);
        for (var i = 0; i < outputs.Length; i++)
        {
            Compare.Close(output, $"{name}.out.{i}", outputs[i], Ops[$"{name}.out.{i}"], Rtol, atol);
        }

        // Backward from each output in turn: the input gradients add up, as PyTorch's do for
        // L = Σ (out_i · dout_i).sum().
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i].Backward(Ops[$"{name}.dout.{i}"]);
        }

        foreach (var (input, leaf) in inputs.Leaves)
        {
            Assert.NotNull(leaf.Grad);
            Compare.Close(output, $"{name}.grad.{input}", leaf.Grad, Ops[$"{name}.grad.{input}"], Rtol, atol);
        }

        Assert.Equal(Ops.Tensors.Keys.Count(k => k.StartsWith($"{name}.in.", StringComparison.Ordinal)), inputs.Leaves.Count);
    }

    [Fact]
    public void EveryFixtureCaseHasATest()
    {
        var inFile = Ops.Tensors.Keys.Select(k => k[..k.IndexOf('.')]).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(inFile, Cases.Keys.Order(StringComparer.Ordinal));
    }

    // Dropout has no PyTorch fixture: PyTorch draws its mask from its own random generator, which
    // we cannot reproduce. These tests check our dropout against its definition instead.
    [Fact]
    public void DropoutKeepsOrZeroesEachElementAndScalesByOneOverKeep()
    {
        const float p = 0.3f;
        var x = Tensor.RandN([64, 1000], seed: 5);
        x.RequiresGrad = true;
        var y = x.Dropout(p, seed: 42);
        var (xs, ys) = (x.ToArray(), y.ToArray());
        var dropped = 0;
        for (var i = 0; i < xs.Length; i++)
        {
            if (ys[i] == 0f)
            {
                dropped++;
            }
            else
            {
                Assert.Equal(xs[i] / (1f - p), ys[i], 1e-6f * Math.Abs(ys[i]));
            }
        }

        // 64 000 draws: the standard deviation of the rate is √(p(1−p)/n) ≈ 0.0018, so 0.01 is over 5σ.
        Assert.InRange(dropped / (double)xs.Length, p - 0.01, p + 0.01);

        // Backward applies the same mask and scale to the upstream gradient.
        var upstream = Tensor.RandN([64, 1000], seed: 6);
        y.Backward(upstream);
        var (g, dx) = (upstream.ToArray(), x.Grad!.ToArray());
        for (var i = 0; i < xs.Length; i++)
        {
            var expected = ys[i] == 0f ? 0f : g[i] / (1f - p);
            Assert.Equal(expected, dx[i], 1e-6f * Math.Abs(expected));
        }
    }

    [Fact]
    public void DropoutMaskDependsOnlyOnTheSeed()
    {
        var x = Tensor.RandN([3, 65], seed: 7);
        Assert.Equal(x.Dropout(0.5f, seed: 1).ToArray(), x.Dropout(0.5f, seed: 1).ToArray());
        Assert.NotEqual(x.Dropout(0.5f, seed: 1).ToArray(), x.Dropout(0.5f, seed: 2).ToArray());
        Assert.Same(x, x.Dropout(0f, seed: 1));
    }

    private static Dictionary<string, Func<OpCase, Tensor[]>> BuildCases()
    {
        var cases = new Dictionary<string, Func<OpCase, Tensor[]>>
        {
            ["add"] = c => [c["a"] + c["b"]],
            ["add_broadcast_both"] = c => [c["a"] + c["b"]],
            ["add_bias"] = c => [c["a"] + c["b"]],
            ["sub_broadcast"] = c => [c["a"] - c["b"]],
            ["mul"] = c => [c["a"] * c["b"]],
            ["mul_broadcast"] = c => [c["a"] * c["b"]],
            ["div"] = c => [c["a"] / c["b"]],
            ["div_broadcast"] = c => [c["a"] / c["b"]],
            ["div_broadcast_divisor"] = c => [c["a"] / c["b"]],

            ["add_scalar"] = c => [c["x"] + 2.5f],
            ["scalar_add"] = c => [2.5f + c["x"]],
            ["sub_scalar"] = c => [c["x"] - 0.75f],
            ["scalar_sub"] = c => [1.5f - c["x"]],
            ["mul_scalar"] = c => [c["x"] * -0.75f],
            ["scalar_mul"] = c => [3f * c["x"]],
            ["div_scalar"] = c => [c["x"] / 3f],
            ["neg"] = c => [-c["x"]],
            ["pow_2"] = c => [c["x"].Pow(2f)],
            ["pow_3"] = c => [c["x"].Pow(3f)],
            ["pow_half"] = c => [c["x"].Pow(0.5f)],
            ["pow_minus_1_5"] = c => [c["x"].Pow(-1.5f)],

            ["sum_all"] = c => [c["x"].Sum()],
            ["sum_axis0"] = c => [c["x"].Sum(0)],
            ["sum_axis1"] = c => [c["x"].Sum(1)],
            ["sum_axis_last_keepdim"] = c => [c["x"].Sum(-1, keepDim: true)],
            ["mean_all"] = c => [c["x"].Mean()],
            ["mean_axis1_keepdim"] = c => [c["x"].Mean(1, keepDim: true)],
            ["mean_axis_last"] = c => [c["x"].Mean(-1)],

            ["reshape"] = c => [c["x"].Reshape(5, -1, 2)],
            ["transpose_1_2"] = c => [c["x"].Transpose(1, 2)],
            ["transpose_0_3"] = c => [c["x"].Transpose(0, 3)],
            ["transpose_last_two"] = c => [c["x"].Transpose(-1, -2)],
            ["split_sizes"] = c => c["x"].Split([5, 12], axis: 1),
            ["split_equal"] = c => c["x"].Split(3, axis: 1),
            ["concat_axis1"] = c => [Tensor.Concat([c["a"], c["b"], c["c"]], axis: 1)],
            ["concat_axis0"] = c => [Tensor.Concat([c["a"], c["b"]], axis: 0)],

            ["embedding"] = c => [Tensor.Embedding(c["weight"], c.Ints("ids"), c.ArgShape("ids"))],

            ["relu"] = c => [c["x"].Relu()],
            ["gelu"] = c => [c["x"].Gelu()],
            ["tanh"] = c => [c["x"].Tanh()],
            ["exp"] = c => [c["x"].Exp()],
            ["log"] = c => [c["x"].Log()],

            ["softmax"] = c => [c["x"].Softmax()],
            ["softmax_wide"] = c => [c["x"].Softmax()],
            ["softmax_causal"] = c => [c["x"].Softmax(causal: true)],
            ["softmax_causal_square"] = c => [c["x"].Softmax(causal: true)],
            ["log_softmax"] = c => [c["x"].LogSoftmax()],
            ["log_softmax_causal"] = c => [c["x"].LogSoftmax(causal: true)],

            ["cross_entropy"] = c => [c["logits"].CrossEntropy(c.Ints("targets"))],
            ["cross_entropy_3d"] = c => [c["logits"].CrossEntropy(c.Ints("targets"))],

            ["layer_norm"] = c => [c["x"].LayerNorm(c["weight"], c["bias"], eps: 1e-5f)],
            ["layer_norm_offset"] = c => [c["x"].LayerNorm(c["weight"], c["bias"], eps: 1e-5f)],

            ["masked_fill"] = c => [c["x"].MaskedFill(c.Arg("mask"), -3f)],
            ["masked_fill_padding"] = c => [c["x"].MaskedFill(c.Arg("mask"), float.NegativeInfinity)],
        };

        // Matrix products: the script stores a "t" operand with its last two axes swapped, and
        // MatMul's transpose flags swap them back.
        foreach (var (suffix, transposeA, transposeB) in new[] { ("nn", false, false), ("nt", false, true), ("tn", true, false), ("tt", true, true) })
        {
            foreach (var kind in new[] { "2d", "batched", "shared_right", "shared_left" })
            {
                cases[$"matmul_{kind}_{suffix}"] = c => [Tensor.MatMul(c["a"], c["b"], transposeA, transposeB)];
            }
        }

        return cases;
    }

    /// <summary>The inputs of one case: a fresh leaf (requiring grad) per differentiable input, and the other inputs as they are.</summary>
    internal sealed class OpCase(Fixture fixture, string name)
    {
        public Dictionary<string, Tensor> Leaves { get; } = [];

        /// <summary>Differentiable input NAME.in.<paramref name="input"/>, the same leaf every time it is asked for.</summary>
        public Tensor this[string input]
        {
            get
            {
                if (!Leaves.TryGetValue(input, out var leaf))
                {
                    leaf = fixture[$"{name}.in.{input}"].Clone();
                    leaf.RequiresGrad = true;
                    Leaves[input] = leaf;
                }

                return leaf;
            }
        }

        /// <summary>Input NAME.arg.<paramref name="arg"/>, which gets no gradient (a mask).</summary>
        public Tensor Arg(string arg) => fixture[$"{name}.arg.{arg}"];

        public int[] Ints(string arg) => fixture.Ints($"{name}.arg.{arg}");

        public int[] ArgShape(string arg) => [.. Arg(arg).Shape];
    }
}
