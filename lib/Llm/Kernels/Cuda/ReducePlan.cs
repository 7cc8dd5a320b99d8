namespace Llm.Kernels;

/// <summary>Which kernel a sum down to a broadcast shape needs.</summary>
internal enum ReduceKind
{
    /// <summary>Nothing to sum: the shapes hold the same elements ([1, C] → [C]).</summary>
    Copy,

    /// <summary>Everything into one number.</summary>
    All,

    /// <summary>[rows, cols] → [rows]: each row summed (one block per row).</summary>
    Rows,

    /// <summary>[rows, cols] → [cols]: each column summed, e.g. a bias gradient from [B·T, C].</summary>
    Columns,

    /// <summary>Kept and summed dimensions interleaved: one thread per output element.</summary>
    General,
}

/// <summary>
/// The plan for SumTo: the source's dimensions (size-1 ones dropped) split into kept ones (present
/// in the destination) and summed ones, with runs of the same kind merged. The common patterns get
/// their own kernels; the rest the general one.
/// </summary>
internal sealed record ReducePlan(ReduceKind Kind, long Outputs, long PerOutput, int[] KeptShape, int[] KeptStrides, int[] ReducedShape, int[] ReducedStrides)
{
    /// <summary>The plan for summing a contiguous <paramref name="srcShape"/> down to <paramref name="dstShape"/>.</summary>
    public static ReducePlan Create(int[] srcShape, int[] dstShape)
    {
        var kept = Llm.Shape.BroadcastStrides(dstShape, srcShape);
        var runs = new List<(bool Kept, long Extent, long Stride)>();
        long stride = 1;
        var dims = new List<(bool Kept, long Extent, long Stride)>();
        for (var d = srcShape.Length - 1; d >= 0; d--)
        {
            if (srcShape[d] != 1)
            {
                dims.Insert(0, (kept[d] != 0, srcShape[d], stride));
            }

            stride *= srcShape[d];
        }

        foreach (var dim in dims)
        {
            // The source is contiguous, so neighbours of the same kind always merge into one run.
            if (runs.Count > 0 && runs[^1].Kept == dim.Kept)
            {
                runs[^1] = (dim.Kept, runs[^1].Extent * dim.Extent, dim.Stride);
            }
            else
            {
                runs.Add(dim);
            }
        }

        var keptRuns = runs.Where(r => r.Kept).ToArray();
        var reducedRuns = runs.Where(r => !r.Kept).ToArray();
        var outputs = keptRuns.Aggregate(1L, (p, r) => p * r.Extent);
        var perOutput = reducedRuns.Aggregate(1L, (p, r) => p * r.Extent);
        var kind = (runs.Count, reducedRuns.Length) switch
        {
            (_, 0) => ReduceKind.Copy,
            (1, 1) => ReduceKind.All,
            (2, 1) when runs[0].Kept => ReduceKind.Rows,
            (2, 1) => ReduceKind.Columns,
            _ => ReduceKind.General,
        };
        if (kind == ReduceKind.General && (keptRuns.Length > Dims.Capacity || reducedRuns.Length > Dims.Capacity))
        {
            throw new NotSupportedException($"The CUDA backend cannot sum {Llm.Shape.Format(srcShape)} to {Llm.Shape.Format(dstShape)}: more than {Dims.Capacity} alternating dimensions.");
        }

        return new ReducePlan(
            kind,
            outputs,
            perOutput,
            keptRuns.Select(r => checked((int)r.Extent)).ToArray(),
            keptRuns.Select(r => checked((int)r.Stride)).ToArray(),
            reducedRuns.Select(r => checked((int)r.Extent)).ToArray(),
            reducedRuns.Select(r => checked((int)r.Stride)).ToArray());
    }
}
