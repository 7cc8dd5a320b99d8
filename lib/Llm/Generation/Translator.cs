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
    /// and extends each by its best tokens every step (<see cref="BeamStep"/>); finished ones compete by
    /// log-probability divided by length^α (a length penalty, Wu et al. 2016) so short outputs are not
    /// favoured unfairly. Returns the best token ids, without BOS and EOS.
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
                for (var step = 0; step < maxLength && beams.Count > 0 && finished.Count < beamWidth; step++)
                {
                    var vocab = model.Config.TargetVocabSize;
                    var next = beams.Select(beam =>
                    {
                        var logits = model.Decode(beam.Tokens.ToArray(), 1, beam.Tokens.Count, memory, null); // (1, t, V)
                        return LogSoftmax(logits.ReadRange((long)(beam.Tokens.Count - 1) * vocab, vocab)); // only the last position's row
                    }).ToList();
                    var (continuing, done) = BeamStep(beams, next, beamWidth, eos, alpha);
                    beams = continuing;
                    finished.AddRange(done);
                }

                finished.AddRange(beams.Select(b => (b.Tokens, Score(b.Tokens, b.LogProb, alpha))));
                var best = finished.OrderByDescending(f => f.Score).First().Tokens;
                return best.Skip(1).Where(id => id != eos).ToArray();
            }
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    /// <summary>
    /// One step of beam search. Every beam is extended by every token, with the beam's log-probability
    /// plus the token's (<paramref name="nextLogProbs"/>[b] is beam b's row of log-probabilities); the
    /// <paramref name="beamWidth"/> best candidates are kept, best first, an equal one from an earlier beam
    /// or with a smaller token id first. Kept candidates that end in <paramref name="eos"/> are finished:
    /// they leave the beam with the score log-probability / length^α (the length without BOS).
    /// </summary>
    public static (List<(List<int> Tokens, double LogProb)> Beams, List<(List<int> Tokens, double Score)> Finished) BeamStep(
        IReadOnlyList<(List<int> Tokens, double LogProb)> beams, IReadOnlyList<double[]> nextLogProbs, int beamWidth, int eos, float alpha = 0.6f)
    {
        var candidates = new List<(List<int> Tokens, double LogProb)>();
        for (var b = 0; b < beams.Count; b++)
        {
            // No more than beamWidth extensions of one beam can be among the best beamWidth overall: those are its best.
            foreach (var id in TopIndices(nextLogProbs[b], beamWidth))
            {
                candidates.Add(([.. beams[b].Tokens, id], beams[b].LogProb + nextLogProbs[b][id]));
            }
        }

        var kept = candidates.OrderByDescending(c => c.LogProb).Take(beamWidth).ToList(); // a stable sort: ties keep their order
        return (
            kept.Where(c => c.Tokens[^1] != eos).ToList(),
            kept.Where(c => c.Tokens[^1] == eos).Select(c => (c.Tokens, Score(c.Tokens, c.LogProb, alpha))).ToList());
    }

    // Log-probability per token of the output, BOS not counted: length^α with α < 1 lets longer outputs pay less per token.
    private static double Score(List<int> tokens, double logProb, float alpha) => logProb / Math.Pow(tokens.Count - 1, alpha);

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
