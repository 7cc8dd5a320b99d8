namespace Llm.Nn;

/// <summary>
/// Multi-head attention with separate query, key and value projections (Vaswani et al. 2017, §3.2.2),
/// usable three ways: causal self-attention (decoder), bidirectional self-attention (encoder), and
/// cross-attention (queries from the decoder, keys and values from the encoder's output).
/// </summary>
public sealed class MultiHeadAttention : Module
{
    private readonly int heads;
    private readonly Dropout dropout;

    public MultiHeadAttention(int embd, int heads, float dropout, Generator generator, ulong seed)
    {
        if (embd % heads != 0)
        {
            throw new ArgumentException($"The embedding size {embd} must be divisible by the number of heads {heads}.");
        }

        this.heads = heads;
        QProj = RegisterModule("q_proj", new Linear(embd, embd, generator));
        KProj = RegisterModule("k_proj", new Linear(embd, embd, generator));
        VProj = RegisterModule("v_proj", new Linear(embd, embd, generator));
        OutProj = RegisterModule("out_proj", new Linear(embd, embd, generator));
        this.dropout = RegisterModule("dropout", new Dropout(dropout, seed));
    }

    public Linear QProj { get; }

    public Linear KProj { get; }

    public Linear VProj { get; }

    public Linear OutProj { get; }

    /// <summary>When true, <see cref="LastWeights"/> keeps the attention weights of the last call (for plotting).</summary>
    public bool KeepWeights { get; set; }

    /// <summary>The attention weights [B, H, Tq, Tk] of the last Forward, when <see cref="KeepWeights"/> is on.</summary>
    public Tensor? LastWeights { get; private set; }

    /// <summary>
    /// query [B, Tq, C] attends over keyValue [B, Tk, C] → [B, Tq, C]. For self-attention pass the
    /// same tensor twice. keyPadding [B, Tk] holds 1 where a key is padding (never attended to).
    /// </summary>
    public Tensor Forward(Tensor query, Tensor keyValue, bool causal = false, Tensor? keyPadding = null)
    {
        var q = Attention.SplitHeads(QProj.Forward(query), heads);    // (B, H, Tq, hs)
        var k = Attention.SplitHeads(KProj.Forward(keyValue), heads); // (B, H, Tk, hs)
        var v = Attention.SplitHeads(VProj.Forward(keyValue), heads); // (B, H, Tk, hs)
        var mask = keyPadding?.Reshape(keyPadding.Size(0), 1, 1, keyPadding.Size(1)); // (B, 1, 1, Tk)
        var y = Attention.ScaledDotProduct(q, k, v, causal, mask, dropout, out var weights); // (B, H, Tq, hs)
        LastWeights = KeepWeights ? weights.Detach() : null;
        return OutProj.Forward(Attention.MergeHeads(y));              // (B, Tq, C)
    }
}
