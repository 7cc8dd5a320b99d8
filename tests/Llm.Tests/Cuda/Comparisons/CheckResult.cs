using System.Globalization;

namespace Llm.Tests.Cuda;

/// <summary>
/// One comparison of the CUDA backend with the CPU backend: passed when every element satisfies
/// |gpu − cpu| ≤ atol + rtol·|cpu|; otherwise the detail names the worst element.
/// </summary>
public sealed record CheckResult(string Name, bool Passed, double MaxAbsError, string Detail)
{
    public override string ToString() => $"{(Passed ? "ok  " : "FAIL")} {Name}: max |Δ| {MaxAbsError.ToString("G3", CultureInfo.InvariantCulture)}{(Detail.Length == 0 ? "" : " — " + Detail)}";

    /// <summary>Compares two arrays element by element with the given tolerances.</summary>
    public static CheckResult Arrays(string name, float[] cpu, float[] gpu, float atol, float rtol)
    {
        if (cpu.Length != gpu.Length)
        {
            return new CheckResult(name, false, double.NaN, $"lengths differ: cpu {cpu.Length}, gpu {gpu.Length}");
        }

        double maxAbs = 0;
        var worst = -1;
        double worstExcess = 0;
        for (var i = 0; i < cpu.Length; i++)
        {
            var same = cpu[i].Equals(gpu[i]); // also true for two NaNs and for equal infinities
            var diff = same ? 0 : Math.Abs((double)gpu[i] - cpu[i]);
            if (double.IsNaN(diff))
            {
                diff = double.PositiveInfinity;
            }

            maxAbs = Math.Max(maxAbs, diff);
            var excess = diff - (atol + (rtol * Math.Abs((double)cpu[i])));
            if (excess > 0 && (worst < 0 || excess > worstExcess))
            {
                worst = i;
                worstExcess = excess;
            }
        }

        var detail = worst < 0
            ? $"{cpu.Length} elements within {atol:G2} + {rtol:G2}·|cpu|"
            : $"element {worst}: cpu {cpu[worst].ToString("G9", CultureInfo.InvariantCulture)}, gpu {gpu[worst].ToString("G9", CultureInfo.InvariantCulture)} (tolerance {atol:G2} + {rtol:G2}·|cpu|)";
        return new CheckResult(name, worst < 0, maxAbs, detail);
    }

    /// <summary>Requires the same bits in every element (dropout masks, embedding sums, copies).</summary>
    public static CheckResult Exact(string name, float[] cpu, float[] gpu)
    {
        var result = Arrays(name, cpu, gpu, 0f, 0f);
        return result with { Detail = result.Passed ? $"{cpu.Length} elements bit for bit" : result.Detail };
    }

    /// <summary>Compares two numbers.</summary>
    public static CheckResult Scalar(string name, double cpu, double gpu, double rtol)
    {
        var diff = Math.Abs(gpu - cpu);
        var passed = diff <= rtol * Math.Max(1e-30, Math.Abs(cpu));
        return new CheckResult(name, passed, diff, $"cpu {cpu.ToString("G9", CultureInfo.InvariantCulture)}, gpu {gpu.ToString("G9", CultureInfo.InvariantCulture)} (rtol {rtol:G2})");
    }

    /// <summary>A check that threw: a failure whose detail is the exception.</summary>
    public static CheckResult Crashed(string name, Exception e) => new(name, false, double.NaN, $"{e.GetType().Name}: {e.Message}");
}
