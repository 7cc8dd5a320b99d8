using Llm.Models;
using Llm.Optim;

namespace Llm.Tests.Smoke;

public class GptSmokeTests
{
    [Fact]
    public void SmallGptLossFallsOnOneBatch()
    {
        var config = new GptConfig { VocabSize = 50, BlockSize = 16, Layers = 2, Heads = 2, Embd = 32 };
        var model = new Gpt(config);
        var optimizer = new AdamW(model, lr: 1e-2f);
        var g = new Generator(1);
        var ids = Enumerable.Range(0, 4 * 16).Select(_ => g.NextInt(50)).ToArray();
        var targets = ids.Skip(1).Append(0).ToArray();
        var first = 0f;
        var last = 0f;
        for (var step = 0; step < 10; step++)
        {
            var (_, loss) = model.Forward(ids, targets, 4, 16);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            last = loss.Item();
            if (step == 0)
            {
                first = last;
            }
        }

        Assert.InRange(first, 3.5f, 4.3f); // ≈ ln 50 = 3.91 at random init
        Assert.True(last < first - 0.5f, $"loss {first} -> {last}");
    }
}
