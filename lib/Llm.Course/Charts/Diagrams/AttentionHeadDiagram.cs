using Llm.Models;
using static Llm.Charts.Diagrams.DiagramCanvas;

namespace Llm.Charts.Diagrams;

/// <summary>
/// One head of a GPT block's attention, step by step: its slices of c_attn make the query, key and
/// value; scores q·kᵀ/√hs; the causal mask; softmax over the keys; the weighted sum of the values;
/// then all H heads side by side and c_proj.
/// </summary>
internal static class AttentionHeadDiagram
{
    public static Diagram Draw(Gpt model, int batch, int time)
    {
        var config = model.Config;
        GptDiagram.Check(batch, time, config.BlockSize);
        var (b, t, c, h) = ((long)batch, (long)time, (long)config.Embd, (long)config.Heads);
        var hs = c / h;
        var attn = model.Blocks[0].Attn;
        var canvas = new DiagramCanvas();
        var sliceParameters = attn.CAttn.ParameterCount() / 3 / h; // one head's share of one of W_q, W_k, W_v (weights and bias)
        const double Q = 120, K = 340, V = 560, Width = 200;

        canvas.Text(16, 12, $"One attention head (of H = {h}), C = {c}, head size hs = C/H = {hs}", TitleSize, bold: true, fill: Ink);
        canvas.Text(16, 32, $"Arrows: shapes for B = {b}, T = {t}. Boxes: this head's parameters (× H for all heads).");

        var x = canvas.Box(K, 60, "x = ln_1(residual stream)", "one vector of C numbers per token", DataStyle, minWidth: 260);
        var q = canvas.Box(Q, x.Bottom + 40, "query q = x·W_q + b_q", $"W_q: {Shape(c, hs)}, what I look for", AttentionStyle, sliceParameters, (int)h, Width, "query slice of c_attn");
        var k = canvas.Box(K, q.Y, "key k = x·W_k + b_k", $"W_k: {Shape(c, hs)}, what I contain", AttentionStyle, sliceParameters, (int)h, Width, "key slice of c_attn");
        var v = canvas.Box(V, q.Y, "value v = x·W_v + b_v", $"W_v: {Shape(c, hs)}, what I pass on", AttentionStyle, sliceParameters, (int)h, Width, "value slice of c_attn");
        canvas.Arrow(null, (x.X + 20, x.Bottom), (Q, q.Y));
        canvas.Arrow(Shape(b, t, c), (K, x.Bottom), (K, k.Y));
        canvas.Arrow(null, (x.Right - 20, x.Bottom), (V, v.Y));

        var scores = canvas.Box((Q + K) / 2, q.Bottom + 50, "scores = q·kᵀ / √hs", $"every query against every key; √hs = {Math.Sqrt(hs):0.##}", SoftmaxStyle, minWidth: 280);
        canvas.Arrow(Shape(b, t, hs), (Q, q.Bottom), (Q, scores.Y));
        canvas.Arrow(Shape(b, t, hs), (K, k.Bottom), (K, scores.Y));
        var mask = canvas.Box(scores.Cx, scores.Bottom + 36, "causal mask", "−∞ where the key comes after the query", SoftmaxStyle, minWidth: 280);
        canvas.Arrow(Shape(b, t, t), (scores.Cx, scores.Bottom), (scores.Cx, mask.Y));
        var softmax = canvas.Box(scores.Cx, mask.Bottom + 36, "softmax over the keys", "each row sums to 1: the attention weights", SoftmaxStyle, minWidth: 280);
        canvas.Arrow(Shape(b, t, t), (scores.Cx, mask.Bottom), (scores.Cx, softmax.Y));

        var sum = canvas.Box(K + 60, softmax.Bottom + 40, "weights · v", "a weighted average of the values", AttentionStyle, minWidth: 240);
        canvas.Arrow(Shape(b, t, t), (scores.Cx, softmax.Bottom), (scores.Cx, softmax.Bottom + 20), (sum.X + 30, softmax.Bottom + 20), (sum.X + 30, sum.Y));
        canvas.Arrow(Shape(b, t, hs), (V, v.Bottom), (V, sum.Cy), (sum.Right, sum.Cy));
        var merged = canvas.Box(sum.Cx, sum.Bottom + 40, $"{h} heads side by side, then c_proj", "Linear C→C mixes what the heads found", OutputStyle, attn.CProj.ParameterCount(), name: "c_proj", minWidth: 280);
        canvas.Arrow($"{Shape(b, t, hs)} per head", (sum.Cx, sum.Bottom), (sum.Cx, merged.Y));
        var output = canvas.Box(sum.Cx, merged.Bottom + 36, "added back to the residual stream", null, DataStyle);
        canvas.Arrow(Shape(b, t, c), (sum.Cx, merged.Bottom), (sum.Cx, output.Y));
        return new Diagram($"One attention head (C = {c}, H = {h})", canvas);
    }
}
