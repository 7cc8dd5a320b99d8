
namespace Llm.Kernels;

/// <summary>Functions of one element and their derivatives: dx = f'(x)·dy.</summary>
public sealed partial class ReferenceBackend
{
    private const double GeluScale = 0.7978845608028654; // √(2/π)
    private const double GeluCube = 0.044715;

    public void Unary(in UnaryArgs args)
    {
        var (op, x, y, n, scalar) = args;
        var (xv, yv) = (Data(x), Data(y));
        for (long i = 0; i < n; i++)
        {
            yv[i] = (float)F(op, xv[i], scalar);
        }
    }

    public void UnaryBackward(in UnaryBackwardArgs args)
    {
        var (op, x, y, dy, dx, n, scalar, accumulate) = args;
        var (xv, dyv, dxv) = (Data(x), Data(dy), Data(dx));
        for (long i = 0; i < n; i++)
        {
            var d = Derivative(op, xv[i], scalar) * dyv[i];
            dxv[i] = (float)(accumulate ? dxv[i] + d : d);
        }
    }

    private static double F(UnaryOp op, double x, double s) => op switch
    {
        UnaryOp.AddScalar => x + s,
        UnaryOp.MulScalar => x * s,
        UnaryOp.PowScalar => Math.Pow(x, s),
        UnaryOp.Relu => Math.Max(x, 0),
        UnaryOp.Gelu => 0.5 * x * (1 + Math.Tanh(GeluScale * (x + (GeluCube * x * x * x)))),  // Hendrycks & Gimpel 2016, tanh form (GPT-2)
        UnaryOp.Tanh => Math.Tanh(x),
        UnaryOp.Exp => Math.Exp(x),
        UnaryOp.Log => Math.Log(x),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    // f'(x), from the rules of differentiation; GELU's by the product and chain rules on its tanh form.
    private static double Derivative(UnaryOp op, double x, double s)
    {
        switch (op)
        {
            case UnaryOp.AddScalar: return 1;                          // d(x + s)/dx = 1
            case UnaryOp.MulScalar: return s;                          // d(x·s)/dx = s
            case UnaryOp.PowScalar: return s * Math.Pow(x, s - 1);     // d(xˢ)/dx = s·xˢ⁻¹
            case UnaryOp.Relu: return x > 0 ? 1 : 0;                   // 0 at x = 0, as PyTorch
            case UnaryOp.Tanh: return 1 - (Math.Tanh(x) * Math.Tanh(x));   // 1 − tanh²x
            case UnaryOp.Exp: return Math.Exp(x);                      // eˣ
            case UnaryOp.Log: return 1 / x;                            // 1/x
            case UnaryOp.Gelu:
                // t = tanh(√(2/π)·(x + 0.044715x³)):  0.5·(1 + t) + 0.5·x·(1 − t²)·√(2/π)·(1 + 3·0.044715x²)
                var t = Math.Tanh(GeluScale * (x + (GeluCube * x * x * x)));
                return (0.5 * (1 + t)) + (0.5 * x * (1 - (t * t)) * GeluScale * (1 + (3 * GeluCube * x * x)));
            default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }
}
