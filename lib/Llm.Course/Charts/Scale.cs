namespace Llm.Charts;

/// <summary>
/// Maps data values to pixels along one axis, linearly or logarithmically, and knows its ticks.
/// A domain of a single value is widened, so one point never divides by zero.
/// </summary>
internal sealed class Scale
{
    private readonly double domainLow;
    private readonly double domainHigh;
    private readonly double pixelLow;
    private readonly double pixelHigh;

    private Scale(double min, double max, double pixelLow, double pixelHigh, bool log)
    {
        Log = log;
        Min = min;
        Max = max;
        domainLow = log ? Math.Log10(min) : min;
        domainHigh = log ? Math.Log10(max) : max;
        this.pixelLow = pixelLow;
        this.pixelHigh = pixelHigh;
    }

    public bool Log { get; }

    public double Min { get; }

    public double Max { get; }

    /// <summary>
    /// A scale over the data range [min, max], padded by <paramref name="pad"/> of its width on both
    /// sides so that marks at the extremes are not cut by the frame (0 where the caller pads itself).
    /// <paramref name="pixelLow"/> is where Min lands: the bottom of the plot for a y axis.
    /// </summary>
    public static Scale Create(double min, double max, double pixelLow, double pixelHigh, bool log = false, double pad = 0.04)
    {
        if (log)
        {
            if (!(min > 0))
            {
                throw new ArgumentException($"A log axis needs positive values; the smallest is {min}.");
            }

            // One value, or a range within a factor of 1.001: widen to half a decade each side.
            if (max / min < 1.001)
            {
                min /= Math.Sqrt(10);
                max *= Math.Sqrt(10);
            }

            var lo = Math.Log10(min);
            var hi = Math.Log10(max);
            var padding = (hi - lo) * pad;
            return new Scale(Math.Pow(10, lo - padding), Math.Pow(10, hi + padding), pixelLow, pixelHigh, true);
        }

        if (max - min <= Math.Abs(max) * 1e-9)
        {
            // One value (or all equal): a window around it, ±1 for zero, ±10% otherwise.
            var half = min == 0 ? 1 : Math.Abs(min) * 0.1;
            min -= half;
            max += half;
        }

        var margin = (max - min) * pad;
        return new Scale(min - margin, max + margin, pixelLow, pixelHigh, false);
    }

    /// <summary>A linear scale over exactly [min, max] (categorical positions, colour bars).</summary>
    public static Scale Exact(double min, double max, double pixelLow, double pixelHigh) =>
        new(min, max, pixelLow, pixelHigh, false);

    /// <summary>The pixel for a data value.</summary>
    public double Map(double value)
    {
        var v = Log ? Math.Log10(value) : value;
        var t = (v - domainLow) / (domainHigh - domainLow);
        return pixelLow + (t * (pixelHigh - pixelLow));
    }

    /// <summary>The tick values inside the scale and their labels.</summary>
    public IReadOnlyList<(double Value, string Label)> Ticks(int count = 5)
    {
        if (Log)
        {
            var powers = Charts.Ticks.Log(Min, Max);

            // Less than a decade with no round value inside (3 … 4.5): fall back to linear ticks.
            if (powers.Length >= 2)
            {
                var plain = powers.All(v => v >= 1e-3 * (1 - 1e-9) && v <= 1e3 * (1 + 1e-9));
                return powers.Select(v => (v, Charts.Ticks.FormatLog(v, plain))).ToArray();
            }
        }

        var (values, step) = Charts.Ticks.Linear(Min, Max, count);
        return values.Select(v => (v, Charts.Ticks.Format(v, step))).ToArray();
    }
}
