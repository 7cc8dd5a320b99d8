using Llm.Kernels;

namespace Llm;

/// <summary>Sums and means, over one axis or over everything. The kernels and their plain loops: Kernels/Binary/ (SumTo is broadcasting run backwards).</summary>
public sealed partial class Tensor
{
    /// <summary>Sum of all elements, shape []. d(Σx)/dx = 1.</summary>
    public Tensor Sum() => SumToShape([], "Sum");

    /// <summary>Sum over one axis; keepDim keeps it with size 1. d(Σx)/dx = 1, so the gradient is broadcast back.</summary>
    public Tensor Sum(int axis, bool keepDim = false)
    {
        var a = NormalizeAxis(axis, "Sum");
        var kept = (int[])shape.Clone();
        kept[a] = 1;
        var summed = SumToShape(kept, "Sum");
        return keepDim ? summed : summed.Reshape(shape.Where((_, i) => i != a).ToArray());
    }

    /// <summary>Mean of all elements, shape [].</summary>
    public Tensor Mean() => Sum() * (1f / Math.Max(1, Numel));

    /// <summary>Mean over one axis. d(mean)/dx = 1/n.</summary>
    public Tensor Mean(int axis, bool keepDim = false)
    {
        var n = shape[NormalizeAxis(axis, "Mean")];
        return Sum(axis, keepDim) * (1f / n);
    }

    private Tensor SumToShape(int[] target, string name)
    {
        var output = NewTensor(target);
        Backend.Run(new SumToArgs(Storage, shape, output.Storage, target, Accumulate: false));
        var x = this;
        return Record(name, output, [this], g =>
        {
            // Every input element contributed once: its gradient is the output gradient it fed, broadcast back.
            x.AddToGrad(grad => Backend.Run(new BinaryArgs(BinaryOp.Add, grad, x.shape, g.Storage, g.shape, grad, x.shape)));
        });
    }
}
