using MathNet.Numerics.LinearAlgebra;

namespace Llm.Charts;

/// <summary>
/// The result of <see cref="Pca.Project(double[,], int)"/>: each row's coordinates along the principal
/// directions, and how much of the data's variance each direction explains.
/// </summary>
/// <param name="Points">[n, k]: row i is sample i in the new coordinates.</param>
/// <param name="Components">[k, d]: row j is the j-th principal direction (a unit vector in the original space).</param>
/// <param name="ExplainedVariance">The variance along each direction (eigenvalues of the covariance matrix).</param>
/// <param name="ExplainedVarianceRatio">The same as a share of the total variance (sums to ≤ 1).</param>
/// <param name="Mean">The mean row that was subtracted before projecting.</param>
public sealed record PcaResult(double[,] Points, double[,] Components, double[] ExplainedVariance, double[] ExplainedVarianceRatio, double[] Mean);

/// <summary>
/// Principal component analysis: the directions along which the rows of a matrix vary most.
/// Projecting embeddings (one row per token, C columns) on the first two gives a picture in which
/// tokens the model treats alike sit close together.
/// </summary>
public static class Pca
{
    /// <summary>Projects the rows of <paramref name="data"/> [n, d] onto its first <paramref name="components"/> principal directions.</summary>
    public static PcaResult Project(double[,] data, int components = 2)
    {
        var (n, d) = (data.GetLength(0), data.GetLength(1));
        if (n < 2)
        {
            throw new ArgumentException($"PCA needs at least 2 rows to measure variance, got {n}.");
        }

        if (components < 1 || components > Math.Min(n, d))
        {
            throw new ArgumentOutOfRangeException(nameof(components), $"PCA of a [{n}, {d}] matrix gives 1 to {Math.Min(n, d)} components; asked for {components}.");
        }

        // Centre each column: principal directions describe variation around the mean.
        var x = Matrix<double>.Build.DenseOfArray(data);
        var mean = x.ColumnSums() / n;
        var centred = x - Matrix<double>.Build.Dense(n, d, (_, c) => mean[c]);

        // X = U·S·Vᵀ: the columns of V are the principal directions, and the covariance XᵀX/(n−1)
        // has eigenvalues s²/(n−1) (Jolliffe, "Principal Component Analysis", 2002, §3.5).
        var svd = centred.Svd(computeVectors: true);
        var v = svd.VT.Transpose().SubMatrix(0, d, 0, components);     // (d, k)
        var s = svd.S;

        // An SVD's signs are arbitrary; fix them so each direction's largest entry is positive and
        // the same data always gives the same picture.
        for (var j = 0; j < components; j++)
        {
            var column = v.Column(j);
            if (column[column.AbsoluteMaximumIndex()] < 0)
            {
                v.SetColumn(j, -column);
            }
        }

        var projected = centred * v;                                     // (n, k)
        var variance = s.Select(value => value * value / (n - 1)).ToArray();
        var total = variance.Sum();
        var explained = variance.Take(components).ToArray();
        return new PcaResult(
            projected.ToArray(),
            v.Transpose().ToArray(),
            explained,
            explained.Select(e => total > 0 ? e / total : 0).ToArray(),
            mean.ToArray());
    }

    public static PcaResult Project(float[,] data, int components = 2) => Project(ChartData.ToMatrix(data), components);

    /// <summary>Projects the rows of a 2-D tensor, e.g. an embedding table [V, C].</summary>
    public static PcaResult Project(Tensor data, int components = 2) => Project(ChartData.ToMatrix(data, "Pca.Project"), components);
}
