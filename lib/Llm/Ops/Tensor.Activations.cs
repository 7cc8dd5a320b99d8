using Llm.Kernels;

namespace Llm;

/// <summary>Functions applied to every element, each with its derivative. The kernels and their plain loops: Kernels/Unary/.</summary>
public sealed partial class Tensor
{
    /// <summary>max(x, 0); derivative 1 where x &gt; 0, else 0.</summary>
    public Tensor Relu() => Map(UnaryOp.Relu, 0f, "Relu");

    /// <summary>GELU, tanh approximation as in GPT-2: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).</summary>
    public Tensor Gelu() => Map(UnaryOp.Gelu, 0f, "Gelu");

    /// <summary>tanh(x); derivative 1 − tanh²(x).</summary>
    public Tensor Tanh() => Map(UnaryOp.Tanh, 0f, "Tanh");

    /// <summary>eˣ; derivative eˣ.</summary>
    public Tensor Exp() => Map(UnaryOp.Exp, 0f, "Exp");

    /// <summary>ln x; derivative 1/x.</summary>
    public Tensor Log() => Map(UnaryOp.Log, 0f, "Log");

    private Tensor Map(UnaryOp op, float scalar, string name)
    {
        var output = NewTensor(shape);
        var forward = new UnaryArgs(op, Storage, output.Storage, Numel, scalar);
        Backend.Run(forward);
        var x = this;
        return Record(name, output, [this], g =>
        {
            // dx = f'(x) · dy, written straight into x's gradient.
            x.AddToGrad((grad, accumulate) => Backend.Run(forward.Backward(g.Storage, grad, accumulate)));
        });
    }
}
