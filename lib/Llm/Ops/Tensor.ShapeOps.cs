using Llm.Kernels;

namespace Llm;

/// <summary>Operations that move numbers around without changing them: reshape, transpose, split, concatenate. The kernels and their plain loops: Kernels/Copy/ (Transpose, CopyBlocks).</summary>
public sealed partial class Tensor
{
    /// <summary>The same numbers seen with another shape (a view: no copy). One dimension may be −1 (inferred).</summary>
    public Tensor Reshape(params int[] newShape)
    {
        var resolved = (int[])newShape.Clone();
        var inferred = Array.IndexOf(resolved, -1);
        if (inferred >= 0)
        {
            long known = 1;
            for (var i = 0; i < resolved.Length; i++)
            {
                if (i != inferred)
                {
                    known *= resolved[i];
                }
            }

            if (known == 0 || Numel % known != 0)
            {
                throw new TensorException("Reshape", $"cannot reshape {Llm.Shape.Format(shape)} ({Numel} elements) to {Llm.Shape.Format(newShape)}.");
            }

            resolved[inferred] = (int)(Numel / known);
        }

        if (Llm.Shape.Numel(resolved) != Numel || resolved.Any(d => d < 0))
        {
            throw new TensorException("Reshape", $"cannot reshape {Llm.Shape.Format(shape)} ({Numel} elements) to {Llm.Shape.Format(newShape)} ({Llm.Shape.Numel(resolved)} elements).");
        }

        var output = new Tensor(Storage, resolved);
        var x = this;
        // A reshape only relabels positions, so the gradient is the output gradient relabelled back.
        return Record("Reshape", output, [this], g => x.AddToGrad(g.Reshape(x.shape)));
    }

    /// <summary>Same as <see cref="Reshape"/> (PyTorch's name).</summary>
    public Tensor View(params int[] newShape) => Reshape(newShape);

    /// <summary>Swaps two axes (copies, so the result is contiguous). The gradient is transposed back.</summary>
    public Tensor Transpose(int axis1, int axis2)
    {
        var a = NormalizeAxis(axis1, "Transpose");
        var b = NormalizeAxis(axis2, "Transpose");
        if (a == b)
        {
            return this;
        }

        if (a > b)
        {
            (a, b) = (b, a);
        }

        var outShape = (int[])shape.Clone();
        (outShape[a], outShape[b]) = (outShape[b], outShape[a]);
        var output = NewTensor(outShape);
        var (outer, mid, inner) = (Prod(0, a), Prod(a + 1, b), Prod(b + 1, shape.Length));
        var forward = new TransposeArgs(Storage, output.Storage, outer, shape[a], mid, shape[b], inner);
        Backend.Run(forward);
        var x = this;
        return Record("Transpose", output, [this], g =>
        {
            var back = x.NewTensor(x.shape);
            Backend.Run(forward.Backward(g.Storage, back.Storage));
            x.AddToGrad(back);
        });
    }

    /// <summary>Splits along an axis into pieces of the given sizes (they must add up to the axis length).</summary>
    public Tensor[] Split(int[] sizes, int axis)
    {
        var ax = NormalizeAxis(axis, "Split");
        if (sizes.Sum() != shape[ax] || sizes.Any(s => s < 0))
        {
            throw new TensorException("Split", $"sizes [{string.Join(", ", sizes)}] do not add up to {shape[ax]}, the size of axis {axis} of {Llm.Shape.Format(shape)}.");
        }

        var outer = Prod(0, ax);
        var inner = Prod(ax + 1, shape.Length);
        var pieces = new Tensor[sizes.Length];
        var offset = 0;
        var x = this;
        for (var i = 0; i < sizes.Length; i++)
        {
            var pieceShape = (int[])shape.Clone();
            pieceShape[ax] = sizes[i];
            var piece = NewTensor(pieceShape);
            var at = offset;
            var len = sizes[i];
            Backend.Run(new CopyBlocksArgs(Storage, (long)at * inner, (long)shape[ax] * inner, piece.Storage, 0, (long)len * inner, outer, (long)len * inner));
            pieces[i] = Record("Split", piece, [this], g =>
            {
                // The piece's gradient goes back into its slice of the input's gradient; the rest of it is untouched.
                x.AddToGrad(grad => Backend.Run(new CopyBlocksArgs(g.Storage, 0, (long)len * inner, grad, (long)at * inner, (long)x.shape[ax] * inner, outer, (long)len * inner, Accumulate: true)));
            });
            offset += sizes[i];
        }

        return pieces;
    }

    /// <summary>Splits along an axis into pieces of equal size <paramref name="size"/> (PyTorch's split(int)).</summary>
    public Tensor[] Split(int size, int axis)
    {
        var length = shape[NormalizeAxis(axis, "Split")];
        if (size <= 0 || length % size != 0)
        {
            throw new TensorException("Split", $"axis {axis} of {Llm.Shape.Format(shape)} has length {length}, which pieces of {size} do not divide.");
        }

        return Split(Enumerable.Repeat(size, length / size).ToArray(), axis);
    }

    /// <summary>Joins tensors along an axis; all other dimensions must match. Each input's gradient is its slice of the output gradient.</summary>
    public static Tensor Concat(Tensor[] tensors, int axis)
    {
        if (tensors.Length == 0)
        {
            throw new TensorException("Concat", "needs at least one tensor.");
        }

        TensorException.SameDevice("Concat", tensors);
        var first = tensors[0];
        var ax = first.NormalizeAxis(axis, "Concat");
        foreach (var t in tensors)
        {
            var ok = t.Rank == first.Rank && Enumerable.Range(0, t.Rank).All(d => d == ax || t.shape[d] == first.shape[d]);
            if (!ok)
            {
                throw new TensorException("Concat", $"shapes {TensorException.Shapes(tensors)} differ outside axis {axis}.");
            }
        }

        var outShape = (int[])first.shape.Clone();
        outShape[ax] = tensors.Sum(t => t.shape[ax]);
        var output = first.NewTensor(outShape);
        var outer = first.Prod(0, ax);
        var inner = first.Prod(ax + 1, first.Rank);
        var offsets = new int[tensors.Length];
        var offset = 0;
        for (var i = 0; i < tensors.Length; i++)
        {
            offsets[i] = offset;
            var len = tensors[i].shape[ax];
            first.Backend.Run(new CopyBlocksArgs(tensors[i].Storage, 0, (long)len * inner, output.Storage, (long)offset * inner, (long)outShape[ax] * inner, outer, (long)len * inner));
            offset += len;
        }

        return Record("Concat", output, tensors, g =>
        {
            for (var i = 0; i < tensors.Length; i++)
            {
                var (t, at) = (tensors[i], offsets[i]);
                var len = t.shape[ax];
                t.AddToGrad((grad, accumulate) => t.Backend.Run(new CopyBlocksArgs(g.Storage, (long)at * inner, (long)outShape[ax] * inner, grad, 0, (long)len * inner, outer, (long)len * inner, accumulate)));
            }
        });
    }

    private int Prod(int from, int to)
    {
        var p = 1;
        for (var i = from; i < to; i++)
        {
            p *= shape[i];
        }

        return p;
    }
}
