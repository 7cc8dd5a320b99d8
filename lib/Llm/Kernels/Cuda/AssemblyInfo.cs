using System.Runtime.CompilerServices;

// The GPU check program compares the CUDA backend with the CPU one kernel by kernel.
[assembly: InternalsVisibleTo("Llm.GpuCheck")]
