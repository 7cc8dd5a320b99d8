
namespace Llm.Kernels;

/// <summary>y = mask ? value : x on the GPU, the mask broadcast to x's shape.</summary>
internal sealed partial class CudaBackend
{
    public void MaskedFill(in MaskedFillArgs args)
    {
        var (x, shape, mask, maskShape, value, y) = args;
        var n = Shape.Numel(shape);
        if (n == 0)
        {
            return;
        }

        RequireInt32(n, "MaskedFill");
        var plan = BroadcastPlan.Create(shape, maskShape);
        Launch(KernelSource.MaskedFill, ForElements(n), x, mask, y, value, (uint)n, plan.Rank, Dims.From(plan.Shape), Dims.From(plan.Strides[0]));
    }
}
