using Llm.Kernels;
using Llm.Cli;
using Llm.Tests.Tokenizers;

namespace Llm.Tests.Cli;

/// <summary>
/// The device `llm train` names on its first line: a few words on a machine without an NVIDIA GPU,
/// the library's whole explanation of why CUDA is not used when there is one (or with --verbose).
/// The machines are made up (<see cref="NvidiaHardware"/> takes the file system as functions).
/// </summary>
public class DeviceLineTests
{
    [Fact]
    public void A_machine_without_an_NVIDIA_GPU_gets_a_few_words()
    {
        var line = DeviceLine.Describe(Device.Cpu, Linux(pci: [("0000:00:02.0", "0x8086", "0x030000"), ("0000:00:03.0", "0x1af4", "0x020000")]), verbose: false);

        Assert.Equal($"cpu, {CpuParallel.Threads} threads; no NVIDIA GPU", line);
    }

    [Theory]
    [InlineData("/proc/driver/nvidia")]
    [InlineData("/dev/nvidiactl")]
    [InlineData("/dev/nvidia0")]
    [InlineData("/usr/lib/wsl/lib/libcuda.so.1")]
    public void A_machine_with_an_NVIDIA_GPU_CUDA_cannot_use_gets_the_library_s_explanation(string sign)
    {
        var machine = Linux(paths: [sign]);

        Assert.Equal(sign, machine.Sign());
        AssertFullExplanation(DeviceLine.Describe(Device.Cpu, machine, verbose: false));
    }

    [Fact]
    public void A_GPU_without_any_driver_is_seen_on_the_PCI_bus()
    {
        var machine = Linux(pci: [("0000:00:02.0", "0x8086", "0x030000"), ("0000:01:00.0", "0x10de", "0x030200")]);

        Assert.Equal("/sys/bus/pci/devices/0000:01:00.0", machine.Sign());
        AssertFullExplanation(DeviceLine.Describe(Device.Cpu, machine, verbose: false));
    }

    [Fact]
    public void An_NVIDIA_device_that_is_not_a_display_controller_is_no_GPU()
    {
        // A graphics card's own USB-C and audio functions carry NVIDIA's vendor id too.
        var machine = Linux(pci: [("0000:01:00.2", "0x10de", "0x0c0330"), ("0000:01:00.1", "0x10de", "0x040300")]);

        Assert.Null(machine.Sign());
    }

    [Fact]
    public void Verbose_gives_the_explanation_on_any_machine()
    {
        AssertFullExplanation(DeviceLine.Describe(Device.Cpu, Linux(), verbose: true));
    }

    [Fact]
    public void Windows_looks_for_the_driver_s_nvcuda_dll()
    {
        var nvcuda = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.System), "nvcuda.dll");
        var withDriver = new NvidiaHardware(true, path => path == nvcuda, _ => [], _ => null);
        var without = new NvidiaHardware(true, _ => false, _ => [], _ => null);

        Assert.Equal(nvcuda, withDriver.Sign());
        Assert.Null(without.Sign());
    }

    [Fact]
    public void Train_s_first_line_names_the_device_in_a_few_words_here_and_in_full_with_verbose()
    {
        // This machine has no NVIDIA GPU (the tests run on CPU machines; on a GPU machine this checks nothing).
        if (NvidiaHardware.ThisMachine.Sign() is not null || Device.Auto.Kind != DeviceKind.Cpu)
        {
            return;
        }

        using var dir = new TempDirectory();
        string[] tiny = ["train", "--steps", "1", "--layers", "1", "--heads", "1", "--embd", "8", "--block", "8", "--batch", "1", "--samples", "0", "--out", dir.File("run")];

        var plain = Cli.Run(tiny);
        var verbose = Cli.Run([.. tiny, "--verbose"]);

        Assert.Equal(0, plain.ExitCode);
        var first = plain.Output.Split('\n')[0];
        Assert.EndsWith($") on cpu, {CpuParallel.Threads} threads; no NVIDIA GPU", first);
        Assert.True(first.Length < 120, first);
        Assert.Equal(0, verbose.ExitCode);
        Assert.Contains("(no CUDA: ", verbose.Output.Split('\n')[0]);
    }

    /// <summary>The CPU's description with the probe's reason, as the library words it (the probe has run: Device.Auto runs it).</summary>
    private static void AssertFullExplanation(string line)
    {
        var chosen = Device.Auto;
        Assert.Equal(Device.Cpu.Describe(), line);
        if (chosen.Kind == DeviceKind.Cpu)
        {
            Assert.Contains("(no CUDA: ", line);
        }
    }

    private static NvidiaHardware Linux(string[]? paths = null, (string Slot, string Vendor, string Class)[]? pci = null)
    {
        var devices = (pci ?? []).ToDictionary(d => $"/sys/bus/pci/devices/{d.Slot}");
        return new NvidiaHardware(
            false,
            path => paths?.Contains(path) == true,
            folder => folder == "/sys/bus/pci/devices" ? devices.Keys : [],
            file => devices.TryGetValue(Path.GetDirectoryName(file)!, out var d) ? (Path.GetFileName(file) == "vendor" ? d.Vendor : d.Class) + "\n" : null);
    }
}
