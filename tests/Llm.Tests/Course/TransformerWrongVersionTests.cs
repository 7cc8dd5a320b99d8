using Llm.Tests.Notebooks;
using static Llm.Tests.Course.WrongVersions;

namespace Llm.Tests.Course;

/// <summary>
/// Notebook 15's Build-it-yourself checks against the plausible mistakes in a Transformer written by hand and in
/// one step of beam search. Each wrong version is the notebook's solution (its Solution… functions under the
/// learner's My… names) with one thing changed; after an exercise's wrong versions its solution runs too, since
/// the later exercises build on it.
/// </summary>
[Collection(NotebookCollection.Name)]
public class TransformerWrongVersionTests
{
    private const string Notebook = "15-transformer-architecture.ipynb";

    // The learner's stub cells, and the solution cells that answer them.
    private static readonly (string Stub, string Solution)[] Pieces =
    [
        ("Tensor MyAttention(", "Tensor SolutionAttention("),
        ("Tensor MyEncoderLayer(", "Tensor SolutionEncoderLayer("),
        ("Tensor MyEncode(", "Tensor SolutionEncode("),
        ("int[] MyGreedy(", "int[] SolutionGreedy("),
        ("MyBeamStep(List<", "SolutionBeamStep(List<"),
    ];

    private static readonly string[] Names = ["Attention", "EncoderLayer", "DecoderLayer", "Embed", "Encode", "Decode", "Greedy", "BeamStep"];

    private static string Answer(string stub)
    {
        var code = Solution(Notebook, Pieces.Single(p => p.Stub == stub).Solution);
        return Names.Aggregate(code, (text, name) => text.Replace($"Solution{name}", $"My{name}", StringComparison.Ordinal));
    }

    private static WrongVersion Right(string exercise, string stub) => new(exercise, stub, Answer(stub));

    private static WrongVersion Wrong(string exercise, string stub, params (string Old, string New)[] changes) => new(exercise, stub, Changed(Answer(stub), changes));

    private const string Attention = "Tensor MyAttention(";
    private const string Layers = "Tensor MyEncoderLayer(";
    private const string Whole = "Tensor MyEncode(";
    private const string Greedy = "int[] MyGreedy(";
    private const string Step = "MyBeamStep(List<";

    [Fact]
    public async Task The_attention_layer_and_transformer_checks_catch_their_wrong_versions()
    {
        var messages = await RunAsync(
            Notebook,
            // A: no padding mask; √C instead of √hs; the causal flag ignored; the mask shaped (B, 1, Tk, 1);
            // keys and values taken from the queries' side; the mask's ones and zeros swapped.
            Wrong("attention", Attention, ("if (padding is not null)", "if (padding is null)")),
            Wrong("attention", Attention, ("(1f / MathF.Sqrt(q.Size(-1)))", "(1f / MathF.Sqrt(query.Size(-1)))")),
            Wrong("attention", Attention, ("var weights = scores.Softmax(causal);", "var weights = scores.Softmax();")),
            Wrong("attention", Attention, ("padding.Reshape(padding.Size(0), 1, 1, padding.Size(1))", "padding.Reshape(padding.Size(0), 1, padding.Size(1), 1)")),
            Wrong("attention", Attention, ("layer.KProj.Forward(keyValue)", "layer.KProj.Forward(query)"), ("layer.VProj.Forward(keyValue)", "layer.VProj.Forward(query)")),
            Wrong("attention", Attention, ("scores.MaskedFill(padding.Reshape", "scores.MaskedFill((1f - padding).Reshape")),
            Right("attention", Attention),
            // B: post-LN (the paper's order) in the encoder; the decoder's self-attention not causal; the memory
            // normalised again; the German padding forgotten in the cross-attention; keys from the un-normalised stream.
            new WrongVersion("encoder layer", Layers, """
                // Post-LN, the paper's order: the LayerNorm after each addition.
                Tensor MyEncoderLayer(EncoderLayer layer, int heads, Tensor x, Tensor padding)
                {
                    x = layer.Norm1.Forward(x + MyAttention(layer.SelfAttn, heads, x, x, padding, causal: false));
                    return layer.Norm2.Forward(x + layer.Ff.Forward(x));
                }
                """),
            Wrong("encoder layer", Layers, ("MyAttention(layer.SelfAttn, heads, h, h, padding, causal: false)", "MyAttention(layer.SelfAttn, heads, h, x, padding, causal: false)")),
            Wrong("decoder layer", Layers, ("MyAttention(layer.SelfAttn, heads, h, h, null, causal: true)", "MyAttention(layer.SelfAttn, heads, h, h, null, causal: false)")),
            Wrong("decoder layer", Layers, ("layer.Norm2.Forward(y), memory, padding", "layer.Norm2.Forward(y), layer.Norm2.Forward(memory), padding")),
            Wrong("decoder layer", Layers, ("layer.Norm2.Forward(y), memory, padding, causal: false", "layer.Norm2.Forward(y), memory, null, causal: false")),
            Right("encoder layer", Layers),
            // C: the token vectors not scaled by √C; no position encoding; the encoder's last LayerNorm forgotten;
            // the decoder's LayerNorm forgotten.
            Wrong("your Transformer", Whole, ("table.Forward(ids, batch, length) * MathF.Sqrt(embd)", "table.Forward(ids, batch, length)")),
            Wrong("your Transformer", Whole, (" + PositionalEncoding.Sinusoidal(length, embd)", "")),
            Wrong("your Transformer", Whole, ("return model.EncoderNorm.Forward(x);", "return x;")),
            Wrong("your Transformer", Whole, ("model.Generator.Forward(model.DecoderNorm.Forward(y))", "model.Generator.Forward(y)")),
            Right("your Transformer", Whole),
            // D: <eos> kept in the output; one token more than the limit; the first position's logits instead of the last.
            Wrong("greedy translation", Greedy, ("            if (next == eos)\n            {\n                break;\n            }\n\n            output.Add(next);", "            output.Add(next);\n            if (next == eos)\n            {\n                break;\n            }")),
            Wrong("greedy translation", Greedy, ("while (output.Count < model.Config.MaxLength)", "while (output.Count <= model.Config.MaxLength - 1 + 1)")),
            Wrong("greedy translation", Greedy, ("logits[((output.Count - 1) * vocab)..]", "logits[..vocab]")));

        Assert.Equal(
            [
                "attention: ✗ not yet — on input (Query: [2, 3, 8] [0.97201, 0.368145, -0.201003, 1.21251, -0.00699867, -0.823952, -0.08299, 1.26794, … (48 values)], KeyValue: [2, 5, 8] [-0.0559819, 0.296047, 0.39621, 0.936147, -1.31087, 0.14228, 0.367584, 0.24067, … (80 values)], Padding: [2, 5] [0, 0, 0, 0, 0, 0, 0, 0, … (10 values)], Causal: False) (negative numbers in Query and KeyValue), element [1, 0, 0]: expected -0.289782, yours is -0.256721 (tolerance 1E-05).",
                "attention: ✗ not yet — on input (Query: [2, 3, 8] [0.97201, 0.368145, -0.201003, 1.21251, -0.00699867, -0.823952, -0.08299, 1.26794, … (48 values)], KeyValue: [2, 5, 8] [-0.0559819, 0.296047, 0.39621, 0.936147, -1.31087, 0.14228, 0.367584, 0.24067, … (80 values)], Padding: [2, 5] [0, 0, 0, 0, 0, 0, 0, 0, … (10 values)], Causal: False) (negative numbers in Query and KeyValue), element [0, 0, 0]: expected -0.1719, yours is -0.175655 (tolerance 1E-05).",
                "attention: ✗ not yet — on input (Query: [2, 5, 8] [1.34787, -1.23263, -0.887521, 1.06319, -0.5815, -0.267848, -2.21457, 0.312233, … (80 values)], KeyValue: [2, 5, 8] [1.34787, -1.23263, -0.887521, 1.06319, -0.5815, -0.267848, -2.21457, 0.312233, … (80 values)], Padding: null, Causal: True) (negative numbers in Query and KeyValue), element [0, 0, 0]: expected -1.23047, yours is -0.510954 (tolerance 1E-05).",
                "attention: ✗ your code threw TensorException on input (Query: [2, 3, 8] [0.97201, 0.368145, -0.201003, 1.21251, -0.00699867, -0.823952, -0.08299, 1.26794, … (48 values)], KeyValue: [2, 5, 8] [-0.0559819, 0.296047, 0.39621, 0.936147, -1.31087, 0.14228, 0.367584, 0.24067, … (80 values)], Padding: [2, 5] [0, 0, 0, 0, 0, 0, 0, 0, … (10 values)], Causal: False): MaskedFill: the mask [2, 1, 5, 1] does not broadcast to the input [2, 2, 3, 5].",
                "attention: ✗ your code threw TensorException on input (Query: [2, 3, 8] [0.97201, 0.368145, -0.201003, 1.21251, -0.00699867, -0.823952, -0.08299, 1.26794, … (48 values)], KeyValue: [2, 5, 8] [-0.0559819, 0.296047, 0.39621, 0.936147, -1.31087, 0.14228, 0.367584, 0.24067, … (80 values)], Padding: [2, 5] [0, 0, 0, 0, 0, 0, 0, 0, … (10 values)], Causal: False): MaskedFill: the mask [2, 1, 1, 5] does not broadcast to the input [2, 2, 3, 3].",
                "attention: ✗ not yet — on input (Query: [2, 3, 8] [0.97201, 0.368145, -0.201003, 1.21251, -0.00699867, -0.823952, -0.08299, 1.26794, … (48 values)], KeyValue: [2, 5, 8] [-0.0559819, 0.296047, 0.39621, 0.936147, -1.31087, 0.14228, 0.367584, 0.24067, … (80 values)], Padding: [2, 5] [0, 0, 0, 0, 0, 0, 0, 0, … (10 values)], Causal: False) (negative numbers in Query and KeyValue), element [0, 0, 0]: expected -0.1719, yours is NaN (tolerance 1E-05).",
                "attention: ✓ correct on all 9 inputs, including equal values in Padding, large values in KeyValue, length 1 in Padding, negative numbers in Query and KeyValue.",
                "encoder layer: ✗ not yet — on input (X: [2, 6, 8] [0.38066, 0.0970392, 1.05957, 0.815948, 0.378939, 0.987353, 0.665197, -0.487116, … (96 values)], Padding: [2, 6] [0, 0, 0, 0, 0, 0, 0, 0, … (12 values)]) (negative numbers in X), element [0, 0, 0]: expected -0.587552, yours is -0.255236 (tolerance 1E-05).",
                "encoder layer: ✗ not yet — on input (X: [2, 6, 8] [-0.804962, 0.147927, 2.77286, -0.63628, -0.593294, -0.112238, -0.00695091, -0.806172, … (96 values)], Padding: [2, 6] [0, 0, 0, 0, 0, 0, 0, 0, … (12 values)]) (negative numbers in X), element [0, 0, 0]: expected -1.7856, yours is -1.52571 (tolerance 1E-05).",
                "decoder layer: ✗ not yet — on input (Y: [2, 4, 8] [0.228923, -0.87808, 1.02877, 0.611343, -0.220774, -1.10614, 0.109882, 1.60288, … (64 values)], Memory: [2, 6, 8] [-1.3852, -0.471041, -0.898471, -0.466787, -1.01949, 0.956544, -1.30939, -0.614289, … (96 values)], Padding: [2, 6] [0, 0, 0, 0, 0, 0, 0, 0, … (12 values)]) (negative numbers in Y and Memory), element [0, 0, 0]: expected 5.69181, yours is 6.31523 (tolerance 1E-05).",
                "decoder layer: ✗ not yet — on input (Y: [2, 4, 8] [-0.830093, 1.0374, 0.504606, 0.664016, 0.111997, -0.781399, 1.98377, 2.76205, … (64 values)], Memory: [2, 6, 8] [-0.514133, -0.392656, 0.132094, -0.487045, 0.967366, -0.0319423, -1.31964, 0.607319, … (96 values)], Padding: [2, 6] [0, 0, 0, 0, 0, 0, 0, 0, … (12 values)]) (negative numbers in Y and Memory), element [0, 0, 0]: expected -0.511584, yours is -0.292319 (tolerance 1E-05).",
                "decoder layer: ✗ not yet — on input (Y: [2, 4, 8] [-0.109288, 0.161844, -0.748305, -1.0783, 0.527266, -0.289469, -1.01119, -0.135804, … (64 values)], Memory: [2, 6, 8] [-1.54507, -0.553635, -0.809696, 0.230598, -0.871033, 0.886397, 0.521954, -0.394471, … (96 values)], Padding: [2, 6] [0, 0, 0, 0, 0, 0, 0, 0, … (12 values)]) (negative numbers in Y and Memory), element [1, 0, 0]: expected 2.96447, yours is 2.63415 (tolerance 1E-05).",
                "encoder layer: ✓ correct on all 3 inputs, including equal values in Padding, length 1 in Padding, negative numbers in X.",
                "your Transformer: ✗ not yet — on input (Model: \"trained\", Source: [117, 3, 52, 3, 143, 3, 71, 3, … (30 values)], Target: [1, 8, 3, 51, 3, 32, 3, 26, … (39 values)], Batch: 3, SourceLength: 10, TargetLength: 13, Padding: [3, 10] [0, 0, 0, 0, 0, 0, 0, 0, … (30 values)]), element [0, 0, 0]: expected -1.66384, yours is -1.60229 (tolerance 0.0001).",
                "your Transformer: ✗ not yet — on input (Model: \"trained\", Source: [117, 3, 52, 3, 143, 3, 71, 3, … (30 values)], Target: [1, 8, 3, 51, 3, 32, 3, 26, … (39 values)], Batch: 3, SourceLength: 10, TargetLength: 13, Padding: [3, 10] [0, 0, 0, 0, 0, 0, 0, 0, … (30 values)]), element [0, 0, 0]: expected -1.66384, yours is -1.57485 (tolerance 0.0001).",
                "your Transformer: ✗ not yet — on input (Model: \"trained\", Source: [117, 3, 52, 3, 143, 3, 71, 3, … (30 values)], Target: [1, 8, 3, 51, 3, 32, 3, 26, … (39 values)], Batch: 3, SourceLength: 10, TargetLength: 13, Padding: [3, 10] [0, 0, 0, 0, 0, 0, 0, 0, … (30 values)]), element [0, 0, 0]: expected -1.66384, yours is -1.66209 (tolerance 0.0001).",
                "your Transformer: ✗ not yet — on input (Model: \"trained\", Source: [117, 3, 52, 3, 143, 3, 71, 3, … (30 values)], Target: [1, 8, 3, 51, 3, 32, 3, 26, … (39 values)], Batch: 3, SourceLength: 10, TargetLength: 13, Padding: [3, 10] [0, 0, 0, 0, 0, 0, 0, 0, … (30 values)]), element [0, 0, 0]: expected -1.66384, yours is -3.83116 (tolerance 0.0001).",
                "your Transformer: ✓ correct on all 3 inputs, including equal values in Padding.",
                "greedy translation: ✗ not yet — on input (Model: \"3 layers, random\", German: \"Das Kind isst keinen Reis.\"), shape: expected [6], yours is [7].",
                "greedy translation: ✗ not yet — on input (Model: \"trained\", German: \"Wo wohnst du?\"), shape: expected [17], yours is [18].",
                "greedy translation: ✗ not yet — on input (Model: \"3 layers, random\", German: \"Das Kind isst keinen Reis.\"), shape: expected [6], yours is [17].",
            ],
            messages);
    }

    [Fact]
    public async Task The_beam_step_check_catches_the_steps_that_once_passed_and_the_other_slips()
    {
        var messages = await RunAsync(
            Notebook,
            // Each beam extended by its single best token: the two survivors then always come from two beams.
            new WrongVersion("beam search step", Step, """
                (List<(int[] Tokens, double LogProb)> Beams, List<(int[] Tokens, double Score)> Finished) MyBeamStep(List<(int[] Tokens, double LogProb)> beams, double[][] nextLogProbs, int width, int eos)
                {
                    var kept = beams.Select((beam, b) =>
                                    {
                                        var best = Array.IndexOf(nextLogProbs[b], nextLogProbs[b].Max());
                                        return (Tokens: beam.Tokens.Append(best).ToArray(), LogProb: beam.LogProb + nextLogProbs[b][best]);
                                    })
                                    .OrderByDescending(c => c.LogProb)
                                    .Take(width)
                                    .ToList();
                    var finished = kept.Where(c => c.Tokens[^1] == eos).Select(c => (c.Tokens, c.LogProb / Math.Pow(c.Tokens.Length - 1, LengthPenalty))).ToList();
                    return (kept.Where(c => c.Tokens[^1] != eos).ToList(), finished);
                }
                """),
            // Ranked by the new token's log-probability alone, and the ones after it.
            Wrong("beam search step", Step, (".OrderByDescending(c => c.LogProb)", ".OrderByDescending(c => c.LogProb - beams.First(b => b.Tokens.SequenceEqual(c.Tokens[..^1])).LogProb)")),
            Wrong("beam search step", Step, (".OrderByDescending(c => c.LogProb)     // stable: ties keep beam order, then id order", ".OrderByDescending(c => c.LogProb).ThenByDescending(c => c.Tokens[^1])")),
            Wrong("beam search step", Step, ("return (kept.Where(c => c.Tokens[^1] != eos).ToList(), finished);", "return (kept, finished);")),
            Wrong("beam search step", Step, ("Math.Pow(c.Tokens.Length - 1, LengthPenalty)", "Math.Pow(c.Tokens.Length, LengthPenalty)")),
            Wrong("beam search step", Step, ("c.LogProb / Math.Pow(c.Tokens.Length - 1, LengthPenalty)", "c.LogProb")),
            // The width best of every beam, all of them kept: more than width beams.
            new WrongVersion("beam search step", Step, """
                (List<(int[] Tokens, double LogProb)> Beams, List<(int[] Tokens, double Score)> Finished) MyBeamStep(List<(int[] Tokens, double LogProb)> beams, double[][] nextLogProbs, int width, int eos)
                {
                    var kept = beams.SelectMany((beam, b) => nextLogProbs[b].Select((logProb, id) => (Tokens: beam.Tokens.Append(id).ToArray(), LogProb: beam.LogProb + logProb))
                                                                          .OrderByDescending(c => c.LogProb)
                                                                          .Take(width))
                                    .ToList();
                    var finished = kept.Where(c => c.Tokens[^1] == eos).Select(c => (c.Tokens, c.LogProb / Math.Pow(c.Tokens.Length - 1, LengthPenalty))).ToList();
                    return (kept.Where(c => c.Tokens[^1] != eos).ToList(), finished);
                }
                """),
            Right("beam search step", Step));

        Assert.Equal(
            [
                "beam search step: ✗ not yet — on input (Beams: [([0, 1], -0.1), ([0, 2], -2)], Next: [2, 5] [-2.99573, -0.798508, -0.916291, -2.99573, -2.99573, -3.91202, -3.91202, -0.105361, … (10 values)], Width: 2) (negative numbers in Next), Beams, element [1, 1]: expected 1, yours is 2.",
                "beam search step: ✗ not yet — on input (Beams: [([0, 1], -0.1), ([0, 2], -2)], Next: [2, 5] [-2.99573, -0.798508, -0.916291, -2.99573, -2.99573, -3.91202, -3.91202, -0.105361, … (10 values)], Width: 2) (negative numbers in Next), Beams, element [0, 1]: expected 1, yours is 2.",
                "beam search step: ✗ not yet — on input (Beams: [([0, 1], -0.3), ([0, 2], -0.9)], Next: [2, 5] [-2.30259, -1.20397, -1.20397, -1.38629, -2.99573, -2.99573, -0.162519, -3.21888, … (10 values)], Width: 3) (negative numbers in Next), Beams, element [1, 2]: expected 1, yours is 2.",
                "beam search step: ✗ not yet — on input (Beams: [([0, 1, 2], -0.2)], Next: [1, 5] [-2.99573, -2.99573, -1.60944, -2.30259, -0.510826], Width: 2) (negative numbers in Next), Beams, shape: expected [1, 4], yours is [2, 4].",
                "beam search step: ✗ not yet — on input (Beams: [([0, 1, 2], -0.2)], Next: [1, 5] [-2.99573, -2.99573, -1.60944, -2.30259, -0.510826], Width: 2) (negative numbers in Next), Scores, element [0]: expected -0.367697, yours is -0.309405 (tolerance 1E-05).",
                "beam search step: ✗ not yet — on input (Beams: [([0, 1, 2], -0.2)], Next: [1, 5] [-2.99573, -2.99573, -1.60944, -2.30259, -0.510826], Width: 2) (negative numbers in Next), Scores, element [0]: expected -0.367697, yours is -0.710826 (tolerance 1E-05).",
                "beam search step: ✗ not yet — on input (Beams: [([0, 1], -0.1), ([0, 2], -2)], Next: [2, 5] [-2.99573, -0.798508, -0.916291, -2.99573, -2.99573, -3.91202, -3.91202, -0.105361, … (10 values)], Width: 2) (negative numbers in Next), Beams, shape: expected [2, 3], yours is [4, 3].",
                "beam search step: ✓ correct on all 9 inputs, including negative numbers in Next.",
            ],
            messages);
    }
}
