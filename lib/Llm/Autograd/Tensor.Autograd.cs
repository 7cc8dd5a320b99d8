namespace Llm;

/// <summary>
/// Reverse-mode automatic differentiation, as in micrograd's <c>backward()</c>. Each operation that
/// runs while grad mode is on records its inputs and a backward function; the backward function
/// gets the gradient of the op's output and hands each input its share with
/// <see cref="AddToGrad(Tensor)"/> (micrograd's <c>x.grad += …</c>, the chain rule).
/// <see cref="Backward"/> sorts the graph so that every node comes after its inputs, then calls the
/// backward functions in reverse order: when a node's turn comes, every use of it has added its
/// part, so its gradient is complete. Where gradient memory comes from and when it goes back is
/// the business of Tensor.GradMemory.cs, not of this walk.
/// </summary>
public sealed partial class Tensor
{
    private Tensor[] inputs = [];
    private Action<Tensor>? backward;
    private bool graphFreed;
    private bool retainGrad;

    /// <summary>Disables graph recording until the returned scope is disposed (torch.no_grad); it holds across <c>await</c>.</summary>
    public static IDisposable NoGrad() => Execution.Enter(Execution.Current with { GradEnabled = false });

    /// <summary>Whether operations record the graph here (torch.is_grad_enabled): false inside <see cref="NoGrad"/>.</summary>
    public static bool IsGradEnabled => Execution.Current.GradEnabled;

    /// <summary>Keeps this non-leaf tensor's gradient from the latest Backward() (for plotting gradients inside a network).</summary>
    public Tensor RetainGrad()
    {
        retainGrad = true;
        return this;
    }

    /// <summary>A tensor with the same numbers (shared storage) and no history: gradients stop here.</summary>
    public Tensor Detach() => new(Storage, shape);

    /// <summary>Records the result of an operation in the graph when grad mode is on and any input requires grad.</summary>
    internal static Tensor Record(string op, Tensor output, Tensor[] inputs, Action<Tensor> backward)
    {
        if (!Execution.Current.GradEnabled || !inputs.Any(input => input.requiresGrad))
        {
            return output;
        }

        output.Op = op;
        output.inputs = inputs;
        output.backward = backward;
        output.requiresGrad = true;
        return output;
    }

    /// <summary>
    /// Computes the gradient of this tensor with respect to every leaf that requires grad, adding it
    /// into their <see cref="Grad"/>. Called on a scalar (the loss) unless a gradient is given.
    /// The graph is freed afterwards unless <paramref name="retainGraph"/> is set.
    /// </summary>
    public void Backward(Tensor? gradient = null, bool retainGraph = false)
    {
        CheckBackward(gradient);
        var order = TopologicalOrder();          // inputs before the nodes made from them; this tensor last
        using (NoGrad())
        using (var memory = BeginGradMemory(order, gradient))     // when gradient memory goes back: Tensor.GradMemory.cs
        {
            foreach (var node in order.Where(node => !node.IsLeaf))
            {
                node.Grad = null;                // a non-leaf's Grad is what flows through it in this pass only
            }

            AddToGrad(gradient ?? Full(1f, shape, Device));    // d this / d this = 1
            for (var i = order.Count - 1; i >= 0; i--)
            {
                var node = order[i];
                memory.Visit();
                if (node.IsLeaf || node.Grad is null)
                {
                    continue;
                }

                node.backward!(node.Grad);       // adds into the Grad of each of node's inputs
                if (!node.retainGrad && node != this)
                {
                    node.DropGrad();             // passed on: nothing reads it again
                }
            }

            BackwardWork = memory.Work;
        }

        if (!retainGraph)
        {
            foreach (var node in order.Where(node => !node.IsLeaf))
            {
                node.inputs = [];
                node.backward = null;
                node.graphFreed = true;
            }
        }
    }

    /// <summary>Steps of bookkeeping of the last Backward() called on this tensor (nodes visited, holder counts changed).</summary>
    internal long BackwardWork { get; private set; }

    /// <summary>Every tensor this one was made from (that requires grad), each after its own inputs; a depth-first search without recursion, so deep graphs cannot overflow the stack.</summary>
    private List<Tensor> TopologicalOrder()
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance) { this };
        var stack = new Stack<(Tensor Node, int Next)>();
        stack.Push((this, 0));
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

    private void CheckBackward(Tensor? gradient)
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
    }
}
