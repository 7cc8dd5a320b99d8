using System.Numerics.Tensors;

namespace Llm.Kernels;

/// <summary>Unary functions and their derivatives on one block of a tensor.</summary>
public sealed partial class CpuBackend
{
    // GELU, tanh form (Hendrycks & Gimpel 2016, as in GPT-2): 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
    private const float GeluScale = 0.7978845608028654f; // √(2/π)
    private const float GeluCube = 0.044715f;

    private static void UnaryBlock(UnaryOp op, ReadOnlySpan<float> x, Span<float> y, float s)
    {
        switch (op)
        {
            case UnaryOp.AddScalar: TensorPrimitives.Add(x, s, y); break;
            case UnaryOp.MulScalar: TensorPrimitives.Multiply(x, s, y); break;
            case UnaryOp.PowScalar: TensorPrimitives.Pow(x, s, y); break;
            case UnaryOp.Relu: TensorPrimitives.Max(x, 0f, y); break;
            case UnaryOp.Tanh: TensorPrimitives.Tanh(x, y); break;
            case UnaryOp.Exp: TensorPrimitives.Exp(x, y); break;
            case UnaryOp.Log: TensorPrimitives.Log(x, y); break;
            case UnaryOp.Gelu: Gelu(x, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    private static void Gelu(ReadOnlySpan<float> x, Span<float> y)
    {
        Span<float> t = stackalloc float[x.Length];
        GeluInnerTanh(x, t);
        TensorPrimitives.Add(t, 1f, t);
        TensorPrimitives.Multiply(t, 0.5f, t); // 0.5·(1 + t)
        TensorPrimitives.Multiply(t, x, y);
    }

    // t = tanh(√(2/π)·(x + 0.044715·x³))
    private static void GeluInnerTanh(ReadOnlySpan<float> x, Span<float> t)
    {
        TensorPrimitives.Multiply(x, x, t);
        TensorPrimitives.Multiply(t, GeluCube, t);
        TensorPrimitives.Add(t, 1f, t);
        TensorPrimitives.Multiply(t, x, t);
        TensorPrimitives.Multiply(t, GeluScale, t);
        TensorPrimitives.Tanh(t, t);
    }

    // d = 0.5·(1 + t) + 0.5·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²), t = tanh(√(2/π)·(x + 0.044715·x³)), in vector passes.
    private static void GeluDerivative(ReadOnlySpan<float> x, Span<float> d)
    {
        Span<float> t = stackalloc float[x.Length];
        Span<float> u = stackalloc float[x.Length];
        GeluInnerTanh(x, t);
        TensorPrimitives.Multiply(x, x, u);
        TensorPrimitives.Multiply(u, 3f * GeluCube, u);
        TensorPrimitives.Add(u, 1f, u);                           // 1 + 3·0.044715·x²
        TensorPrimitives.Multiply(u, x, u);
        TensorPrimitives.Multiply(u, 0.5f * GeluScale, u);        // 0.5·x·√(2/π)·(1 + 3·0.044715·x²)
        TensorPrimitives.Multiply(t, t, d);
        TensorPrimitives.Subtract(1f, d, d);                      // 1 − t²
        TensorPrimitives.Multiply(d, u, u);
        TensorPrimitives.Add(t, 1f, t);
        TensorPrimitives.Multiply(t, 0.5f, t);                    // 0.5·(1 + t)
        TensorPrimitives.Add(t, u, d);
    }

    // d[i] = f'(x[i]); y is f(x) where that is the cheaper form.
    private static void UnaryDerivative(UnaryOp op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d, float s)
    {
        switch (op)
        {
            case UnaryOp.AddScalar: d.Fill(1f); break;                                        // d(x+s)/dx = 1
            case UnaryOp.MulScalar: d.Fill(s); break;                                         // d(x·s)/dx = s
            case UnaryOp.PowScalar: TensorPrimitives.Pow(x, s - 1f, d); TensorPrimitives.Multiply(d, s, d); break; // s·x^(s−1)
            case UnaryOp.Tanh: TensorPrimitives.Multiply(y, y, d); TensorPrimitives.Subtract(1f, d, d); break;   // 1 − tanh²
            case UnaryOp.Exp: y.CopyTo(d); break;                                             // eˣ
            case UnaryOp.Log: TensorPrimitives.Divide(1f, x, d); break;                        // 1/x
            case UnaryOp.Relu:                                                                 // 1 where x > 0
                for (var i = 0; i < x.Length; i++)
                {
                    d[i] = x[i] > 0f ? 1f : 0f;
                }

                break;
            case UnaryOp.Gelu:
                // d/dx = 0.5·(1 + t) + 0.5·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²)
                GeluDerivative(x, d);

                break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    public void Unary(in UnaryArgs args)
    {
        var (op, x, y, n, scalar) = args;
        var xv = Data(x);
        var yv = Data(y);
        ForBlocks(n, (start, len) => UnaryBlock(op, xv.AsSpan(start, len), yv.AsSpan(start, len), scalar));
    }

    public void UnaryBackward(in UnaryBackwardArgs args)
    {
        var (op, x, y, dy, dx, n, scalar, accumulate) = args;
        var xv = Data(x);
        var yv = Data(y);
        var dyv = Data(dy);
        var dxv = Data(dx);
        ForBlocks(n, (start, len) =>
        {
            Span<float> local = stackalloc float[len];
            UnaryDerivative(op, xv.AsSpan(start, len), yv.AsSpan(start, len), local, scalar);
            TensorPrimitives.Multiply(local, dyv.AsSpan(start, len), local);
            var target = dxv.AsSpan(start, len);
            if (accumulate)
            {
                TensorPrimitives.Add(target, local, target);
            }
            else
            {
                local.CopyTo(target);
            }
        });
    }
}
