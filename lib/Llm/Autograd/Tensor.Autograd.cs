using Llm.Backends;

namespace Llm;

/// <summary>
/// Reverse-mode automatic differentiation. Each operation that runs while grad mode is on records
/// its inputs and a backward function that turns the gradient of its output into gradients of its
/// inputs (the chain rule). <see cref="Backward"/> visits that graph from the output back to the
/// leaves in reverse topological order, as micrograd does.
/// </summary>
public sealed partial class Tensor
{
    private Tensor[] inputs = [];
    private Action<Tensor>? backward;
    private bool graphFreed;
    private bool retainGrad;
    private bool requiresGrad;

    // Gradient bookkeeping: a leaf keeps its gradient buffer across ZeroGrad() so that training
    // steps do not allocate; gradOwned says the buffer belongs to this tensor alone, so kernels may
    // add into it (a non-leaf may borrow the gradient tensor of its consumer instead).
    private Tensor? gradBuffer;
    private bool gradOwned;

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

    /// <summary>Disables graph recording until the returned scope is disposed (torch.no_grad).</summary>
    public static IDisposable NoGrad() => GradMode.Disable();

    /// <summary>Keeps this non-leaf tensor's gradient from the latest Backward() (for plotting gradients inside a network).</summary>
    public Tensor RetainGrad()
    {
        retainGrad = true;
        return this;
    }

    /// <summary>Forgets the gradient (PyTorch's zero_grad sets it to None too); the buffer is reused by the next Backward().</summary>
    public void ZeroGrad()
    {
        if (Grad is not null && gradOwned)
        {
            gradBuffer = Grad;
        }

        Grad = null;
    }

    /// <summary>A tensor with the same numbers (shared storage) and no history: gradients stop here.</summary>
    public Tensor Detach() => new(Storage, shape);

    /// <summary>
    /// Computes the gradient of this tensor with respect to every leaf that requires grad, adding it
    /// into their <see cref="Grad"/>. Called on a scalar (the loss) unless a gradient is given.
    /// The graph is freed afterwards unless <paramref name="retainGraph"/> is set.
    /// </summary>
    public void Backward(Tensor? gradient = null, bool retainGraph = false)
    {
        if (!RequiresGrad)
        {
            throw new TensorException("Backward", $"this tensor (shape {Llm.Shape.Format(shape)}) does not require grad: no input had RequiresGrad = true, or it was computed under NoGrad().");
        }

        if (gradient is null && Numel != 1)
        {
            throw new TensorException("Backward", $"called on a tensor of shape {Llm.Shape.Format(shape)} without a gradient; call it on a scalar such as the loss, or pass a gradient of the same shape.");
        }

        if (gradient is not null && !Llm.Shape.SameShape(gradient.shape, shape))
        {
            throw new TensorException("Backward", $"the gradient has shape {Llm.Shape.Format(gradient.shape)} but the tensor has shape {Llm.Shape.Format(shape)}.");
        }

        var order = TopologicalOrder();

        // A non-leaf's Grad is what flows through it in this pass. One kept from an earlier pass
        // (this tensor's own, or by RetainGrad) must not be sent back through the graph again.
        foreach (var node in order)
        {
            if (!node.IsLeaf)
            {
                node.Grad = null;
            }
        }

        using (NoGrad())
        {
            AccumulateGrad(gradient ?? Full(1f, shape, Device));
            for (var i = order.Count - 1; i >= 0; i--)
            {
                var node = order[i];
                if (node.IsLeaf || node.Grad is null)
                {
                    continue;
                }

                node.backward!(node.Grad);
                if (!node.retainGrad && node != this)
                {
                    var spent = node.Grad;
                    node.Grad = null;
                    ReleaseIfUnused(spent, order, gradient);
                }
            }
        }

        if (!retainGraph)
        {
            foreach (var node in order)
            {
                if (!node.IsLeaf)
                {
                    node.inputs = [];
                    node.backward = null;
                    node.graphFreed = true;
                }
            }
        }
    }

    /// <summary>
    /// Gives a finished gradient's memory back to the backend when no tensor of the graph holds it
    /// any more. Gradients are lent down the graph without copies (an Add hands its gradient to both
    /// inputs, a Reshape a view of it), so a storage is free only once every node that borrowed it
    /// is done. Without this, a step would keep every intermediate gradient until it ends (PyTorch
    /// frees them as it goes, too). The caller's own gradient is never released.
    /// </summary>
    private static void ReleaseIfUnused(Tensor spent, List<Tensor> order, Tensor? callerGradient)
    {
        var storage = spent.Storage;
        if (ReferenceEquals(storage, callerGradient?.Storage))
        {
            return;
        }

        foreach (var node in order)
        {
            if (ReferenceEquals(node.Grad?.Storage, storage))
            {
                return;
            }
        }

        spent.Backend.Release(storage);
    }

    /// <summary>Records the result of an operation in the graph when grad mode is on and any input requires grad.</summary>
    internal static Tensor Record(string op, Tensor output, Tensor[] inputs, Action<Tensor> backward)
    {
        if (!GradMode.IsEnabled)
        {
            return output;
        }

        var any = false;
        foreach (var input in inputs)
        {
            any |= input.requiresGrad;
        }

        if (!any)
        {
            return output;
        }

        output.Op = op;
        output.inputs = inputs;
        output.backward = backward;
        output.requiresGrad = true;
        return output;
    }

    /// <summary>Adds <paramref name="g"/> into this tensor's gradient (when it requires grad).</summary>
    internal void AccumulateGrad(Tensor g)
    {
        if (!requiresGrad)
        {
            return;
        }

        if (Grad is null && !IsLeaf)
        {
            Grad = g;
            gradOwned = false;
            return;
        }

        var (sink, accumulate) = GradSink();
        if (accumulate)
        {
            Backend.Binary(BinaryOp.Add, sink, shape, g.Storage, g.shape, sink, shape);
        }
        else
        {
            Backend.CopyBlocks(g.Storage, 0, 0, sink, 0, 0, 1, Numel);
        }
    }

    /// <summary>
    /// Where a backward kernel may write this tensor's gradient directly: the storage, and whether
    /// to add to what is there (true) or overwrite it (false). Saves a temporary and a pass.
    /// </summary>
    internal (Storage Sink, bool Accumulate) GradSink()
    {
        if (Grad is null)
        {
            if (gradBuffer is not null)
            {
                Grad = gradBuffer;
                gradBuffer = null;
            }
            else
            {
                Grad = new Tensor(Backend.Allocate(Numel, persistent: IsLeaf), shape);
            }

            gradOwned = true;
            return (Grad.Storage, false);
        }

        if (!gradOwned)
        {
            var copy = new Tensor(Backend.Allocate(Numel), shape);
            Backend.CopyBlocks(Grad.Storage, 0, 0, copy.Storage, 0, 0, 1, Numel);
            Grad = copy;
            gradOwned = true;
        }

        return (Grad.Storage, true);
    }

    private List<Tensor> TopologicalOrder()
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Node, int Next)>();
        stack.Push((this, 0));
        visited.Add(this);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (node.graphFreed)
            {
                throw new TensorException("Backward", $"the graph behind a tensor of shape {Llm.Shape.Format(node.shape)} was freed by an earlier Backward(). Run the forward pass again, or pass retainGraph: true to the first Backward().");
            }

            if (next < node.inputs.Length)
            {
                stack.Push((node, next + 1));
                var input = node.inputs[next];
                if (input.requiresGrad && visited.Add(input))
                {
                    stack.Push((input, 0));
                }
            }
            else
            {
                order.Add(node);
            }
        }

        return order;
    }
}
