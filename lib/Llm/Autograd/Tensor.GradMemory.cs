using Llm.Kernels;

namespace Llm;

/// <summary>
/// How gradients get into memory and out of it again. An op's backward hands an input its
/// gradient with one call, <see cref="AddToGrad(Tensor)"/> — micrograd's <c>x.grad += dx</c> — in
/// whichever of three forms its kernel fits: a finished tensor, a kernel that writes dx straight
/// into x.grad (and may overwrite a fresh one), or a kernel that can only add (scatter, slices).
/// Behind that call, and nowhere else, sit the memory savings: a leaf keeps its gradient buffer
/// across ZeroGrad(); a non-leaf borrows the gradient tensor it is given instead of copying it
/// (an Add hands the same gradient to both inputs, a Reshape a view of it), and copies only when
/// something must be added to a borrowed one; and a gradient's memory goes back to the backend as
/// soon as the last tensor that holds it has passed it on (<see cref="GradMemory"/> counts holders).
/// </summary>
public sealed partial class Tensor
{
    // A leaf's buffer, kept by ZeroGrad() for the next Backward(), so training steps do not allocate.
    private Tensor? gradBuffer;

    // Whether Grad belongs to this tensor alone (so kernels may add into it) or is borrowed.
    private bool gradOwned;

    // The Backward() pass running through this tensor, which counts the holders of gradient memory; null otherwise.
    private GradMemory? gradPass;

    /// <summary>Forgets the gradient (PyTorch's zero_grad sets it to None too); the buffer is reused by the next Backward().</summary>
    public void ZeroGrad()
    {
        if (Grad is not null && gradOwned)
        {
            gradBuffer = Grad;
        }

        Grad = null;
    }

    /// <summary>x.grad += dx. A non-leaf without a gradient yet takes dx itself, without a copy.</summary>
    internal void AddToGrad(Tensor dx)
    {
        if (!requiresGrad)
        {
            return;
        }

        if (Grad is null && !IsLeaf)
        {
            Grad = dx;
            gradOwned = false;
            gradPass?.Hold(dx.Storage);
            return;
        }

        AddToGrad((grad, accumulate) =>
        {
            if (accumulate)
            {
                Backend.Run(new BinaryArgs(BinaryOp.Add, grad, shape, dx.Storage, dx.shape, grad, shape));
            }
            else
            {
                Backend.Run(CopyBlocksArgs.Contiguous(dx.Storage, grad, Numel));
            }
        });
    }

    /// <summary>
    /// x.grad += dx, for a kernel that computes dx straight into x.grad (saving a temporary and a
    /// pass): <paramref name="write"/> gets x.grad's storage and whether it already holds a gradient
    /// to add to (true) or is new and must be overwritten (false).
    /// </summary>
    internal void AddToGrad(Action<Storage, bool> write)
    {
        if (requiresGrad)
        {
            var accumulate = OwnGrad();
            write(Grad!.Storage, accumulate);
        }
    }

    /// <summary>x.grad += dx, for a kernel that can only add (a scatter, or a write into a slice): a new x.grad is zeroed first.</summary>
    internal void AddToGrad(Action<Storage> add)
    {
        if (requiresGrad)
        {
            if (!OwnGrad())
            {
                Backend.Run(new FillArgs(Grad!.Storage, 0, Numel, 0f));
            }

            add(Grad!.Storage);
        }
    }

    /// <summary>Makes Grad a buffer this tensor alone writes to; true when it already holds a gradient.</summary>
    private bool OwnGrad()
    {
        if (Grad is null)
        {
            Grad = gradBuffer ?? new Tensor(NewStorage(Numel, persistent: IsLeaf), shape);
            gradBuffer = null;
            gradOwned = true;
            gradPass?.Hold(Grad.Storage);
            return false;
        }

        if (!gradOwned)
        {
            var borrowed = Grad;
            Grad = new Tensor(NewStorage(Numel), shape);
            Backend.Run(CopyBlocksArgs.Contiguous(borrowed.Storage, Grad.Storage, Numel));
            gradOwned = true;
            gradPass?.Hold(Grad.Storage);
            gradPass?.Drop(borrowed.Storage);
        }

        return true;
    }

    /// <summary>Starts the bookkeeping of one Backward() over <paramref name="nodes"/>; the caller's own gradient is held for the whole pass, so it is never given back.</summary>
    private static GradMemory BeginGradMemory(List<Tensor> nodes, Tensor? callerGradient)
    {
        var memory = new GradMemory(() => nodes.ForEach(node => node.gradPass = null));
        nodes.ForEach(node => node.gradPass = memory);
        if (callerGradient is not null)
        {
            memory.Hold(callerGradient.Storage);
        }

        return memory;
    }

    /// <summary>Called by Backward() once this tensor has passed its gradient on: the memory goes back when no other tensor holds it.</summary>
    private void DropGrad()
    {
        var spent = Grad!;
        Grad = null;
        gradPass?.Drop(spent.Storage);
    }
}

/// <summary>
/// The holders of each gradient storage during one Backward(): how many tensors have it as their
/// Grad. When the count falls to zero the storage goes back to its backend (<see cref="IBackend.Release"/>),
/// so a step needs memory for the gradients in flight, not for all of them (PyTorch frees them as it
/// goes, too). A count per storage keeps this linear in the size of the graph. Backward() makes one
/// per pass and hands it to the tensors of the graph while the pass runs (no state outside the pass).
/// </summary>
internal sealed class GradMemory(Action onEnd) : IDisposable
{
    private readonly Dictionary<Storage, int> holders = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Steps of bookkeeping so far: nodes visited plus holder counts changed. Tests use it to show
    /// that Backward is linear in the number of nodes.
    /// </summary>
    public long Work { get; private set; }

    public void Hold(Storage storage)
    {
        Work++;
        holders[storage] = holders.GetValueOrDefault(storage) + 1;
    }

    public void Drop(Storage storage)
    {
        Work++;
        var left = holders[storage] - 1;
        if (left > 0)
        {
            holders[storage] = left;
            return;
        }

        holders.Remove(storage);
        storage.Device.Backend.Release(storage);
    }

    /// <summary>Counts one node of the walk.</summary>
    public void Visit() => Work++;

    public void Dispose() => onEnd();
}
