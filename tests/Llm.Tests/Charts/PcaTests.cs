using Llm.Charts;

namespace Llm.Tests.Charts;

public class PcaTests
{
    // Orthonormal directions: u, v in the xy-plane, rotated; z unused.
    private static readonly double[] U = [0.6, 0.8, 0];
    private static readonly double[] V = [-0.8, 0.6, 0];
    private static readonly double[] Offset = [5, -2, 7];

    /// <summary>Four points t·u + s·v + offset with t = ±3, s = ±1: variance 12 along u, 4/3 along v, none along z.</summary>
    private static double[,] KnownData()
    {
        (double T, double S)[] coefficients = [(-3, -1), (-3, 1), (3, -1), (3, 1)];
        var data = new double[4, 3];
        for (var i = 0; i < 4; i++)
        {
            for (var d = 0; d < 3; d++)
            {
                data[i, d] = (coefficients[i].T * U[d]) + (coefficients[i].S * V[d]) + Offset[d];
            }
        }

        return data;
    }

    [Fact]
    public void FindsTheKnownDirectionsAndVariances()
    {
        var result = Pca.Project(KnownData());

        // Signs are fixed so each direction's largest entry is positive: u as is, v flipped.
        AssertClose([0.6, 0.8, 0], Row(result.Components, 0));
        AssertClose([0.8, -0.6, 0], Row(result.Components, 1));
        AssertClose([12, 4.0 / 3], result.ExplainedVariance);
        AssertClose([0.9, 0.1], result.ExplainedVarianceRatio);
        AssertClose(Offset, result.Mean);
    }

    [Fact]
    public void ProjectsEachPointOntoTheDirections()
    {
        var points = Pca.Project(KnownData()).Points;
        Assert.Equal(4, points.GetLength(0));
        Assert.Equal(2, points.GetLength(1));
        AssertClose([-3, 1], Row(points, 0));
        AssertClose([3, -1], Row(points, 3));
    }

    [Fact]
    public void TheSameDataAlwaysGivesTheSamePicture()
    {
        var a = Pca.Project(KnownData()).Points;
        var b = Pca.Project(KnownData()).Points;
        Assert.Equal(a.Cast<double>(), b.Cast<double>());
    }

    [Fact]
    public void TakesFloatsAndTensors()
    {
        var floats = new float[4, 3];
        var data = KnownData();
        for (var i = 0; i < 4; i++)
        {
            for (var d = 0; d < 3; d++)
            {
                floats[i, d] = (float)data[i, d];
            }
        }

        AssertClose([12, 4.0 / 3], Pca.Project(floats).ExplainedVariance, 1e-4);
        var tensor = Tensor.FromArray(floats.Cast<float>().ToArray(), 4, 3);
        AssertClose([12, 4.0 / 3, 0], Pca.Project(tensor, components: 3).ExplainedVariance, 1e-4);
    }

    [Fact]
    public void TooFewRowsOrComponentsAreClearErrors()
    {
        Assert.Throws<ArgumentException>(() => Pca.Project(new double[1, 5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pca.Project(new double[3, 5], components: 4));
        Assert.Throws<ArgumentException>(() => Pca.Project(Tensor.Zeros(2, 2, 2)));
    }

    private static double[] Row(double[,] matrix, int row) =>
        Enumerable.Range(0, matrix.GetLength(1)).Select(c => matrix[row, c]).ToArray();

    private static void AssertClose(double[] expected, double[] actual, double tolerance = 1e-9)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
