using Llm.Tests.Notebooks;

namespace Llm.Tests.Course;

/// <summary>
/// Wrong versions of Build-it-yourself exercises that a learner could plausibly write, each run in its
/// notebook in place of the stub: the notebook's own check must catch it, in the exercise where the
/// mistake was made, with a message that points at it. Each of these once passed its check.
/// </summary>
[Collection(NotebookCollection.Name)]
public class WrongVersionTests
{
    [Fact]
    public async Task Notebook01_a_neuron_or_layer_that_does_not_refuse_mismatched_lengths_is_caught()
    {
        var messages = await WrongVersions.RunAsync(
            "01-a-simple-neural-network.ipynb",
            new WrongVersion("neuron", "float MyNeuron(", """
                // No length check: loops over the inputs, so a longer weight row is silently cut short.
                float MyNeuron(float[] inputs, float[] weights, float bias)
                {
                    var sum = bias;
                    for (int i = 0; i < inputs.Length; i++)
                    {
                        sum += inputs[i] * weights[i];
                    }

                    return sum;
                }
                """),
            new WrongVersion("neuron", "float MyNeuron(", """
                // Refuses mismatched lengths, but with the wrong kind of exception.
                float MyNeuron(float[] inputs, float[] weights, float bias)
                {
                    if (inputs.Length != weights.Length)
                    {
                        throw new InvalidOperationException("lengths differ");
                    }

                    var sum = bias;
                    for (int i = 0; i < inputs.Length; i++)
                    {
                        sum += inputs[i] * weights[i];
                    }

                    return sum;
                }
                """),
            new WrongVersion("layer forward", "float[,] MyLayer(", """
                // No shape check: reads weight[j, i] for every column of x, so a wider weight is silently cut short.
                float[,] MyLayer(float[,] x, float[,] weight, float[] bias, bool relu)
                {
                    var y = new float[x.GetLength(0), weight.GetLength(0)];
                    for (int r = 0; r < x.GetLength(0); r++)
                    {
                        for (int j = 0; j < weight.GetLength(0); j++)
                        {
                            var sum = bias[j];
                            for (int i = 0; i < x.GetLength(1); i++)
                            {
                                sum += x[r, i] * weight[j, i];
                            }

                            y[r, j] = relu ? Math.Max(0f, sum) : sum;
                        }
                    }

                    return y;
                }
                """));

        Assert.Equal(
            [
                "neuron: ✗ not yet — on input (X: [1, 2, 3], W: [0.5, -0.25, 2, 4], B: 0.5) (negative numbers in W), expected an ArgumentException (the reference threw one: Linear: the input must be [..., 4] (rank 2 or more) for a weight of shape [1, 4], got [1, 3]); yours returned 6.5.",
                "neuron: ✗ not yet — on input (X: [1, 2, 3], W: [0.5, -0.25, 2, 4], B: 0.5) (negative numbers in W), expected an ArgumentException (the reference threw one: Linear: the input must be [..., 4] (rank 2 or more) for a weight of shape [1, 4], got [1, 3]); yours threw InvalidOperationException: lengths differ",
                "layer forward: ✗ not yet — on input (X: [2, 3] [-0.0873447, 0.279214, -3.56421, -0.266157, -1.22321, 0.639774], W: [2, 4] [0.027771, 0.777123, -1.75464, -0.144769, 0.455369, 2.25391, 0.88891, 1.52226], B: [-1.2421, 0.831802], Relu: False) (negative numbers in X, W and B), expected an ArgumentException (the reference threw one: Linear: the input must be [..., 4] (rank 2 or more) for a weight of shape [2, 4], got [2, 3]); yours returned [2, 2] [5.22637, -1.74691, -3.32265, -1.47769].",
            ],
            messages);
    }

    [Fact]
    public async Task Notebook02_a_backward_pass_without_a_visited_set_is_caught_in_exercise_A()
    {
        var messages = await WrongVersions.RunAsync(
            "02-how-networks-are-trained.ipynb",
            new WrongVersion("Value", "class Value", ValueClass(visitOnce: false)),
            new WrongVersion("Value", "class Value", ValueClass(visitOnce: true)));

        Assert.Equal(
            [
                "Value: ✗ not yet — on input (A: 2, B: -3, C: 10) (negative numbers in B), DfDa, expected -32, yours is -92 (tolerance 1E-05).",
                "Value: ✓ correct on all 7 inputs, including large values in A and B, negative numbers in A, B and C.",
            ],
            messages);
    }

    [Fact]
    public async Task Notebook06_merging_without_looking_at_the_merges_rank_is_caught()
    {
        var messages = await WrongVersions.RunAsync(
            "06-subword-tokenizers.ipynb",
            new WrongVersion("encode with merges", "int[] EncodeWithMerges(", """
                // Greedy from the left: merges the first neighbouring pair that has a merge, whatever its rank.
                int[] EncodeWithMerges(string text, int[][] merges)
                {
                    var ids = Bytes(text).ToList();
                    var merged = true;
                    while (merged)
                    {
                        merged = false;
                        for (var i = 0; i + 1 < ids.Count && !merged; i++)
                        {
                            var merge = merges.FirstOrDefault(m => m[0] == ids[i] && m[1] == ids[i + 1]);
                            if (merge is not null)
                            {
                                ids[i] = merge[2];
                                ids.RemoveAt(i + 1);
                                merged = true;
                            }
                        }
                    }

                    return ids.ToArray();
                }
                """),
            new WrongVersion("encode with merges", "int[] EncodeWithMerges(", """
                // The latest merge first: ranks read backwards.
                int[] EncodeWithMerges(string text, int[][] merges)
                {
                    var ids = Bytes(text);
                    while (true)
                    {
                        var best = -1;
                        for (var i = 0; i + 1 < ids.Length; i++)
                        {
                            var r = Array.FindIndex(merges, m => m[0] == ids[i] && m[1] == ids[i + 1]);
                            if (r > best)
                            {
                                best = r;
                            }
                        }

                        if (best < 0)
                        {
                            return ids;
                        }

                        var (left, right, id) = (merges[best][0], merges[best][1], merges[best][2]);
                        var next = new List<int>();
                        for (var i = 0; i < ids.Length; i++)
                        {
                            if (i + 1 < ids.Length && ids[i] == left && ids[i + 1] == right)
                            {
                                next.Add(id);
                                i++;
                            }
                            else
                            {
                                next.Add(ids[i]);
                            }
                        }

                        ids = next.ToArray();
                    }
                }
                """));

        Assert.Equal(
            [
                "encode with merges: ✗ not yet — on input (Train: \"bcbcbc abab\", MaxMerges: 2, Text: \"abc\"), element [0]: expected 97, yours is 257.",
                "encode with merges: ✗ not yet — on input (Train: \"bcbcbc abab\", MaxMerges: 2, Text: \"abc\"), element [0]: expected 97, yours is 257.",
            ],
            messages);
    }

    [Fact]
    public async Task Notebook08_a_softmax_that_subtracts_the_mean_or_the_first_score_is_caught()
    {
        var messages = await WrongVersions.RunAsync(
            "08-softmax.ipynb",
            new WrongVersion("stable softmax", "float[] MySoftmax(", """
                // Shifts by the mean instead of the maximum: fine while all scores are close together.
                float[] MySoftmax(float[] z)
                {
                    var mean = z.Where(float.IsFinite).Average();
                    var e = z.Select(v => MathF.Exp(v - mean)).ToArray();
                    var sum = e.Sum();
                    return e.Select(v => v / sum).ToArray();
                }
                """),
            new WrongVersion("stable softmax", "float[] MySoftmax(", """
                // Shifts by the first score instead of the maximum.
                float[] MySoftmax(float[] z)
                {
                    var e = z.Select(v => MathF.Exp(v - z[0])).ToArray();
                    var sum = e.Sum();
                    return e.Select(v => v / sum).ToArray();
                }
                """),
            new WrongVersion("cross-entropy", "MyCrossEntropy(float[] logits, int target)", """
                // The gradient without the one-hot: softmax alone.
                (float Loss, float[] Grad) MyCrossEntropy(float[] logits, int target)
                {
                    var max = logits.Max();
                    var logSum = max + MathF.Log(logits.Sum(v => MathF.Exp(v - max)));
                    return (logSum - logits[target], logits.Select(v => MathF.Exp(v - logSum)).ToArray());
                }
                """));

        Assert.Equal(
            [
                "stable softmax: ✗ not yet — on input [-1000, 1000, 0.5, 999] (large values, negative numbers), element [1]: expected 0.731059, yours is NaN (tolerance 1E-05).",
                "stable softmax: ✗ not yet — on input [-1000, 1000, 0.5, 999] (large values, negative numbers), element [1]: expected 0.731059, yours is NaN (tolerance 1E-05).",
                "cross-entropy: ✗ not yet — on input (Logits: [0.7], Target: 0) (length 1 in Logits), Grad, element [0]: expected 0, yours is 1 (tolerance 0.0001).",
            ],
            messages);
    }

    private const string VisitOnce = """
        var visited = new HashSet<Value>();
                void Visit(Value v)
                {
                    if (visited.Add(v))
                    {
                        foreach (var child in v.Children)
                        {
                            Visit(child);
                        }

                        order.Add(v);
                    }
                }
        """;

    private const string VisitEveryPath = """
        void Visit(Value v)
                {
                    foreach (var child in v.Children)
                    {
                        Visit(child);
                    }

                    order.Add(v);
                }
        """;

    // Exercise A's Value class as the solution writes it; without the visited set, a value reached along two
    // paths is listed twice and its step runs twice.
    private static string ValueClass(bool visitOnce) => $$"""
        class Value
        {
            public Value(double data, params Value[] children)
            {
                Data = data;
                Children = children;
            }

            public double Data { get; set; }

            public double Grad { get; set; }

            public Value[] Children { get; }

            public Action BackwardStep { get; set; } = () => { };

            public static implicit operator Value(double data) => new(data);

            public static Value operator -(Value a, Value b) => a + (-1.0 * b);

            public static Value operator +(Value a, Value b)
            {
                var c = new Value(a.Data + b.Data, a, b);
                c.BackwardStep = () =>
                {
                    a.Grad += c.Grad;
                    b.Grad += c.Grad;
                };
                return c;
            }

            public static Value operator *(Value a, Value b)
            {
                var c = new Value(a.Data * b.Data, a, b);
                c.BackwardStep = () =>
                {
                    a.Grad += b.Data * c.Grad;
                    b.Grad += a.Data * c.Grad;
                };
                return c;
            }

            public Value Relu()
            {
                var c = new Value(Math.Max(Data, 0), this);
                c.BackwardStep = () => Grad += Data > 0 ? c.Grad : 0;
                return c;
            }

            public void Backward()
            {
                var order = new List<Value>();
                {{(visitOnce ? VisitOnce : VisitEveryPath)}}

                Visit(this);
                Grad = 1;
                for (int i = order.Count - 1; i >= 0; i--)
                {
                    order[i].BackwardStep();
                }
            }
        }
        """;
}
