namespace Llm.Tests.Autograd;

/// <summary>Gradient checks for the element-wise functions and for softmax and log-softmax.</summary>
public class GradCheckActivationTests
{
    // [3, 1500] spans two of the CPU's 2048-element blocks, so a block's edge is checked too.
    public static TheoryData<int[]> Shapes() => new([1], [3, 17], [257], [2, 3, 17], [1, 65], [3, 1500]);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Relu(int[] shape) =>
        // ReLU's derivative jumps at 0: keep every input further from 0 than ε, or the difference straddles the kink.
        GradCheck.Check(x => x.Relu(), TestTensors.AwayFromZero(41, 0.1f, shape));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gelu(int[] shape) => GradCheck.Check(x => x.Gelu(), TestTensors.Normal(42, shape) * 2f);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Tanh(int[] shape) => GradCheck.Check(x => x.Tanh(), TestTensors.Normal(43, shape));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Exp(int[] shape) => GradCheck.Check(x => x.Exp(), TestTensors.Normal(44, shape));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Log(int[] shape) =>
        // ln x is defined for x > 0 and steep near 0; 0.5 .. 3 keeps the estimate accurate.
        GradCheck.Check(x => x.Log(), TestTensors.Uniform(45, 0.5f, 3f, shape));

    public static TheoryData<int[], bool> SoftmaxCases() => new()
    {
        { [17], false },
        { [3, 17], false },
        { [2, 3, 65], false },
        { [257], false },
        { [5, 5], true },        // square causal mask
        { [2, 3, 7, 7], true },
        { [2, 3, 7], true },     // fewer queries than keys (Tq < Tk): query i sees keys ≤ i + 4
        { [3, 17], true },
        { [1, 1], true },
    };

    [Theory]
    [MemberData(nameof(SoftmaxCases))]
    public void Softmax(int[] shape, bool causal) =>
        GradCheck.Check(x => x.Softmax(causal), TestTensors.Normal(46, shape) * 2f);

    [Theory]
    [MemberData(nameof(SoftmaxCases))]
    public void LogSoftmax(int[] shape, bool causal) =>
        // With causal, the masked entries are −∞ constants; GradCheck leaves them out of the loss.
        GradCheck.Check(x => x.LogSoftmax(causal), TestTensors.Normal(47, shape) * 2f);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CausalMaskSendsNoGradientToMaskedEntries(bool log)
    {
        // A masked entry is a constant (0, or −∞ for log-softmax): whatever gradient arrives there
        // from above, none may reach the input. Query i of 3 sees keys 0 .. i + 4 of 7.
        var x = TestTensors.Normal(50, 2, 3, 7);
        x.RequiresGrad = true;
        var y = log ? x.LogSoftmax(causal: true) : x.Softmax(causal: true);
        y.Backward(TestTensors.Normal(51, 2, 3, 7));
        var grad = x.Grad!.ToArray();
        for (var row = 0; row < 6; row++)
        {
            for (var key = (row % 3) + 5; key < 7; key++)
            {
                Assert.Equal(0f, grad[(row * 7) + key]);
            }
        }
    }

    [Fact]
    public void SoftmaxAfterAMatMulAsInAttention() =>
        GradCheck.Check(
            (q, k) => (Tensor.MatMul(q, k, transposeB: true) * 0.25f).Softmax(causal: true),
            TestTensors.Normal(48, 2, 3, 17),
            TestTensors.Normal(49, 2, 5, 17));
}
