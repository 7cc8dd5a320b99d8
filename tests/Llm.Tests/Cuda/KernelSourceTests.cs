
using Llm.Kernels;

namespace Llm.Tests.Cuda;

/// <summary>The CUDA program is assembled from C# strings: these checks catch a missing or misspelt kernel on any machine.</summary>
public class KernelSourceTests
{
    private static readonly string Source = KernelSource.Assemble();

    [Fact]
    public void EveryKernelTheBackendLaunchesIsDefinedOnce()
    {
        var defined = KernelSource.GlobalFunctions(Source);
        foreach (var name in KernelSource.Names)
        {
            Assert.Equal(1, defined.Count(d => d == name));
        }
    }

    [Fact]
    public void EveryDefinedKernelIsLaunchedAndNamesAreUnique()
    {
        var defined = KernelSource.GlobalFunctions(Source);
        Assert.Equal(defined.Count, defined.Distinct().Count());
        Assert.Equal(KernelSource.Names.Count, KernelSource.Names.Distinct().Count());
        Assert.Equal(KernelSource.Names.Order(), defined.Order());
    }

    [Fact]
    public void SourceIsWellFormed()
    {
        // Outside comments (which write intervals like [a, b)), brackets balance: an interpolation
        // slip in a $$""" string would leave one over. And no {{ }} is left.
        var code = string.Join('\n', Source.Split('\n').Select(line => line.Split("//")[0]));
        Assert.Equal(code.Count(c => c == '{'), code.Count(c => c == '}'));
        Assert.Equal(code.Count(c => c == '('), code.Count(c => c == ')'));
        Assert.Equal(code.Count(c => c == '['), code.Count(c => c == ']'));
        Assert.DoesNotContain("{{", Source);
        Assert.DoesNotContain("}}", Source);
        Assert.DoesNotContain("#include", Source); // NVRTC finds no standard headers
    }

    [Fact]
    public void DropoutUsesTheSameHashAsTheCpu()
    {
        // Generator.Hash: SplitMix64's finalizer on seed + (index + 1)·golden ratio.
        Assert.Contains("0x9E3779B97F4A7C15ULL", Source);
        Assert.Contains("0xBF58476D1CE4E5B9ULL", Source);
        Assert.Contains("0x94D049BB133111EBULL", Source);
        Assert.Contains("(z ^ (z >> 31)) >> 32", Source);
    }

    [Fact]
    public void OpCodesAreTheEnumValues()
    {
        Assert.Contains($"case {(int)Llm.Kernels.UnaryOp.Gelu}: return 0.5f * x * (1.0f + gelu_inner_tanh(x));", Source);
        Assert.Contains($"case {(int)Llm.Kernels.BinaryOp.Multiply}: return a * b;", Source);
    }
}
