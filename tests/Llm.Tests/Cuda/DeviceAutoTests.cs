using Llm.Kernels;
using Llm.Models;
using Llm.Nn;

namespace Llm.Tests.Cuda;

/// <summary>Device.Auto and its one-line description, on whatever machine runs the tests.</summary>
public class DeviceAutoTests
{
    [Fact]
    public void AutoPicksCudaExactlyWhenItIsUsable()
    {
        var status = CudaProbe.Current;
        Assert.Equal(status.Usable ? Device.Cuda : Device.Cpu, Device.Auto);
        var line = Device.Auto.Describe();
        Assert.DoesNotContain('\n', line);
        if (status.Usable)
        {
            Assert.StartsWith("cuda:0 — ", line);
            Assert.Contains("CUDA driver", line);
        }
        else
        {
            Assert.StartsWith("cpu — ", line);
            Assert.Contains("threads (no CUDA: ", line);
            Assert.Contains(status.Reason!, line);
        }
    }

    [Fact]
    public void WithoutCudaAGpuTensorExplainsWhy()
    {
        if (CudaProbe.Current.Usable)
        {
            return;
        }

        var e = Assert.Throws<CudaUnavailableException>(() => Tensor.Zeros([2], Device.Cuda));
        Assert.Contains(CudaProbe.Current.Reason!, e.Message);
    }

    [Fact]
    public void MovingAModelToItsOwnDeviceKeepsItsParameters()
    {
        var model = new Gpt(new GptConfig { VocabSize = 11, BlockSize = 4, Layers = 1, Heads = 1, Embd = 8 });
        var before = model.Parameters().Select(p => p.Storage).ToArray();
        Assert.Same(model, model.To(Device.Cpu));
        Assert.Equal(before, model.Parameters().Select(p => p.Storage));
    }
}
