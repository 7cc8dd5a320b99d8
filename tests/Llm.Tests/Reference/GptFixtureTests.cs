using Llm.Models;
using Llm.Optim;
using Xunit.Abstractions;

namespace Llm.Tests.Reference;

/// <summary>
/// A whole small GPT against the same model written in PyTorch (Fixtures/gpt.safetensors, see
/// Fixtures/generate_fixtures.py): same weights and batch, then logits, loss, every parameter
/// gradient, and 10 steps of AdamW.
/// </summary>
public class GptFixtureTests(ITestOutputHelper output)
{
    private const int Batch = 4;
    private const int Time = 16;

    private static readonly Fixture Reference = Fixture.Load("gpt.safetensors");

    [Fact]
    public void ParameterNamesAndWeightDecayMatchPyTorch()
    {
        var model = NewModel();
        var torchNames = Reference.Tensors.Keys
            .Where(k => k.StartsWith("grad.", StringComparison.Ordinal))
            .Select(k => k["grad.".Length..]);
        Assert.Equal(torchNames.Order(StringComparer.Ordinal), model.NamedParameters().Select(p => p.Name).Order(StringComparer.Ordinal));

        // Our AdamW decays exactly the parameters marked Decay; the script's decayed group must be the same set.
        var torchDecayed = Reference.Metadata["decay"].Split(',');
        Assert.Equal(torchDecayed.Order(StringComparer.Ordinal), model.NamedParameters().Where(p => p.Decay).Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LogitsAndLossMatchPyTorch()
    {
        var model = NewModel();
        var (logits, loss) = model.Forward(Reference.Ints("ids"), Reference.Ints("targets"), Batch, Time);

        // Logits are of order 1 and come out of two blocks of float32 sums: we see 3e-6 at most.
        Compare.Close(output, "logits", logits, Reference["logits"], rtol: 1e-4, atol: 1e-5);
        Compare.Close(output, "loss", loss, Reference["loss"], rtol: 1e-6, atol: 0); // a few ulps of ~5
    }

    [Fact]
    public void EveryGradientMatchesPyTorch()
    {
        var model = NewModel();
        var (_, loss) = model.Forward(Reference.Ints("ids"), Reference.Ints("targets"), Batch, Time);
        loss.Backward();

        // Gradients are of order 1e-2 here, so the absolute floor is 1e-6 (we see 2e-7 at most); the
        // key bias's gradient is 0 in exact arithmetic (see CompareQueryAndValueBias) and ~1e-9 in both.
        foreach (var p in model.NamedParameters())
        {
            Compare.Close(output, $"grad.{p.Name}", p.Tensor.Grad!, Reference[$"grad.{p.Name}"], rtol: 1e-4, atol: 1e-6);
        }
    }

    [Fact]
    public void TenAdamWStepsMatchPyTorch()
    {
        var model = NewModel();
        var optimizer = new AdamW(model, lr: 1e-3f, weightDecay: 0.1f);
        var ids = Reference.Ints("ids");
        var targets = Reference.Ints("targets");
        var losses = new float[10];
        for (var step = 0; step < losses.Length; step++)
        {
            optimizer.ZeroGrad();
            model.Forward(ids, targets, Batch, Time).Loss.Backward();
            optimizer.Step();
            using (Tensor.NoGrad())
            {
                losses[step] = model.Forward(ids, targets, Batch, Time).Loss.Item();
            }
        }

        // Differences compound over the steps, but the losses still agree to about 5e-7 relative;
        // 1e-5 leaves room for a matrix product that sums in another order.
        Compare.Close(output, "adamw.losses", Tensor.FromArray(losses), Reference["adamw.losses"], rtol: 1e-5, atol: 0);
        foreach (var p in model.NamedParameters())
        {
            var torch = Reference[$"adamw.{p.Name}"];
            if (p.Name.EndsWith("attn.c_attn.bias", StringComparison.Ordinal))
            {
                CompareQueryAndValueBias($"adamw.{p.Name}", p.Tensor, torch);
            }
            else
            {
                Compare.Close(output, $"adamw.{p.Name}", p.Tensor, torch, rtol: 1e-4, atol: 1e-5);
            }
        }
    }

    // The key third of c_attn's bias has no gradient in exact arithmetic: it adds q·b to every
    // score of a query's row, and softmax ignores such a shift. Both frameworks compute about 1e-9
    // of rounding noise for it, which Adam divides by its own size into steps of ±lr, so after 10
    // steps those values are noise on both sides and only the query and value thirds are compared.
    private void CompareQueryAndValueBias(string name, Tensor ours, Tensor torch)
    {
        using (Tensor.NoGrad())
        {
            var (oursThirds, torchThirds) = (ours.Split(3, axis: 0), torch.Split(3, axis: 0)); // query, key, value
            Compare.Close(output, $"{name} (query)", oursThirds[0], torchThirds[0], rtol: 1e-4, atol: 1e-5);
            Compare.Close(output, $"{name} (value)", oursThirds[2], torchThirds[2], rtol: 1e-4, atol: 1e-5);
        }
    }

    private static Gpt NewModel()
    {
        var model = new Gpt(new GptConfig { VocabSize = 50, BlockSize = 16, Layers = 2, Heads = 2, Embd = 32, Dropout = 0 });
        model.LoadStateDict(Reference.Tensors);
        return model;
    }
}
