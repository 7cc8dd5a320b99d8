namespace Llm.Nn;

/// <summary>Scaled dot-product attention (Vaswani et al. 2017, eq. 1), shared by every attention layer.</summary>
public static class Attention
{
    /// <summary>
    /// softmax(q·kᵀ / √hs) · v, per batch and head.
    /// q [B, H, Tq, hs], k and v [B, H, Tk, hs] → [B, H, Tq, hs]. With causal, query i sees keys
    /// up to i + Tk − Tq. A padding mask [B, 1, 1, Tk] (1 = hide) may be given. The attention
    /// weights [B, H, Tq, Tk] come back through <paramref name="weights"/> for plotting.
    /// </summary>
    public static Tensor ScaledDotProduct(Tensor q, Tensor k, Tensor v, bool causal, Tensor? paddingMask, Dropout? dropout, out Tensor weights)
    {
        // Scaling q before the product gives the same scores as scaling them after, but the scaled
        // copy is [.., Tq, hs] instead of [.., Tq, Tk]: far smaller for long sequences.
        var scale = 1f / MathF.Sqrt(q.Size(-1));
        var scores = Tensor.MatMul(q * scale, k, transposeB: true);                      // (B, H, Tq, Tk)
        if (paddingMask is not null)
        {
            scores = scores.MaskedFill(paddingMask, float.NegativeInfinity);              // (B, H, Tq, Tk)
        }

        weights = scores.Softmax(causal);                                                  // (B, H, Tq, Tk)
        var dropped = dropout is null ? weights : dropout.Forward(weights);                // (B, H, Tq, Tk)
        return Tensor.MatMul(dropped, v);                                                  // (B, H, Tq, hs)
    }

    /// <summary>
    /// The same as <see cref="ScaledDotProduct"/> without padding mask or weights to show, in one
    /// fused kernel that never keeps the [B, H, Tq, Tk] scores (see <see cref="Tensor.Attention"/>);
    /// the dropout module, when active, drops the weights ScaledDotProduct's call of it would drop.
    /// </summary>
    public static Tensor Fused(Tensor q, Tensor k, Tensor v, bool causal, Dropout? dropout = null)
    {
        var (p, seed) = dropout?.Draw() ?? (0f, 0);
        return Tensor.Attention(q, k, v, causal, p, seed); // (B, H, Tq, hs)
    }

    /// <summary>[B, T, C] → [B, H, T, C/H]: each head gets its own slice of the channels.</summary>
    public static Tensor SplitHeads(Tensor x, int heads)
    {
        var (b, t, c) = (x.Size(0), x.Size(1), x.Size(2));
        return x.Reshape(b, t, heads, c / heads).Transpose(1, 2); // (B, H, T, hs)
    }

    /// <summary>[B, H, T, hs] → [B, T, H·hs]: the heads side by side again.</summary>
    public static Tensor MergeHeads(Tensor x)
    {
        var (b, h, t, hs) = (x.Size(0), x.Size(1), x.Size(2), x.Size(3));
        return x.Transpose(1, 2).Reshape(b, t, h * hs); // (B, T, C)
    }
}
