using Llm.Generation;
using Llm.Models;

namespace Llm.Tests.Generation;

/// <summary>
/// Beam search one step at a time on rows of log-probabilities designed so that each rule decides the
/// answer (a winner from another beam, ties, a finished candidate and its length penalty), and the
/// whole search on a small random Transformer.
/// </summary>
public class TranslatorTests
{
    private const int Eos = 4;

    private static double[] Logs(params double[] probabilities) => probabilities.Select(p => Math.Log(p)).ToArray();

    private static List<(List<int> Tokens, double LogProb)> Beams(params (int[] Tokens, double LogProb)[] beams) =>
        beams.Select(b => (b.Tokens.ToList(), b.LogProb)).ToList();

    [Fact]
    public void Both_survivors_can_come_from_one_beam_when_the_other_beam_is_far_behind()
    {
        // Beam 1's best token is the likeliest single token (0.9), but its beam is far behind: the total decides.
        var (beams, finished) = Translator.BeamStep(
            Beams(([0, 1], -0.1), ([0, 2], -2.0)),
            [Logs(0.05, 0.45, 0.40, 0.05, 0.05), Logs(0.02, 0.02, 0.9, 0.03, 0.03)],
            beamWidth: 2,
            Eos);

        Assert.Equal([[0, 1, 1], [0, 1, 2]], beams.Select(b => b.Tokens));
        Assert.Equal(-0.1 + Math.Log(0.45), beams[0].LogProb, 12);
        Assert.Empty(finished);
    }

    [Fact]
    public void Equal_candidates_keep_the_earlier_beam_and_then_the_smaller_id()
    {
        var row = Logs(0.4, 0.4, 0.1, 0.05, 0.05);
        var (beams, _) = Translator.BeamStep(Beams(([0, 1], -1.0), ([0, 3], -1.0)), [row, row], beamWidth: 3, Eos);

        Assert.Equal([[0, 1, 0], [0, 1, 1], [0, 3, 0]], beams.Select(b => b.Tokens));
    }

    [Fact]
    public void A_kept_candidate_that_ends_in_eos_is_finished_and_scored_per_token_without_bos()
    {
        var (beams, finished) = Translator.BeamStep(Beams(([0, 1, 2], -0.2)), [Logs(0.05, 0.05, 0.2, 0.1, 0.6)], beamWidth: 2, Eos, alpha: 0.6f);

        var (tokens, score) = Assert.Single(finished);
        Assert.Equal([0, 1, 2, Eos], tokens);
        Assert.Equal((-0.2 + Math.Log(0.6)) / Math.Pow(3, 0.6f), score, 12);
        Assert.Equal([[0, 1, 2, 2]], beams.Select(b => b.Tokens));
    }

    [Fact]
    public void Width_one_is_the_arg_max_and_a_wider_beam_than_the_candidates_keeps_them_all()
    {
        var row = Logs(0.1, 0.2, 0.3, 0.35, 0.05);

        Assert.Equal([[0, 3]], Translator.BeamStep(Beams(([0], 0.0)), [row], beamWidth: 1, Eos).Beams.Select(b => b.Tokens));
        var all = Translator.BeamStep(Beams(([0], 0.0)), [row], beamWidth: 9, Eos);
        Assert.Equal([[0, 3], [0, 2], [0, 1], [0, 0]], all.Beams.Select(b => b.Tokens));
        Assert.Equal([0, Eos], Assert.Single(all.Finished).Tokens);
    }

    [Fact]
    public void Greedy_search_is_the_hand_written_arg_max_loop_and_wider_beams_return_a_translation()
    {
        var model = new Transformer(new TransformerConfig { SourceVocabSize = 12, TargetVocabSize = 10, MaxLength = 9, Layers = 1, Heads = 2, Embd = 16, Dropout = 0f, Seed = 5 });
        int[] source = [3, 7, 1, 9];
        const int bos = 1, eos = 2;

        var byHand = new List<int> { bos };
        using (Tensor.NoGrad())
        {
            var memory = model.Encode(source, 1, source.Length, null);
            while (byHand.Count < model.Config.MaxLength)
            {
                var logits = model.Decode([.. byHand], 1, byHand.Count, memory, null).ToArray();
                var next = Sampler.ArgMax(logits.AsSpan((byHand.Count - 1) * 10, 10));
                if (next == eos)
                {
                    break;
                }

                byHand.Add(next);
            }
        }

        Assert.Equal(byHand.Skip(1), Translator.Greedy(model, source, bos, eos));
        foreach (var width in new[] { 2, 3, 4 })
        {
            var translation = Translator.BeamSearch(model, source, bos, eos, width);
            Assert.InRange(translation.Length, 1, model.Config.MaxLength - 1);
            Assert.DoesNotContain(eos, translation);
        }

        Assert.True(model.Training);
    }
}
