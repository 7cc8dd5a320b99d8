
namespace Llm.Kernels;

/// <summary>Element-wise kernels: binary ops with broadcasting, unary ops and their derivatives, sums that undo broadcasting, masked fill.</summary>
internal sealed partial class CudaBackend
{
    public void Binary(in BinaryArgs args)
    {
        var (op, a, aShape, b, bShape, c, outShape) = args;
        var n = Shape.Numel(outShape);
        if (n == 0)
        {
            return;
        }

        if (Shape.SameShape(aShape, outShape) && Shape.SameShape(bShape, outShape))
        {
            Launch(KernelSource.BinarySame, ForElements(n), (int)op, a, b, c, n);
            return;
        }

        RequireInt32(n, "Binary");
        var plan = BroadcastPlan.Create(outShape, aShape, bShape);
        var (shape, aStrides, bStrides) = (Dims.From(plan.Shape), Dims.From(plan.Strides[0]), Dims.From(plan.Strides[1]));
        Launch(KernelSource.BinaryBroadcast, ForElements(n), (int)op, a, b, c, (uint)n, plan.Rank, shape, aStrides, bStrides);
    }

    public void SumTo(in SumToArgs args)
    {
        var (src, srcShape, dst, dstShape, accumulate) = args;
        var plan = ReducePlan.Create(srcShape, dstShape);
        if (Shape.Numel(srcShape) == 0)
        {
            if (!accumulate)
            {
                Fill(new FillArgs(dst, 0, Shape.Numel(dstShape), 0f));
            }

            return;
        }

        switch (plan.Kind)
        {
            case ReduceKind.Copy:
                CopyBlocks(new CopyBlocksArgs(src, 0, 0, dst, 0, 0, 1, plan.Outputs, accumulate));
                break;
            case ReduceKind.All:
                SumAll(src, plan.PerOutput, dst, accumulate);
                break;
            case ReduceKind.Rows:
                SumRows(src, plan.Outputs, plan.PerOutput, dst, accumulate);
                break;
            case ReduceKind.Columns:
                SumColumns(src, plan.PerOutput, plan.Outputs, dst, accumulate);
                break;
            default:
                SumGeneral(src, plan, dst, accumulate);
                break;
        }
    }
}
