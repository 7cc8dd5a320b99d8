using Llm.Models;

namespace Llm.Generation;

/// <summary>Translation with the encoder–decoder Transformer: greedy decoding and beam search.</summary>
public static class Translator
{
    /// <summary>Always the most likely next token, until EOS or maxLength. The encoder runs once.</summary>
    public static int[] Greedy(Transformer model, int[] source, int bos, int eos, int maxLength = 0) =>
        BeamSearch(model, source, bos, eos, beamWidth: 1, maxLength);

    /// <summary>
    /// Keeps the <paramref name="beamWidth"/> best partial translations by total log-probability
    /// and extends each by its best tokens every step; finished ones compete by log-probability
    /// divided by length^α (a length penalty, Wu et al. 2016) so short outputs are not favoured
    /// unfairly. Returns the best token ids, without BOS and EOS.
    /// </summary>
    public static int[] BeamSearch(Transformer model, int[] source, int bos, int eos, int beamWidth = 4, int maxLength = 0, float alpha = 0.6f)
    {
        maxLength = maxLength <= 0 ? model.Config.MaxLength - 1 : Math.Min(maxLength, model.Config.MaxLength - 1);
        var wasTraining = model.Training;
        model.Eval();
        try
        {
            using (Tensor.NoGrad())
            {
                var memory = model.Encode(source, 1, source.Length, null); // (1, S, C), once
                var beams = new List<(List<int> Tokens, double LogProb)> { ([bos], 0.0) };
                var finished = new List<(List<int> Tokens, double Score)>();
                for (var step = 0; step < maxLength && beams.Count > 0; step++)
                {
                    var candidates = new List<(List<int> Tokens, double LogProb)>();
                    foreach (var (tokens, logProb) in beams)
                    {
                        var logits = model.Decode(tokens.ToArray(), 1, tokens.Count, memory, null); // (1, t, V)
                        var vocab = model.Config.TargetVocabSize;
                        var last = logits.ReadRange((long)(tokens.Count - 1) * vocab, vocab); // only the last position's row
                        var logProbs = LogSoftmax(last);
                        foreach (var id in TopIndices(logProbs, beamWidth))
                        {
                            candidates.Add(([.. tokens, id], logProb + logProbs[id]));
                        }
                    }

                    beams = [];
                    foreach (var candidate in candidates.OrderByDescending(c => c.LogProb).Take(beamWidth))
                    {
                        if (candidate.Tokens[^1] == eos)
                        {
                            finished.Add((candidate.Tokens, candidate.LogProb / Math.Pow(candidate.Tokens.Count - 1, alpha)));
                        }
                        else
                        {
                            beams.Add(candidate);
                        }
                    }

                    if (finished.Count >= beamWidth)
                    {
                        break;
                    }
                }

                finished.AddRange(beams.Select(b => (b.Tokens, b.LogProb / Math.Pow(b.Tokens.Count - 1, alpha))));
                var best = finished.OrderByDescending(f => f.Score).First().Tokens;
                return best.Skip(1).Where(id => id != eos).ToArray();
            }
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    private static double[] LogSoftmax(ReadOnlySpan<float> logits)
    {
        var max = double.NegativeInfinity;
        foreach (var l in logits)
        {
            max = Math.Max(max, l);
        }

        double sum = 0;
        foreach (var l in logits)
        {
            sum += Math.Exp(l - max);
        }

        var logSum = max + Math.Log(sum);
        var result = new double[logits.Length];
        for (var i = 0; i < logits.Length; i++)
        {
            result[i] = logits[i] - logSum;
        }

        return result;
    }

    private static IEnumerable<int> TopIndices(double[] values, int k) =>
        Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).ThenBy(i => i).Take(k);
}
