namespace Llm.Nn;

/// <summary>Fixed sinusoidal position encodings (Vaswani et al. 2017, §3.5).</summary>
public static class PositionalEncoding
{
    /// <summary>
    /// PE[pos, 2i] = sin(pos / 10000^(2i/C)), PE[pos, 2i+1] = cos(pos / 10000^(2i/C)): every
    /// position gets a unique pattern of waves, and a fixed offset is a rotation of it, which makes
    /// relative positions easy to learn. Shape [positions, C].
    /// </summary>
    public static Tensor Sinusoidal(int positions, int channels)
    {
        var values = new float[positions * channels];
        for (var pos = 0; pos < positions; pos++)
        {
            for (var i = 0; i < channels; i += 2)
            {
                var angle = pos / Math.Pow(10000, (double)i / channels);
                values[(pos * channels) + i] = (float)Math.Sin(angle);
                if (i + 1 < channels)
                {
                    values[(pos * channels) + i + 1] = (float)Math.Cos(angle);
                }
            }
        }

        return Tensor.FromArray(values, positions, channels);
    }
}
