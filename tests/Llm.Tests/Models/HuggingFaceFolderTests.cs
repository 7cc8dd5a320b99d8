using Llm.Models;
using Llm.Serialization;
using Llm.Tests.Tokenizers;

namespace Llm.Tests.Models;

/// <summary>A GPT-2 folder as Hugging Face tools write it: "transformer." prefixes, half-precision weights, the mask buffers.</summary>
public class HuggingFaceFolderTests
{
    [Fact]
    public void HalfPrecisionWeightsWithBuffersAndPrefixesLoad()
    {
        using var dir = new TempDirectory();
        var original = new Gpt(new GptConfig { VocabSize = 12, BlockSize = 8, Layers = 2, Heads = 2, Embd = 8, Seed = 9 });
        Gpt2Layout.Save(dir.Path, original);
        var (stored, _) = SafeTensors.Load(dir.File(Gpt2Layout.WeightsFile)); // as stored: Conv1D matrices [in, out]

        // The same tensors in F16, renamed and joined by the buffers GPT2LMHeadModel saves.
        var entries = stored.Select(p => ("transformer." + p.Key, "F16", p.Value.Shape.ToArray(), ToHalf(p.Value.ToArray()))).ToList();
        for (var layer = 0; layer < 2; layer++)
        {
            entries.Add(($"transformer.h.{layer}.attn.bias", "BOOL", [1, 1, 8, 8], new byte[64]));
            entries.Add(($"transformer.h.{layer}.attn.masked_bias", "F32", [], new byte[4]));
        }

        HandWrittenSafeTensors.Write(dir.File(Gpt2Layout.WeightsFile), [.. entries]);

        var (loaded, _) = Gpt2Layout.Load(dir.Path);

        var want = original.NamedParameters().ToDictionary(p => p.Name, p => p.Tensor.ToArray());
        foreach (var p in loaded.NamedParameters())
        {
            // Each weight comes back as its nearest half-precision value.
            Assert.Equal(want[p.Name].Select(v => (float)(Half)v), p.Tensor.ToArray());
        }
    }

    private static byte[] ToHalf(float[] values) =>
        HandWrittenSafeTensors.Bits([.. values.Select(v => BitConverter.HalfToUInt16Bits((Half)v))]);
}
