using Llm.Tests.Notebooks;
using static Llm.Tests.Course.WrongVersions;

namespace Llm.Tests.Course;

/// <summary>
/// Notebook 16's checks against the mistakes a learner writing a whole GPT would plausibly make. Most wrong
/// versions are the notebook's own solution with one thing changed (<see cref="WrongVersions.Changed"/>); after
/// the wrong versions of an exercise its solution runs too, since the later exercises build on it.
/// </summary>
[Collection(NotebookCollection.Name)]
public class YourOwnGptWrongVersionTests
{
    private const string Notebook = "16-your-own-gpt.ipynb";

    private const string BatchStub = "(int[] Inputs, int[] Targets) BatchOfStep(";
    private const string AttentionStub = "static Tensor MyCausalSelfAttention(";
    private const string GptStub = "class MyGpt : IGpt";
    private const string ScheduleStub = "float LearningRateAt(";
    private const string AdamStub = "(float[] P, float[] M, float[] V) AdamWStep(";
    private const string ClipStub = "(float Norm, float[][] Clipped) ClipGradients(";
    private const string LoopStub = "TrainHistory MyTrain(";
    private const string SampleStub = "int MySample(";
    private const string WriteStub = "int[] MyGenerate(";

    private static WrongVersion Right(string exercise, string stub) => new(exercise, stub, Solution(Notebook, stub));

    private static WrongVersion Wrong(string exercise, string stub, params (string Old, string New)[] changes) =>
        new(exercise, stub, Changed(Solution(Notebook, stub), changes));

    [Fact]
    public async Task The_batch_attention_and_model_checks_catch_their_wrong_versions()
    {
        var messages = await RunAsync(
            Notebook,
            // A: the step's generator seeded by the run's seed alone (every step the same batch), or by seed + step.
            Wrong("batch of a step", BatchStub, ("new Generator(Generator.Hash(seed, (ulong)step))", "new Generator(seed)")),
            Wrong("batch of a step", BatchStub, ("new Generator(Generator.Hash(seed, (ulong)step))", "new Generator(seed + (ulong)step)")),
            // A: one start too many in the range (reads past the end when it is drawn), targets not moved on.
            Wrong("batch of a step", BatchStub, ("generator.NextInt(tokens.Length - blockSize)", "generator.NextInt(tokens.Length - blockSize + 1)")),
            Wrong("batch of a step", BatchStub, ("tokens[start + t + 1]", "tokens[start + t]")),
            Right("batch of a step", BatchStub),
            // B: no mask; √C instead of √hs; the mask hides the diagonal too; heads split or merged without the transpose.
            Wrong("causal self-attention", AttentionStub, ("scores.MaskedFill(Tensor.FromArray(future, t, t), float.NegativeInfinity).Softmax()", "scores.Softmax()")),
            Wrong("causal self-attention", AttentionStub, ("(1f / MathF.Sqrt(hs))", "(1f / MathF.Sqrt(c))")),
            Wrong("causal self-attention", AttentionStub, ("for (var j = i + 1; j < t; j++)", "for (var j = i; j < t; j++)")),
            Wrong("causal self-attention", AttentionStub, ("z.Reshape(b, t, heads, hs).Transpose(1, 2)", "z.Reshape(b, heads, t, hs)")),
            Wrong("causal self-attention", AttentionStub, ("Tensor.MatMul(weights, v).Transpose(1, 2).Reshape(b, t, c)", "Tensor.MatMul(weights, v).Reshape(b, t, c)")),
            Right("causal self-attention", AttentionStub),
            // C: an output matrix of its own; no position embedding; post-LN; the feed-forward fed the block's input.
            Wrong("your GPT", GptStub,
                ("Add(\"ln_f.bias\", Tensor.Zeros(c));", "Add(\"ln_f.bias\", Tensor.Zeros(c));\n        Add(\"lm_head.weight\", Normal(0.02f, v, c));"),
                ("Tensor.MatMul(x, p[\"wte.weight\"], transposeB: true)", "Tensor.MatMul(x, p[\"lm_head.weight\"], transposeB: true)")),
            Wrong("your GPT", GptStub, ("Tensor.Embedding(p[\"wte.weight\"], ids, batch, time) + Tensor.Embedding(p[\"wpe.weight\"], positions, time)", "Tensor.Embedding(p[\"wte.weight\"], ids, batch, time)")),
            Wrong("your GPT", GptStub,
                ("var a = x.LayerNorm(p[h + \"ln_1.weight\"], p[h + \"ln_1.bias\"]);", "var a = x;"),
                ("x = x + MyCausalSelfAttention(a, p[h + \"attn.c_attn.weight\"], p[h + \"attn.c_attn.bias\"], p[h + \"attn.c_proj.weight\"], p[h + \"attn.c_proj.bias\"], Config.Heads);",
                 "x = (x + MyCausalSelfAttention(a, p[h + \"attn.c_attn.weight\"], p[h + \"attn.c_attn.bias\"], p[h + \"attn.c_proj.weight\"], p[h + \"attn.c_proj.bias\"], Config.Heads)).LayerNorm(p[h + \"ln_1.weight\"], p[h + \"ln_1.bias\"]);")),
            Wrong("your GPT", GptStub, ("var a = x.LayerNorm(", "var input = x;\n            var a = x.LayerNorm("), ("var m = x.LayerNorm(", "var m = input.LayerNorm(")),
            // C, gradients: the output layer made from a copy of the token table (the same logits, no gradient through it);
            // LayerNorm parameters without RequiresGrad.
            Wrong("your GPT's gradients", GptStub, ("Tensor.MatMul(x, p[\"wte.weight\"], transposeB: true)", "Tensor.MatMul(x, Tensor.FromArray(p[\"wte.weight\"].ToArray(), Config.VocabSize, Config.Embd), transposeB: true)")),
            Wrong("your GPT's gradients", GptStub, ("value.RequiresGrad = true;", "value.RequiresGrad = !name.Contains(\"ln_\");")),
            // C, the start: c_proj not made smaller; Tensor.RandN's standard deviation 1 left in place.
            Wrong("your GPT's start", GptStub, ("var residual = 0.02f / MathF.Sqrt(2 * l);", "var residual = 0.02f;")),
            Wrong("your GPT's start", GptStub, ("Tensor.RandN(shape, generator, 0f, std)", "Tensor.RandN(shape, generator)")));

        Assert.Equal(
            [
                "batch of a step: ✗ not yet — on input (Tokens: [3236, 1627, 1626, 8, 1464, 565, 1496, 3600, … (2000 values)], BatchSize: 4, BlockSize: 16, Seed: 1337, Step: 7), Inputs, element [0]: expected 1394, yours is 1404.",
                "batch of a step: ✗ not yet — on input (Tokens: [3236, 1627, 1626, 8, 1464, 565, 1496, 3600, … (2000 values)], BatchSize: 4, BlockSize: 16, Seed: 1337, Step: 7), Inputs, element [0]: expected 1394, yours is 1338.",
                "batch of a step: ✗ not yet — on input (Tokens: [3236, 1627, 1626, 8, 1464, 565, 1496, 3600, … (2000 values)], BatchSize: 4, BlockSize: 16, Seed: 1337, Step: 7), Inputs, element [0]: expected 1394, yours is 3111.",
                "batch of a step: ✗ not yet — on input (Tokens: [3236, 1627, 1626, 8, 1464, 565, 1496, 3600, … (2000 values)], BatchSize: 4, BlockSize: 16, Seed: 1337, Step: 7), Targets, element [0]: expected 3111, yours is 1394.",
                "batch of a step: ✓ correct on all 6 inputs.",
                "causal self-attention: ✗ not yet — on input (X: [2, 5, 8] [-0.0626362, -1.01133, -0.369962, 0.538552, -0.871661, 1.00577, -1.52204, -0.528504, … (80 values)], Heads: 2) (negative numbers in X), element [0, 0, 0]: expected 2.49443, yours is 1.40288 (tolerance 1E-05).",
                "causal self-attention: ✗ not yet — on input (X: [2, 5, 8] [-0.0626362, -1.01133, -0.369962, 0.538552, -0.871661, 1.00577, -1.52204, -0.528504, … (80 values)], Heads: 2) (negative numbers in X), element [0, 1, 0]: expected 3.58749, yours is 3.41993 (tolerance 1E-05).",
                "causal self-attention: ✗ not yet — on input (X: [2, 5, 8] [-0.0626362, -1.01133, -0.369962, 0.538552, -0.871661, 1.00577, -1.52204, -0.528504, … (80 values)], Heads: 2) (negative numbers in X), element [0, 0, 0]: expected 2.49443, yours is NaN (tolerance 1E-05).",
                "causal self-attention: ✗ not yet — on input (X: [2, 5, 8] [-0.0626362, -1.01133, -0.369962, 0.538552, -0.871661, 1.00577, -1.52204, -0.528504, … (80 values)], Heads: 2) (negative numbers in X), element [0, 0, 0]: expected 2.49443, yours is 3.05112 (tolerance 1E-05).",
                "causal self-attention: ✗ not yet — on input (X: [2, 5, 8] [-0.0626362, -1.01133, -0.369962, 0.538552, -0.871661, 1.00577, -1.52204, -0.528504, … (80 values)], Heads: 2) (negative numbers in X), element [0, 0, 0]: expected 2.49443, yours is 2.35283 (tolerance 1E-05).",
                "causal self-attention: ✓ correct on all 6 inputs, including negative numbers in X.",
                "your GPT: ✗ not yet — on input (Shape: MyConfig { VocabSize = 16, BlockSize = 8, Layers = 2, Heads = 2, Embd = 8 }, Ids: [1, 5, 2, 9, 3, 3, 7, 0, … (12 values)], Targets: [5, 2, 9, 3, 3, 7, 0, 4, … (12 values)], Batch: 2, Time: 6), Parameters, expected 1952, yours is 2080.",
                "your GPT: ✗ not yet — on input (Shape: MyConfig { VocabSize = 16, BlockSize = 8, Layers = 2, Heads = 2, Embd = 8 }, Ids: [1, 5, 2, 9, 3, 3, 7, 0, … (12 values)], Targets: [5, 2, 9, 3, 3, 7, 0, 4, … (12 values)], Batch: 2, Time: 6), Logits, element [0, 0, 0]: expected 0.902809, yours is 0.916846 (tolerance 1E-05).",
                "your GPT: ✗ not yet — on input (Shape: MyConfig { VocabSize = 16, BlockSize = 8, Layers = 2, Heads = 2, Embd = 8 }, Ids: [1, 5, 2, 9, 3, 3, 7, 0, … (12 values)], Targets: [5, 2, 9, 3, 3, 7, 0, 4, … (12 values)], Batch: 2, Time: 6), Logits, element [0, 0, 0]: expected 0.902809, yours is 0.413858 (tolerance 1E-05).",
                "your GPT: ✗ not yet — on input (Shape: MyConfig { VocabSize = 16, BlockSize = 8, Layers = 2, Heads = 2, Embd = 8 }, Ids: [1, 5, 2, 9, 3, 3, 7, 0, … (12 values)], Targets: [5, 2, 9, 3, 3, 7, 0, 4, … (12 values)], Batch: 2, Time: 6), Logits, element [0, 0, 0]: expected 0.902809, yours is 1.12961 (tolerance 1E-05).",
                "your GPT's gradients: ✗ not yet — on input (Shape: MyConfig { VocabSize = 16, BlockSize = 8, Layers = 2, Heads = 2, Embd = 8 }, Parameter: \"wte.weight\"), element [0, 0]: expected 0.00582806, yours is 0.00621284 (tolerance 1E-05).",
                "your GPT's gradients: ✗ not yet — on input (Shape: MyConfig { VocabSize = 16, BlockSize = 8, Layers = 2, Heads = 2, Embd = 8 }, Parameter: \"h.0.ln_1.weight\"), expected [8] [-4.12918E-05, 0.00418415, 0.0290778, -0.0293398, 0.0112916, 0.0578289, -0.0728868, -0.00399632], yours is null.",
                "your GPT's start: ✗ not yet — on input \"h.0.attn.c_proj.weight\", Std, expected 0.00707935, yours is 0.020145 (tolerance 0.001).",
                "your GPT's start: ✗ not yet — on input \"wte.weight\", Mean, expected 1.57432E-05, yours is -0.00119329 (tolerance 0.001).",
            ],
            messages);
    }

    [Fact]
    public async Task The_schedule_optimizer_clipping_and_loop_checks_catch_their_wrong_versions()
    {
        var messages = await RunAsync(
            Notebook,
            Right("batch of a step", BatchStub),
            // D: the warm-up starting from 0; the cosine measured from step 0 instead of from the end of the warm-up; no floor.
            Wrong("learning-rate schedule", ScheduleStub, ("return peak * (step + 1) / warmup;", "return peak * step / warmup;")),
            Wrong("learning-rate schedule", ScheduleStub, ("(double)(step - warmup) / Math.Max(1, total - warmup)", "(double)step / total")),
            Wrong("learning-rate schedule", ScheduleStub, ("return (float)(min + (0.5 * (1 + Math.Cos(Math.PI * progress)) * (peak - min)));", "return (float)(0.5 * (1 + Math.Cos(Math.PI * progress)) * peak);")),
            Right("learning-rate schedule", ScheduleStub),
            // E: no bias correction; the decay added to the gradient (L2); the decay after the step instead of before.
            Wrong("AdamW step", AdamStub, ("var bias1 = 1 - Math.Pow(beta1, t);", "var bias1 = 1.0;"), ("var bias2 = 1 - Math.Pow(beta2, t);", "var bias2 = 1.0;")),
            Wrong("AdamW step", AdamStub,
                ("newM[i] = (beta1 * m[i]) + ((1 - beta1) * g[i]);", "var gi = g[i] + (weightDecay * p[i]);\n        newM[i] = (beta1 * m[i]) + ((1 - beta1) * gi);"),
                ("((1 - beta2) * g[i] * g[i])", "((1 - beta2) * gi * gi)"),
                ("var decayed = p[i] * (1 - (lr * weightDecay));", "var decayed = p[i];")),
            Wrong("AdamW step", AdamStub,
                ("var decayed = p[i] * (1 - (lr * weightDecay));", "var decayed = p[i];"),
                ("newP[i] = (float)(decayed - (lr * (newM[i] / bias1) / (Math.Sqrt(newV[i] / bias2) + eps)));", "newP[i] = (float)((decayed - (lr * (newM[i] / bias1) / (Math.Sqrt(newV[i] / bias2) + eps))) * (1 - (lr * weightDecay)));")),
            Right("AdamW step", AdamStub),
            // F: each parameter clipped on its own; each number clamped; the norm always set to the limit; the norm after clipping returned.
            new WrongVersion("gradient clipping", ClipStub, """
                // Each parameter clipped to the limit on its own.
                (float Norm, float[][] Clipped) ClipGradients(float[][] grads, float maxNorm)
                {
                    var norms = grads.Select(g => (float)Math.Sqrt(g.Sum(x => (double)x * x))).ToArray();
                    var total = (float)Math.Sqrt(norms.Sum(n => (double)n * n));
                    return (total, grads.Select((g, i) => g.Select(x => norms[i] > maxNorm ? x * maxNorm / norms[i] : x).ToArray()).ToArray());
                }
                """),
            new WrongVersion("gradient clipping", ClipStub, """
                // Every number clamped to ±maxNorm (clipping by value).
                (float Norm, float[][] Clipped) ClipGradients(float[][] grads, float maxNorm)
                {
                    var norm = (float)Math.Sqrt(grads.Sum(g => g.Sum(x => (double)x * x)));
                    return (norm, grads.Select(g => g.Select(x => Math.Clamp(x, -maxNorm, maxNorm)).ToArray()).ToArray());
                }
                """),
            Wrong("gradient clipping", ClipStub, ("var scale = norm > maxNorm ? maxNorm / (norm + 1e-6f) : 1f;", "var scale = maxNorm / (norm + 1e-6f);")),
            Wrong("gradient clipping", ClipStub,
                ("return (norm, grads.Select(g => Array.ConvertAll(g, x => x * scale)).ToArray());", "return (Math.Min(norm, maxNorm), grads.Select(g => Array.ConvertAll(g, x => x * scale)).ToArray());")),
            Right("gradient clipping", ClipStub),
            // G: gradients never cleared; t = 1 at every step; nanoGPT's decay rule (every matrix, the embedding tables too);
            // decay on every parameter; the learning rate of the next step; no clipping; the validation batches drawn from the training seed.
            Wrong("training loop", LoopStub, ("                p.ZeroGrad();\n", "")),
            Wrong("training loop", LoopStub, ("m[i], v[i], step + 1, lr", "m[i], v[i], 1, lr")),
            Wrong("training loop", LoopStub, ("bool Decays(string name) => name.EndsWith(\"c_attn.weight\") || name.EndsWith(\"c_proj.weight\") || name.EndsWith(\"c_fc.weight\");", "bool Decays(string name) => model.Params[name].Shape.Count >= 2;")),
            Wrong("training loop", LoopStub, ("bool Decays(string name) => name.EndsWith(\"c_attn.weight\") || name.EndsWith(\"c_proj.weight\") || name.EndsWith(\"c_fc.weight\");", "bool Decays(string name) => true;")),
            Wrong("training loop", LoopStub, ("LearningRateAt(step, s.LearningRate", "LearningRateAt(step + 1, s.LearningRate")),
            Wrong("training loop", LoopStub, ("if (s.GradClip > 0)", "if (s.GradClip < 0)")),
            Wrong("training loop", LoopStub, ("BatchOfStep(validation, b, t, s.Seed ^ 0x5EED, i)", "BatchOfStep(validation, b, t, s.Seed, i)")));

        Assert.Equal(
            [
                "batch of a step: ✓ correct on all 6 inputs.",
                "learning-rate schedule: ✗ not yet — on input (Step: 5, Peak: 1, Warmup: 10, Total: 10, Min: 0.1), expected 0.6, yours is 0.5 (tolerance 1E-05).",
                "learning-rate schedule: ✗ not yet — on input (Step: 12, Peak: 1, Warmup: 10, Total: 300, Min: 0.1), expected 0.999894, yours is 0.996452 (tolerance 1E-05).",
                "learning-rate schedule: ✗ not yet — on input (Step: 50, Peak: 1, Warmup: 0, Total: 100, Min: 0.1), expected 0.55, yours is 0.5 (tolerance 1E-05).",
                "learning-rate schedule: ✓ correct on all 114 inputs.",
                "AdamW step: ✗ not yet — on input (P: [0.5], G1: [0.2], G2: [-0.1]) (length 1 in P, G1 and G2, negative numbers in G2), element [0]: expected 0.486327, yours is 0.4929 (tolerance 1E-05).",
                "AdamW step: ✗ not yet — on input (P: [0.5], G1: [0.2], G2: [-0.1]) (length 1 in P, G1 and G2, negative numbers in G2), element [0]: expected 0.486327, yours is 0.484863 (tolerance 1E-05).",
                "AdamW step: ✗ not yet — on input (P: [0.5], G1: [0.2], G2: [-0.1]) (length 1 in P, G1 and G2, negative numbers in G2), element [0]: expected 0.486327, yours is 0.486339 (tolerance 1E-05).",
                "AdamW step: ✓ correct on all 6 inputs, including equal values in G1 and G2, large values in G1 and G2, length 1 in P, G1 and G2, negative numbers in P, G1 and G2.",
                "gradient clipping: ✗ not yet — on input (Grads: [2, 2] [3, 0, 0, 4], MaxNorm: 1), Clipped, element [0, 0]: expected 0.6, yours is 1 (tolerance 1E-05).",
                "gradient clipping: ✗ not yet — on input (Grads: [1, 2] [3, 4], MaxNorm: 1), Clipped, element [0, 0]: expected 0.6, yours is 1 (tolerance 1E-05).",
                "gradient clipping: ✗ not yet — on input (Grads: [1, 2] [0.3, 0.4], MaxNorm: 1), Clipped, element [0, 0]: expected 0.3, yours is 0.599999 (tolerance 1E-05).",
                "gradient clipping: ✗ not yet — on input (Grads: [1, 2] [3, 4], MaxNorm: 1), Norm, expected 5, yours is 1 (tolerance 1E-05).",
                "gradient clipping: ✓ correct on all 6 inputs, including equal values in Grads, large values in Grads, negative numbers in Grads.",
                "training loop: ✗ not yet — on input TrainSettings { Steps = 20, LearningRate = 0.003, WarmupSteps = 5, MinLearningRate = 0.0003, BatchSize = 8, Seed = 1, WeightDecay = 0.1, GradClip = 1, EvalEvery = 0, ValidationBatches = 2 }, Losses, element [2]: expected 8.18398, yours is 8.18388 (tolerance 1E-05).",
                "training loop: ✗ not yet — on input TrainSettings { Steps = 20, LearningRate = 0.003, WarmupSteps = 5, MinLearningRate = 0.0003, BatchSize = 8, Seed = 1, WeightDecay = 0.1, GradClip = 1, EvalEvery = 0, ValidationBatches = 2 }, Losses, element [2]: expected 8.18398, yours is 8.18223 (tolerance 1E-05).",
                "training loop: ✗ not yet — on input TrainSettings { Steps = 20, LearningRate = 0.003, WarmupSteps = 5, MinLearningRate = 0.0003, BatchSize = 8, Seed = 1, WeightDecay = 0.1, GradClip = 1, EvalEvery = 0, ValidationBatches = 2 }, Losses, element [8]: expected 8.04803, yours is 8.04813 (tolerance 1E-05).",
                "training loop: ✗ not yet — on input TrainSettings { Steps = 20, LearningRate = 0.003, WarmupSteps = 5, MinLearningRate = 0.0003, BatchSize = 8, Seed = 1, WeightDecay = 0.1, GradClip = 1, EvalEvery = 0, ValidationBatches = 2 }, Losses, element [6]: expected 8.09917, yours is 8.09931 (tolerance 1E-05).",
                "training loop: ✗ not yet — on input TrainSettings { Steps = 20, LearningRate = 0.003, WarmupSteps = 5, MinLearningRate = 0.0003, BatchSize = 8, Seed = 1, WeightDecay = 0.1, GradClip = 1, EvalEvery = 0, ValidationBatches = 2 }, Losses, element [1]: expected 8.1858, yours is 8.18494 (tolerance 1E-05).",
                "training loop: ✗ not yet — on input TrainSettings { Steps = 20, LearningRate = 0.003, WarmupSteps = 5, MinLearningRate = 0.0003, BatchSize = 8, Seed = 1, WeightDecay = 0.1, GradClip = 1, EvalEvery = 0, ValidationBatches = 2 }, Losses, element [3]: expected 8.17058, yours is 8.17068 (tolerance 1E-05).",
                "training loop: ✗ not yet — on input TrainSettings { Steps = 20, LearningRate = 0.01, WarmupSteps = 0, MinLearningRate = 0.001, BatchSize = 8, Seed = 2, WeightDecay = 0.5, GradClip = 0.1, EvalEvery = 5, ValidationBatches = 2 }, Validation, element [0]: expected 7.87292, yours is 7.88118 (tolerance 1E-05).",
            ],
            messages);
    }

    [Fact]
    public async Task The_sampling_and_writing_checks_catch_their_wrong_versions()
    {
        var messages = await RunAsync(
            Notebook,
            // H: one token too many kept; the temperature multiplied in; the draw not scaled to the kept mass;
            // ties to the larger id; no shift by the largest logit; the last of equal best logits at temperature 0.
            Wrong("sampling", SampleStub, ("var keep = topK > 0 ? Math.Min(topK, order.Length) : order.Length;", "var keep = topK > 0 ? Math.Min(topK + 1, order.Length) : order.Length;")),
            Wrong("sampling", SampleStub, ("MathF.Exp((l - max) / temperature)", "MathF.Exp((l - max) * temperature)")),
            Wrong("sampling", SampleStub, ("var draw = generator.NextFloat() * order.Take(keep).Sum(i => p[i]);", "var draw = generator.NextFloat();")),
            Wrong("sampling", SampleStub, (".ThenBy(i => i)", ".ThenByDescending(i => i)")),
            Wrong("sampling", SampleStub, ("MathF.Exp((l - max) / temperature)", "MathF.Exp(l / temperature)")),
            Wrong("sampling", SampleStub, ("return Array.IndexOf(logits, logits.Max());", "return Array.LastIndexOf(logits, logits.Max());")),
            Right("sampling", SampleStub),
            // I: no window (the whole context fed); the first BlockSize tokens kept instead of the last; a new generator
            // every step; the stop token left out; the prompt returned too.
            Wrong("writing loop", WriteStub, ("context.TakeLast(model.Config.BlockSize).ToArray()", "context.ToArray()")),
            Wrong("writing loop", WriteStub, ("context.TakeLast(model.Config.BlockSize).ToArray()", "context.Take(model.Config.BlockSize).ToArray()")),
            Wrong("writing loop", WriteStub, ("var next = MySample(logits[((window.Length - 1) * vocab)..], temperature, topK, generator);", "var next = MySample(logits[((window.Length - 1) * vocab)..], temperature, topK, new Generator(seed));")),
            Wrong("writing loop", WriteStub, ("            context.Add(next);\n            written.Add(next);", "            if (next == stop)\n            {\n                break;\n            }\n\n            context.Add(next);\n            written.Add(next);")),
            Wrong("writing loop", WriteStub, ("return written.ToArray();", "return [.. prompt, .. written];")));

        Assert.Equal(
            [
                "sampling: ✗ not yet — on input (Logits: [2, 1, 0.5, -1, 3], Temperature: 1, TopK: 2, Seed: 4) (negative numbers in Logits), element [0]: expected 0, yours is 1.",
                "sampling: ✗ not yet — on input (Logits: [2, 1, 0.5, -1, 3], Temperature: 0.5, TopK: 0, Seed: 2) (negative numbers in Logits), element [0]: expected 4, yours is 0.",
                "sampling: ✗ not yet — on input (Logits: [2, 1, 0.5, -1, 3], Temperature: 1, TopK: 2, Seed: 4) (negative numbers in Logits), element [21]: expected 4, yours is 0.",
                "sampling: ✗ not yet — on input (Logits: [1, 2, 2, 2, 0], Temperature: 1, TopK: 2, Seed: 7), element [0]: expected 1, yours is 3.",
                "sampling: ✗ not yet — on input (Logits: [1000, 1001, 999], Temperature: 1, TopK: 0, Seed: 9) (large values in Logits), element [1]: expected 0, yours is 2.",
                "sampling: ✗ not yet — on input (Logits: [0.2, 0.9, 0.9, 0.1], Temperature: 0, TopK: 0, Seed: 8), element [0]: expected 1, yours is 2.",
                "sampling: ✓ correct on all 11 inputs, including large values in Logits, length 1 in Logits, masked positions in Logits, negative numbers in Logits.",
                "writing loop: ✗ your code threw ArgumentException on input (Prompt: [1, 2, 3], Count: 12, Temperature: 0.8, TopK: 4, Seed: 2, Stop: -1): A sequence of 9 tokens is longer than the model's block size 8; crop the context to the last 8 tokens.",
                "writing loop: ✗ not yet — on input (Prompt: [1, 2, 3], Count: 12, Temperature: 0.8, TopK: 4, Seed: 2, Stop: -1) (negative numbers in Stop), element [6]: expected 3, yours is 13.",
                "writing loop: ✗ not yet — on input (Prompt: [5], Count: 6, Temperature: 1, TopK: 0, Seed: 1, Stop: -1) (length 1 in Prompt, negative numbers in Stop), element [4]: expected 13, yours is 5.",
                "writing loop: ✗ not yet — on input (Prompt: [4, 4], Count: 20, Temperature: 1.5, TopK: 0, Seed: 4, Stop: 8) (equal values in Prompt), shape: expected [4], yours is [3].",
                "writing loop: ✗ not yet — on input (Prompt: [5], Count: 6, Temperature: 1, TopK: 0, Seed: 1, Stop: -1) (length 1 in Prompt, negative numbers in Stop), shape: expected [6], yours is [7].",
            ],
            messages);
    }
}
