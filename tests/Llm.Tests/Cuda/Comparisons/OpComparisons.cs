namespace Llm.Tests.Cuda;

/// <summary>
/// Each tensor operation run on the CPU and on the GPU from the same inputs: the output and the
/// gradient of every input (from loss = Σ output·R with a fixed random R) must agree. Shapes are
/// small but odd-sized, and cover every kernel path: broadcasting, each kind of sum, batched and
/// shared-operand products, the causal mask, ignored targets, long rows, repeated ids.
/// Tolerances: float32 sums in another order differ by a few ulps per term, so 1e-5 absolute plus
/// 1e-4 relative for most ops; exp/log/tanh/pow differ by an ulp or two between CUDA's math library
/// and .NET's, so those get the same; dropout and lookups must match exactly. The sum of 70,000
/// numbers is added in another order on each device: each partial sum rounds at its own magnitude,
/// up to ~3e-5 near the largest partial sums, so it gets 2e-3.
/// </summary>
public static class OpComparisons
{
    private const float Atol = 1e-5f;
    private const float Rtol = 1e-4f;

    /// <summary>The names of the checks, for test cases.</summary>
    public static IEnumerable<string> Names => Cases.Keys;

    /// <summary>Runs one named check (forward and each gradient).</summary>
    public static IReadOnlyList<CheckResult> Run(string name)
    {
        try
        {
            return Cases[name]();
        }
        catch (Exception e)
        {
            return [CheckResult.Crashed(name, e)];
        }
    }

    private static readonly Dictionary<string, Func<IReadOnlyList<CheckResult>>> Cases = new()
    {
        ["add same shape"] = () => Op("add same shape", x => x[0] + x[1], [Randn([4, 5, 6], 1), Randn([4, 5, 6], 2)]),
        ["add bias broadcast"] = () => Op("add bias broadcast", x => x[0] + x[1], [Randn([4, 5, 6], 3), Randn([6], 4)]),
        ["add both broadcast"] = () => Op("add both broadcast", x => x[0] + x[1], [Randn([4, 1, 6], 5), Randn([5, 1], 6)]),
        ["sub broadcast"] = () => Op("sub broadcast", x => x[0] - x[1], [Randn([3, 7], 7), Randn([3, 1], 8)]),
        ["mul broadcast"] = () => Op("mul broadcast", x => x[0] * x[1], [Randn([2, 3, 4, 5], 9), Randn([3, 1, 5], 10)]),
        ["div broadcast"] = () => Op("div broadcast", x => x[0] / x[1], [Randn([3, 7], 11), Positive([7], 12)]),
        ["relu"] = () => Op("relu", x => x[0].Relu(), [Randn([1000], 13)]),
        ["gelu"] = () => Op("gelu", x => x[0].Gelu(), [Randn([1000], 14, std: 3f)]),
        ["tanh"] = () => Op("tanh", x => x[0].Tanh(), [Randn([1000], 15)]),
        ["exp"] = () => Op("exp", x => x[0].Exp(), [Randn([1000], 16)]),
        ["log"] = () => Op("log", x => x[0].Log(), [Positive([1000], 17)]),
        ["pow"] = () => Op("pow", x => x[0].Pow(2.5f), [Positive([1000], 18)]),
        ["scalar ops"] = () => Op("scalar ops", x => (3f - (x[0] * 2f)) / 4f, [Randn([300], 19)]),
        ["sum all"] = () => Op("sum all", x => x[0].Sum(), [Randn([70000], 20)], atol: 2e-3f),
        ["sum rows"] = () => Op("sum rows", x => x[0].Sum(-1, keepDim: true), [Randn([9, 37], 21)]),
        ["sum columns"] = () => Op("sum columns", x => x[0].Sum(0), [Randn([700, 33], 22)]),
        ["sum middle axis"] = () => Op("sum middle axis", x => x[0].Mean(1), [Randn([3, 4, 5], 23)]),
        ["matmul"] = () => Op("matmul", x => x[0].MatMul(x[1]), [Randn([5, 7], 24), Randn([7, 3], 25)]),
        ["matmul batched"] = () => Op("matmul batched", x => Tensor.MatMul(x[0], x[1]), [Randn([2, 3, 4, 5], 26), Randn([2, 3, 5, 6], 27)]),
        ["matmul linear"] = () => Op("matmul linear", x => Tensor.MatMul(x[0], x[1], transposeB: true), [Randn([4, 6, 8], 28), Randn([5, 8], 29)]),
        ["matmul transposed a, shared b"] = () => Op("matmul transposed a, shared b", x => Tensor.MatMul(x[0], x[1], transposeA: true), [Randn([3, 7, 5], 30), Randn([7, 4], 31)]),
        ["matmul shared a"] = () => Op("matmul shared a", x => Tensor.MatMul(x[0], x[1]), [Randn([4, 5], 32), Randn([3, 5, 6], 33)]),
        ["matmul both transposed"] = () => Op("matmul both transposed", x => Tensor.MatMul(x[0], x[1], true, true), [Randn([2, 5, 4], 34), Randn([2, 3, 5], 35)]),
        ["transpose"] = () => Op("transpose", x => x[0].Transpose(1, 3), [Randn([2, 3, 4, 5, 2], 36)], exact: true),
        ["split and concat"] = () => Op("split and concat", x => Tensor.Concat([.. x[0].Split([2, 3], 1).Reverse(), x[1]], 1), [Randn([2, 5, 3], 37), Randn([2, 4, 3], 38)], exact: true),
        ["softmax"] = () => Op("softmax", x => x[0].Softmax(), [Randn([3, 4, 37], 39, std: 3f)]),
        ["softmax causal"] = () => Op("softmax causal", x => x[0].Softmax(causal: true), [Randn([2, 2, 9, 9], 40, std: 3f)]),
        ["softmax causal, more keys"] = () => Op("softmax causal, more keys", x => x[0].Softmax(causal: true), [Randn([2, 3, 6], 41)]),
        ["log softmax causal"] = () => Op("log softmax causal", x => x[0].LogSoftmax(causal: true), [Randn([2, 7, 7], 42)]),
        ["softmax long rows"] = () => Op("softmax long rows", x => x[0].Softmax(), [Randn([3, 3000], 43, std: 4f)]),
        ["cross entropy"] = () => Op("cross entropy", x => x[0].CrossEntropy([3, -100, 0, 10, 7, 7]), [Randn([6, 11], 44, std: 2f)]),
        ["cross entropy large vocab"] = () => Op("cross entropy large vocab", x => x[0].CrossEntropy([5, 2999, 0, 1234]), [Randn([4, 3000], 45, std: 2f)]),
        ["layer norm"] = () => Op("layer norm", x => x[0].LayerNorm(x[1], x[2]), [Randn([5, 7, 48], 46, std: 2f), Randn([48], 47), Randn([48], 48)]),
        ["layer norm many rows"] = () => Op("layer norm many rows", x => x[0].LayerNorm(x[1], x[2]), [Randn([600, 40], 49), Randn([40], 50), Randn([40], 51)], atol: 1e-4f),
        ["embedding"] = () => Op("embedding", x => Tensor.Embedding(x[0], [3, 1, 3, 12, 0, 3, 1, 5, 5, 9, 12, 3, 4, 4, 4, 0, 11, 2], 2, 9), [Randn([13, 8], 52)], exact: true),
        ["dropout"] = () => Op("dropout", x => x[0].Dropout(0.3f, 12345), [Randn([5000], 53)], exact: true),
        ["masked fill"] = () => Op("masked fill", x => x[0].MaskedFill(CausalMask(5, x[0].Device), float.NegativeInfinity).Softmax(), [Randn([2, 3, 5, 5], 54)]),
        ["attention"] = () => Op("attention", x => Tensor.Attention(x[0], x[1], x[2], causal: true), [Randn([2, 3, 9, 8], 55), Randn([2, 3, 9, 8], 56), Randn([2, 3, 9, 8], 57)]),
        ["attention with dropout"] = () => Op("attention with dropout", x => Tensor.Attention(x[0], x[1], x[2], causal: false, dropout: 0.2f, seed: 777), [Randn([2, 3, 5, 8], 58), Randn([2, 3, 9, 8], 59), Randn([2, 3, 9, 8], 60)]),
        ["self-attention with dropout"] = () => Op("self-attention with dropout", x => Tensor.SelfAttention(x[0], 2, causal: true, dropout: 0.25f, seed: 778), [Randn([2, 7, 24], 61)]),
    };

    /// <summary>Runs <paramref name="f"/> on both devices and compares the output and every input's gradient.</summary>
    private static IReadOnlyList<CheckResult> Op(string name, Func<Tensor[], Tensor> f, Tensor[] inputs, float atol = Atol, bool exact = false)
    {
        var (cpuOut, cpuGrads) = Evaluate(f, inputs, Device.Cpu);
        var (gpuOut, gpuGrads) = Evaluate(f, inputs, Device.Cuda);
        var results = new List<CheckResult> { Same(name + ": forward", cpuOut, gpuOut, atol, exact) };
        for (var i = 0; i < inputs.Length; i++)
        {
            results.Add(Same($"{name}: gradient of input {i}", cpuGrads[i], gpuGrads[i], atol, exact));
        }

        return results;
    }

    private static CheckResult Same(string name, float[] cpu, float[] gpu, float atol, bool exact) =>
        exact ? CheckResult.Exact(name, cpu, gpu) : CheckResult.Arrays(name, cpu, gpu, atol, Rtol);

    // Fresh leaves on the device, the op, loss = Σ output·R, backward; the values come back as arrays.
    private static (float[] Output, float[][] Grads) Evaluate(Func<Tensor[], Tensor> f, Tensor[] inputs, Device device)
    {
        var xs = inputs.Select(x => Tensor.FromArray(x.ToArray(), [.. x.Shape]).To(device)).ToArray();
        foreach (var x in xs)
        {
            x.RequiresGrad = true;
        }

        var y = f(xs);
        var weights = Tensor.RandN([.. y.Shape], 99).To(device);
        var loss = (y.MaskedFill(NonFinite(y), 0f) * weights).Sum();
        loss.Backward();
        return (y.ToArray(), xs.Select(x => x.Grad?.ToArray() ?? new float[x.Numel]).ToArray());
    }

    // Masked log-softmax outputs are −∞; they are left out of the loss (their gradient is zero anyway).
    private static Tensor NonFinite(Tensor y)
    {
        var values = y.ToArray().Select(v => float.IsFinite(v) ? 0f : 1f).ToArray();
        return Tensor.FromArray(values, [.. y.Shape]).To(y.Device);
    }

    private static Tensor CausalMask(int t, Device device)
    {
        var mask = new float[t * t];
        for (var i = 0; i < t; i++)
        {
            for (var j = i + 1; j < t; j++)
            {
                mask[(i * t) + j] = 1f;
            }
        }

        return Tensor.FromArray(mask, t, t).To(device);
    }

    private static Tensor Randn(int[] shape, ulong seed, float std = 1f) => Tensor.RandN(shape, new Generator(seed), 0f, std);

    private static Tensor Positive(int[] shape, ulong seed) => Tensor.Rand(shape, new Generator(seed), 0.5f, 2f);
}
