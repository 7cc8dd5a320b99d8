namespace Llm.Nn;

/// <summary>
/// The keys and values each attention layer has already computed for earlier tokens. During
/// generation only the newest token is fed through the model; its query attends to the cached
/// keys and values, so each new token costs one position instead of the whole context.
/// </summary>
public sealed class KvCache
{
    private readonly Tensor?[] keys;
    private readonly Tensor?[] values;

    public KvCache(int layers)
    {
        keys = new Tensor?[layers];
        values = new Tensor?[layers];
    }

    /// <summary>How many positions are cached (the position of the next token).</summary>
    public int Length { get; private set; }

    /// <summary>Appends this step's keys and values [B, H, Tnew, hs] for a layer and returns all of them [B, H, Tc+Tnew, hs].</summary>
    public (Tensor Keys, Tensor Values) Append(int layer, Tensor k, Tensor v)
    {
        var allK = keys[layer] is null ? k : Tensor.Concat([keys[layer]!, k], axis: 2); // (B, H, Tc+Tnew, hs)
        var allV = values[layer] is null ? v : Tensor.Concat([values[layer]!, v], axis: 2); // (B, H, Tc+Tnew, hs)
        keys[layer] = allK;
        values[layer] = allV;
        if (layer == keys.Length - 1)
        {
            Length = allK.Size(2);
        }

        return (allK, allV);
    }

    /// <summary>Forgets everything (a new prompt, or the context window is full).</summary>
    public void Clear()
    {
        Array.Clear(keys);
        Array.Clear(values);
        Length = 0;
    }
}
