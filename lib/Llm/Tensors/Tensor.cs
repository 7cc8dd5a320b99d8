using System.Globalization;
using System.Text;
using Llm.Kernels;

namespace Llm;

/// <summary>
/// An n-dimensional array of float32 numbers on a device, with the bookkeeping that lets
/// gradients flow back through the operations that made it (see Tensor.Autograd.cs).
/// Storage is contiguous and row-major; <see cref="Reshape"/> returns a view of the same numbers.
/// </summary>
public sealed partial class Tensor
{
    private readonly int[] shape;

    internal Tensor(Storage storage, int[] shape)
    {
        var numel = Llm.Shape.Numel(shape);
        if (numel > storage.Length)
        {
            throw new ArgumentException($"A tensor of shape {Llm.Shape.Format(shape)} needs {numel} elements but its storage holds {storage.Length}.");
        }

        this.shape = shape;
        Storage = storage;
    }

    // ---- What autograd keeps on a tensor (PyTorch's .grad, .requires_grad, .grad_fn); Autograd/ fills them in. ----
    private bool requiresGrad;

    /// <summary>The gradient of the last Backward() with respect to this tensor (leaves, or tensors that called RetainGrad()).</summary>
    public Tensor? Grad { get; private set; }

    /// <summary>The operation that produced this tensor ("MatMul", "Add", …); null for a leaf made by the user.</summary>
    public string? Op { get; private set; }

    /// <summary>True for tensors made directly (parameters, inputs), false for results of operations that track gradients.</summary>
    public bool IsLeaf => Op is null;

    /// <summary>Whether gradients flow to this tensor. Set it on leaves (parameters); results inherit it from their inputs.</summary>
    public bool RequiresGrad
    {
        get => requiresGrad;
        set
        {
            if (!IsLeaf && !value)
            {
                throw new TensorException("RequiresGrad", $"only a leaf can stop requiring grad; this tensor was made by {Op}. Use Detach() to cut it from the graph.");
            }

            requiresGrad = value;
        }
    }

    /// <summary>The size of each dimension, e.g. [B, T, C].</summary>
    public IReadOnlyList<int> Shape => shape;

    internal int[] ShapeArray => shape;

    /// <summary>Number of dimensions (0 for a scalar).</summary>
    public int Rank => shape.Length;

    /// <summary>Total number of elements.</summary>
    public long Numel => Llm.Shape.Numel(shape);

    public Storage Storage { get; private set; }

    public Device Device => Storage.Device;

    internal IBackend Backend => Storage.Device.Backend;

    /// <summary>Size of dimension <paramref name="dim"/>; negative counts from the end, as in PyTorch.</summary>
    public int Size(int dim) => shape[NormalizeAxis(dim, "Size")];

    /// <summary>Copies the values to a new managed array (row-major).</summary>
    public float[] ToArray()
    {
        var result = new float[Numel];
        Backend.CopyToArray(Storage, 0, result);
        return result;
    }

    /// <summary>The value of a one-element tensor.</summary>
    public float Item()
    {
        if (Numel != 1)
        {
            throw new InvalidOperationException($"Item() needs a tensor with one element, but this one has shape {Llm.Shape.Format(shape)}; use ToArray() for many values.");
        }

        Span<float> one = stackalloc float[1];
        Backend.CopyToArray(Storage, 0, one);
        return one[0];
    }

    /// <summary>Reads one element, e.g. <c>t[1, 2]</c>.</summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public float this[params int[] index]
    {
        get
        {
            if (index.Length != shape.Length)
            {
                throw new ArgumentException($"Indexing a tensor of shape {Llm.Shape.Format(shape)} needs {shape.Length} indices, got {index.Length}.");
            }

            long flat = 0;
            for (var i = 0; i < index.Length; i++)
            {
                var at = index[i] < 0 ? index[i] + shape[i] : index[i];
                if (at < 0 || at >= shape[i])
                {
                    throw new IndexOutOfRangeException($"Index {index[i]} is out of range for dimension {i} of size {shape[i]} (shape {Llm.Shape.Format(shape)}).");
                }

                flat = (flat * shape[i]) + at;
            }

            Span<float> one = stackalloc float[1];
            Backend.CopyToArray(Storage, flat, one);
            return one[0];
        }
    }

    /// <summary>Moves (copies) the tensor to another device; the copy is a leaf with no history.</summary>
    public Tensor To(Device device)
    {
        if (device == Device)
        {
            return this;
        }

        return new Tensor(device.Backend.FromArray(ToArray()), (int[])shape.Clone()) { RequiresGrad = RequiresGrad };
    }

    public Tensor ToCpu() => To(Device.Cpu);

    internal int NormalizeAxis(int axis, string op)
    {
        var rank = shape.Length;
        var a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
        {
            throw new TensorException(op, $"axis {axis} is out of range for a tensor of shape {Llm.Shape.Format(shape)} (rank {rank}); use 0..{rank - 1} or -1..-{rank}.");
        }

        return a;
    }

    /// <summary>Shape, device and the values (truncated when large), like PyTorch's repr.</summary>
    public override string ToString()
    {
        var values = ToArray();
        var text = new StringBuilder();
        text.Append("tensor(");
        Format(text, values, 0, 0, shape.Length == 0 ? 1 : 0);
        text.Append(", shape=").Append(Llm.Shape.Format(shape));
        if (Device.Kind != DeviceKind.Cpu)
        {
            text.Append(", device=").Append(Device);
        }

        if (RequiresGrad)
        {
            text.Append(", requires_grad");
        }

        return text.Append(')').ToString();
    }

    private void Format(StringBuilder text, float[] values, int dim, long offset, int scalar)
    {
        if (scalar == 1)
        {
            text.Append(FormatValue(values[0]));
            return;
        }

        const int edge = 3;
        var n = shape[dim];
        long inner = 1;
        for (var d = dim + 1; d < shape.Length; d++)
        {
            inner *= shape[d];
        }

        text.Append('[');
        for (var i = 0; i < n; i++)
        {
            if (n > 2 * edge && i == edge)
            {
                text.Append("..., ");
                i = n - edge - 1;
                continue;
            }

            if (dim == shape.Length - 1)
            {
                text.Append(FormatValue(values[offset + i]));
            }
            else
            {
                Format(text, values, dim + 1, offset + (i * inner), 0);
            }

            if (i < n - 1)
            {
                text.Append(dim == shape.Length - 1 ? ", " : ",\n" + new string(' ', 8 + dim));
            }
        }

        text.Append(']');
    }

    private static string FormatValue(float v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
