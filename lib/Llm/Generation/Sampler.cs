namespace Llm.Generation;

/// <summary>Turns one row of logits into a token id: greedy, temperature, top-k, top-p.</summary>
public static class Sampler
{
    /// <summary>softmax(logits / temperature), computed stably (the max is subtracted first).</summary>
    public static float[] Probabilities(ReadOnlySpan<float> logits, float temperature = 1f)
    {
        var probs = new float[logits.Length];
        var max = float.NegativeInfinity;
        foreach (var l in logits)
        {
            max = Math.Max(max, l);
        }

        double sum = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            probs[i] = MathF.Exp((logits[i] - max) / temperature);
            sum += probs[i];
        }

        for (var i = 0; i < probs.Length; i++)
        {
            probs[i] = (float)(probs[i] / sum);
        }

        return probs;
    }

    /// <summary>Picks the next token id.</summary>
    public static int Sample(ReadOnlySpan<float> logits, SamplingOptions options, Generator generator)
    {
        if (options.Temperature <= 0f)
        {
            return ArgMax(logits);
        }

        var probs = Probabilities(logits, options.Temperature);
        var order = Enumerable.Range(0, probs.Length).OrderByDescending(i => probs[i]).ThenBy(i => i).ToArray();
        var keep = order.Length;
        if (options.TopK > 0)
        {
            keep = Math.Min(keep, options.TopK);
        }

        if (options.TopP < 1f)
        {
            // The nucleus: the fewest most-likely tokens whose mass reaches p.
            var mass = 0f;
            for (var i = 0; i < keep; i++)
            {
                mass += probs[order[i]];
                if (mass >= options.TopP)
                {
                    keep = i + 1;
                    break;
                }
            }
        }

        var total = 0f;
        for (var i = 0; i < keep; i++)
        {
            total += probs[order[i]];
        }

        var draw = generator.NextFloat() * total;
        for (var i = 0; i < keep; i++)
        {
            draw -= probs[order[i]];
            if (draw < 0f)
            {
                return order[i];
            }
        }

        return order[keep - 1];
    }

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
