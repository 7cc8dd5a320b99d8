namespace Llm;

/// <summary>
/// Whether operations record the graph that Backward() walks. Evaluation and generation turn it
/// off (<c>using (Tensor.NoGrad()) { … }</c>), as torch.no_grad() does, to save time and memory.
/// </summary>
public static class GradMode
{
    private static readonly AsyncLocal<int> DisabledDepth = new();

    public static bool IsEnabled => DisabledDepth.Value == 0;

    internal static IDisposable Disable()
    {
        DisabledDepth.Value++;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (!disposed)
            {
                disposed = true;
                DisabledDepth.Value--;
            }
        }
    }
}
