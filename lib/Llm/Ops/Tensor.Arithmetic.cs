using Llm.Kernels;

namespace Llm;

/// <summary>Add, subtract, multiply, divide with broadcasting, and the same with a scalar. The plain loops: Ops/Reference/ReferenceBackend.Elementwise.cs.</summary>
public sealed partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);

    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);

    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);

    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);

    public static Tensor operator +(Tensor a, float s) => a.Map(UnaryOp.AddScalar, s, "AddScalar");

    public static Tensor operator +(float s, Tensor a) => a.Map(UnaryOp.AddScalar, s, "AddScalar");

    public static Tensor operator -(Tensor a, float s) => a.Map(UnaryOp.AddScalar, -s, "AddScalar");

    public static Tensor operator -(float s, Tensor a) => a.Map(UnaryOp.MulScalar, -1f, "Neg").Map(UnaryOp.AddScalar, s, "AddScalar");

    public static Tensor operator *(Tensor a, float s) => a.Map(UnaryOp.MulScalar, s, "MulScalar");

    public static Tensor operator *(float s, Tensor a) => a.Map(UnaryOp.MulScalar, s, "MulScalar");

    public static Tensor operator /(Tensor a, float s) => a.Map(UnaryOp.MulScalar, 1f / s, "DivScalar");

    public static Tensor operator -(Tensor a) => a.Map(UnaryOp.MulScalar, -1f, "Neg");

    // d(a+b)/da = 1, d(a+b)/db = 1; a broadcast input gets the gradient summed over the stretched dimensions.
    public Tensor Add(Tensor other) => Elementwise(BinaryOp.Add, other, "Add", (g, a, b) =>
    {
        a.AddToGrad(g.SumTo(a.shape));
        b.AddToGrad(g.SumTo(b.shape));
    });

    // d(a−b)/da = 1, d(a−b)/db = −1
    public Tensor Sub(Tensor other) => Elementwise(BinaryOp.Subtract, other, "Sub", (g, a, b) =>
    {
        a.AddToGrad(g.SumTo(a.shape));
        if (b.requiresGrad)
        {
            b.AddToGrad((-g).SumTo(b.shape));
        }
    });

    // d(a·b)/da = b, d(a·b)/db = a
    public Tensor Mul(Tensor other) => Elementwise(BinaryOp.Multiply, other, "Mul", (g, a, b) =>
    {
        if (a.requiresGrad)
        {
            a.AddToGrad((g * b).SumTo(a.shape));
        }

        if (b.requiresGrad)
        {
            b.AddToGrad((g * a).SumTo(b.shape));
        }
    });

    // d(a/b)/da = 1/b, d(a/b)/db = −a/b²
    public Tensor Div(Tensor other) => Elementwise(BinaryOp.Divide, other, "Div", (g, a, b) =>
    {
        if (a.requiresGrad)
        {
            a.AddToGrad((g / b).SumTo(a.shape));
        }

        if (b.requiresGrad)
        {
            b.AddToGrad((-(g * a) / (b * b)).SumTo(b.shape));
        }
    });

    /// <summary>x^p element-wise; d(xᵖ)/dx = p·xᵖ⁻¹.</summary>
    public Tensor Pow(float p) => Map(UnaryOp.PowScalar, p, "Pow");

    private Tensor Elementwise(BinaryOp op, Tensor other, string name, Action<Tensor, Tensor, Tensor> backwardRule)
    {
        TensorException.SameDevice(name, this, other);
        var outShape = Llm.Shape.Broadcast(shape, other.shape)
            ?? throw new TensorException(name, $"shapes {TensorException.Shapes(this, other)} cannot be broadcast together (each dimension, aligned from the right, must be equal or 1).");
        var output = NewTensor(outShape);
        Backend.Run(new BinaryArgs(op, Storage, shape, other.Storage, other.shape, output.Storage, outShape));
        var a = this;
        return Record(name, output, [this, other], g => backwardRule(g, a, other));
    }

    /// <summary>Sums this tensor down to <paramref name="target"/> (the reverse of broadcasting); no graph.</summary>
    internal Tensor SumTo(int[] target)
    {
        if (Llm.Shape.SameShape(shape, target))
        {
            return this;
        }

        var output = NewTensor(target);
        Backend.Run(new SumToArgs(Storage, shape, output.Storage, target, Accumulate: false));
        return output;
    }

    /// <summary>A new tensor of the given shape on this tensor's device, with uninitialised values.</summary>
    internal Tensor NewTensor(int[] newShape) => new(NewStorage(Llm.Shape.Numel(newShape)), newShape);
}
