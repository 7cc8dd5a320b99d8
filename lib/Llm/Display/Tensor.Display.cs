using Llm.Display;

namespace Llm;

/// <summary>How a tensor shows in a notebook: shape, device and a table of values (see <see cref="TensorHtml"/>).</summary>
[TypeFormatterSource(typeof(LlmFormatterSource), PreferredMimeTypes = ["text/html", "text/plain"])]
public sealed partial class Tensor
{
    /// <summary>
    /// Reads <paramref name="count"/> consecutive values from flat (row-major) index <paramref name="start"/>,
    /// without copying the whole tensor: a display of a large tensor on a GPU needs only its corners.
    /// </summary>
    internal float[] ReadRange(long start, int count)
    {
        var result = new float[count];
        Backend.CopyToArray(Storage, start, result);
        return result;
    }
}
