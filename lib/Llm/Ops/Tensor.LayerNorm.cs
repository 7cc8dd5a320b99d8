using Llm.Kernels;

namespace Llm;

/// <summary>Layer normalization over the last axis, fused into one kernel. The kernels and their plain loops: Kernels/LayerNorm/.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// y = (x − mean) / √(var + eps) · weight + bias over the last axis (Ba, Kiros, Hinton 2016).
    /// Fused because the composed version makes six temporaries; the backward uses the saved mean
    /// and 1/std: dx = rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) with dx̂ = dy·weight.
    /// </summary>
    public Tensor LayerNorm(Tensor weight, Tensor bias, float eps = 1e-5f)
    {
        const string op = "LayerNorm";
        TensorException.SameDevice(op, this, weight, bias);
        var cols = Rank == 0 ? 0 : shape[^1];
        if (Rank == 0 || weight.Rank != 1 || bias.Rank != 1 || weight.shape[0] != cols || bias.shape[0] != cols)
        {
            throw new TensorException(op, $"input {Llm.Shape.Format(shape)} needs weight and bias of shape [{cols}], got {TensorException.Shapes(weight, bias)}.");
        }

        var rows = (int)(Numel / Math.Max(1, cols));
        var output = NewTensor(shape);
        var mean = NewTensor([rows]);
        var rstd = NewTensor([rows]);
        var forward = new LayerNormArgs(Storage, weight.Storage, bias.Storage, output.Storage, mean.Storage, rstd.Storage, rows, cols, eps);
        Backend.Run(forward);
        var x = this;
        return Record(op, output, [this, weight, bias], g =>
        {
            // One kernel gives all three gradients, adding into what it is handed: dx straight into
            // x's gradient; dweight and dbias ([cols] each, small) into zeroed temporaries.
            var dweight = weight.requiresGrad ? Zeros([cols], Device) : null;
            var dbias = bias.requiresGrad ? Zeros([cols], Device) : null;
            void Kernel(Storage? dx) => Backend.Run(forward.Backward(g.Storage, dx, dweight?.Storage, dbias?.Storage));
            if (x.requiresGrad)
            {
                x.AddToGrad(Kernel);
            }
            else
            {
                Kernel(null);
            }

            if (dweight is not null)
            {
                weight.AddToGrad(dweight);
            }

            if (dbias is not null)
            {
                bias.AddToGrad(dbias);
            }
        });
    }
}
