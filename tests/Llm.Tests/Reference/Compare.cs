using System.Globalization;
using Xunit.Abstractions;

namespace Llm.Tests.Reference;

/// <summary>
/// Compares our tensors with PyTorch's element by element, in the spirit of llm.c's test_gpt2:
/// an element passes when |ours − torch| ≤ atol + rtol·|torch|. A failure names the tensor, the
/// element furthest outside its bound, and both values; a pass logs "NAME OK, maxdiff …".
/// </summary>
internal static class Compare
{
    /// <summary>Asserts that <paramref name="ours"/> matches <paramref name="torch"/>; returns the largest absolute difference. <paramref name="truth"/> names the other side in messages.</summary>
    public static double Close(ITestOutputHelper log, string name, Tensor ours, Tensor torch, double rtol, double atol, string truth = "PyTorch")
    {
        Assert.True(
            ours.Shape.SequenceEqual(torch.Shape),
            $"{name}: our shape {Shape.Format([.. ours.Shape])} differs from {truth}'s {Shape.Format([.. torch.Shape])}.");
        var a = ours.ToArray();
        var b = torch.ToArray();
        var maxDiff = 0.0;
        var worst = -1;
        var worstRatio = 1.0; // how far the worst element is past its bound (over 1 fails)
        for (var i = 0; i < a.Length; i++)
        {
            var diff = Difference(a[i], b[i]);
            maxDiff = Math.Max(maxDiff, diff);
            var ratio = diff / (atol + (rtol * Math.Abs(b[i])));
            if (ratio > worstRatio)
            {
                (worst, worstRatio) = (i, ratio);
            }
        }

        if (worst >= 0)
        {
            Assert.Fail(
                $"{name} NOT OK: maxdiff {Format(maxDiff)}; worst element {Index(worst, torch.Shape)}: ours {Format(a[worst])}, " +
                $"{truth} {Format(b[worst])}, allowed {Format(atol + (rtol * Math.Abs(b[worst])))} (atol {Format(atol)} + rtol {Format(rtol)}·|{truth}|).");
        }

        log.WriteLine($"{name} OK, maxdiff {Format(maxDiff)}");
        return maxDiff;
    }

    // Equal infinities (masked entries) agree; a NaN, or an infinity on one side only, never does.
    private static double Difference(float ours, float torch)
    {
        if (ours == torch)
        {
            return 0;
        }

        var diff = Math.Abs((double)ours - torch);
        return double.IsFinite(diff) ? diff : double.PositiveInfinity;
    }

    // The flat position as an index of the shape, e.g. [1, 0, 4].
    private static string Index(int flat, IReadOnlyList<int> shape)
    {
        var index = new int[shape.Count];
        for (var d = shape.Count - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }

        return Shape.Format(index);
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
