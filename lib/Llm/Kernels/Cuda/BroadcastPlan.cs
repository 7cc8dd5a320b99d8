namespace Llm.Kernels;

/// <summary>
/// How a broadcasting kernel walks its inputs: the output shape with neighbouring dimensions merged
/// wherever every input steps through them as one (a [B, T, C] + [C] bias add becomes [B·T, C] with
/// strides [C, 1] and [0, 1]). Fewer dimensions mean fewer divisions per element in the kernel.
/// </summary>
/// <param name="Shape">The merged output shape (no dimension of size 1; empty for a single element).</param>
/// <param name="Strides">For each input, its stride along each merged dimension (0 where broadcast).</param>
internal sealed record BroadcastPlan(int[] Shape, int[][] Strides)
{
    public int Rank => Shape.Length;

    /// <summary>The plan for inputs of <paramref name="inputShapes"/> broadcast to <paramref name="outShape"/>.</summary>
    public static BroadcastPlan Create(int[] outShape, params int[][] inputShapes)
    {
        var strides = inputShapes.Select(s => Llm.Shape.BroadcastStrides(s, outShape)).ToArray();
        var dims = new List<int>();
        var merged = inputShapes.Select(_ => new List<long>()).ToArray();
        for (var d = 0; d < outShape.Length; d++)
        {
            if (outShape[d] == 1)
            {
                continue; // a dimension of one element moves nothing
            }

            // Merge into the previous dimension when, for every input, one step there equals
            // outShape[d] steps here (both contiguous, or both broadcast).
            var last = dims.Count - 1;
            var mergeable = last >= 0 && strides.Select((s, i) => merged[i][last] == s[d] * outShape[d]).All(ok => ok);
            if (mergeable)
            {
                dims[last] *= outShape[d];
                for (var i = 0; i < strides.Length; i++)
                {
                    merged[i][last] = strides[i][d];
                }
            }
            else
            {
                dims.Add(outShape[d]);
                for (var i = 0; i < strides.Length; i++)
                {
                    merged[i].Add(strides[i][d]);
                }
            }
        }

        if (dims.Count > Dims.Capacity)
        {
            throw new NotSupportedException($"The CUDA backend broadcasts at most {Dims.Capacity} dimensions; shape {Llm.Shape.Format(outShape)} needs {dims.Count}.");
        }

        return new BroadcastPlan([.. dims], merged.Select(m => m.Select(v => checked((int)v)).ToArray()).ToArray());
    }
}
