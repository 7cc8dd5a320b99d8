namespace Llm.Tests.Smoke;

public class SmokeTests
{
    [Fact]
    public void MatMulAndBackwardRun()
    {
        var a = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        a.RequiresGrad = true;
        var b = Tensor.FromArray([1, 0, 0, 1, 1, 1], 3, 2);
        var c = a.MatMul(b);
        Assert.Equal([4f, 5f, 10f, 11f], c.ToArray());
        c.Sum().Backward();
        Assert.Equal([1f, 1f, 2f, 1f, 1f, 2f], a.Grad!.ToArray());
    }
}
