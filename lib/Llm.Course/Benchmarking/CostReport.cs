using System.Globalization;
using System.Text;
using Llm.Display;
using Llm.Kernels;

namespace Llm.Benchmarking;

/// <summary>
/// The work a piece of code makes the CPU backend do, kernel by kernel:
/// <c>var cost = CostReport.Of(() => model.Forward(ids, 1, t));</c> then <c>cost.Total.MultiplyAdds</c>
/// or <c>cost["MatMul batched"]</c> (attention's per-head products; "MatMul" is the layers').
/// Counts, not seconds: the same on every machine, so a lesson can plot cost against length.
/// </summary>
[TypeFormatterSource(typeof(LlmFormatterSource), PreferredMimeTypes = ["text/plain"])]
public sealed class CostReport
{
    internal CostReport(IEnumerable<KernelCount> kernels) =>
        Kernels = kernels.OrderByDescending(k => k.Cost.MultiplyAdds).ThenByDescending(k => k.Cost.BytesRead + k.Cost.BytesWritten).ToList();

    /// <summary>Every kernel that ran, the most multiply-adds first.</summary>
    public IReadOnlyList<KernelCount> Kernels { get; }

    /// <summary>All kernels together.</summary>
    public KernelCost Total => Kernels.Aggregate(default(KernelCost), (sum, k) => sum + k.Cost);

    /// <summary>One kernel's cost ("MatMul", "MatMul batched", "Softmax", …); zero if it never ran.</summary>
    public KernelCost this[string kernel] => Kernels.FirstOrDefault(k => k.Kernel == kernel)?.Cost ?? default;

    /// <summary>
    /// Runs <paramref name="work"/> on this thread and counts what it asks of the CPU backend. Work on
    /// other threads and on a GPU is not counted (the counting decorator wraps this thread's CPU backend).
    /// </summary>
    public static CostReport Of(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var profile = new KernelProfile();
        using (Tensor.ObserveKernels(profile))
        {
            work();
        }

        return new CostReport(profile.Costs());
    }

    /// <summary>A table: calls, multiply-adds and megabytes per kernel, and the total.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"kernel",-26} {"calls",6} {"multiply-adds",15} {"MB read",9} {"MB written",10}");
        foreach (var k in Kernels.Append(new KernelCount("total", Kernels.Sum(k => k.Calls), Total)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{k.Kernel,-26} {k.Calls,6} {k.Cost.MultiplyAdds,15:N0} {k.Cost.BytesRead / 1e6,9:F3} {k.Cost.BytesWritten / 1e6,10:F3}");
        }

        return text.ToString();
    }
}
