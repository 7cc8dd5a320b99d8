using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Llm.Kernels;

/// <summary>
/// Time and work of each kernel while it watches (<c>using (Tensor.ObserveKernels(profile)) { … }</c>,
/// `llm bench train --profile`): calls, seconds, and the cost each call's record counts from its
/// sizes. What is not in any kernel (autograd's bookkeeping, the C# around the kernels, allocation)
/// is the difference between the step time and the sum of the kernels. CPU kernels finish before
/// they return, so their times are exact; a GPU's return at once, so on a GPU it times the launches.
/// </summary>
public sealed class KernelProfile : IKernelObserver
{
    private readonly Dictionary<string, (long Calls, long Ticks, KernelCost Cost)> kernels = [];

    /// <summary>Runs the call, and adds its time and cost to its kernel's line.</summary>
    public void Run<T>(IBackend backend, in T args)
        where T : struct, IKernelArgs<T>
    {
        var start = Stopwatch.GetTimestamp();
        T.Run(backend, args);
        Add(args.Kernel, Stopwatch.GetTimestamp() - start, args.Cost);
    }

    /// <summary>Seconds spent in kernels, all of them together.</summary>
    public double TotalSeconds => kernels.Values.Sum(k => k.Ticks) / (double)Stopwatch.Frequency;

    /// <summary>
    /// A table, slowest kernel first: calls and milliseconds per step, share of the kernel time,
    /// and GFLOP/s for the matrix products.
    /// </summary>
    public string Format(int steps)
    {
        var total = kernels.Values.Sum(k => k.Ticks);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"kernel",-28} {"calls/step",10} {"ms/step",9} {"share",7} {"GFLOP/s",8}");
        foreach (var (name, (calls, ticks, cost)) in kernels.OrderByDescending(k => k.Value.Ticks))
        {
            var seconds = ticks / (double)Stopwatch.Frequency;
            var flops = 2.0 * cost.MultiplyAdds;
            var gflops = flops > 0 ? (flops / seconds / 1e9).ToString("F0", CultureInfo.InvariantCulture) : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"{name,-28} {calls / (double)steps,10:F0} {seconds * 1000 / steps,9:F2} {100.0 * ticks / Math.Max(1, total),6:F1}% {gflops,8}");
        }

        return text.ToString();
    }

    /// <summary>The work counted so far, kernel by kernel.</summary>
    public IReadOnlyList<KernelCount> Costs()
    {
        lock (kernels)
        {
            return kernels.Select(k => new KernelCount(k.Key, k.Value.Calls, k.Value.Cost)).ToList();
        }
    }

    private void Add(string kernel, long ticks, KernelCost cost)
    {
        lock (kernels)
        {
            var (calls, sum, total) = kernels.GetValueOrDefault(kernel);
            kernels[kernel] = (calls + 1, sum + ticks, total + cost);
        }
    }
}
