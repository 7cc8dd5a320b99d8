namespace Llm.Nn;

/// <summary>
/// The position-wise feed-forward block of a Transformer: widen to 4·C, GELU, project back to C
/// (GPT-2 calls the layers c_fc and c_proj, and the block "mlp").
/// </summary>
public sealed class FeedForward : Module
{
    private readonly Dropout dropout;

    public FeedForward(int embd, float dropout, Generator generator, ulong seed, int hiddenMultiple = 4)
    {
        CFc = RegisterModule("c_fc", new Linear(embd, hiddenMultiple * embd, generator));
        CProj = RegisterModule("c_proj", new Linear(hiddenMultiple * embd, embd, generator));
        this.dropout = RegisterModule("dropout", new Dropout(dropout, seed));
    }

    public Linear CFc { get; }

    public Linear CProj { get; }

    /// <summary>
    /// x [B, T, C] → [B, T, C]: c_proj(GELU(c_fc(x))), as one fused operation that keeps only c_fc's
    /// output for the backward and recomputes the GELU there, so the block needs half the memory per
    /// token (Tensor.FeedForward; FusedKernelTests holds it to CProj.Forward(CFc.Forward(x).Gelu())).
    /// </summary>
    public Tensor Forward(Tensor x)
    {
        var y = Tensor.FeedForward(x, CFc.Weight, CFc.Bias, CProj.Weight, CProj.Bias);   // (B, T, C)
        return dropout.Forward(y);
    }
}
