using System.Text.RegularExpressions;

namespace Llm.Kernels;

/// <summary>
/// The whole CUDA C++ program: the kernel files joined in order (helpers first), compiled once by
/// NVRTC when the backend starts. <see cref="Names"/> lists the kernels the backend launches; a
/// test checks that each is defined exactly once, so a typo fails on any machine, not just on a GPU.
/// </summary>
internal static partial class KernelSource
{
    public const string BinarySame = "binary_same";
    public const string BinaryBroadcast = "binary_broadcast";
    public const string MaskedFill = "masked_fill";
    public const string Unary = "unary";
    public const string UnaryBackward = "unary_backward";
    public const string CopyBlocks = "copy_blocks";
    public const string Transpose = "transpose";
    public const string SumRows = "sum_rows";
    public const string SumChunks = "sum_chunks";
    public const string SumColumnsChunks = "sum_columns_chunks";
    public const string SumColumns = "sum_columns";
    public const string SumGeneral = "sum_general";
    public const string SumSquaresChunks = "sum_squares_chunks";
    public const string SumDoubles = "sum_doubles";
    public const string SoftmaxForward = "softmax_forward";
    public const string SoftmaxBackward = "softmax_backward";
    public const string CrossEntropyForward = "cross_entropy_forward";
    public const string CrossEntropyBackward = "cross_entropy_backward";
    public const string LayerNormForward = "layer_norm_forward";
    public const string LayerNormBackwardInput = "layer_norm_backward_input";
    public const string LayerNormBackwardParamsChunks = "layer_norm_backward_params_chunks";
    public const string EmbeddingForward = "embedding_forward";
    public const string EmbeddingBackward = "embedding_backward";
    public const string Dropout = "dropout";
    public const string AdamW = "adamw";

    /// <summary>Every kernel the backend looks up.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        BinarySame, BinaryBroadcast, MaskedFill, Unary, UnaryBackward, CopyBlocks, Transpose,
        SumRows, SumChunks, SumColumnsChunks, SumColumns, SumGeneral, SumSquaresChunks, SumDoubles,
        SoftmaxForward, SoftmaxBackward, CrossEntropyForward, CrossEntropyBackward,
        LayerNormForward, LayerNormBackwardInput, LayerNormBackwardParamsChunks,
        EmbeddingForward, EmbeddingBackward, Dropout, AdamW,
    ];

    /// <summary>The program text.</summary>
    public static string Assemble() => string.Concat(
        CommonCu.Source,
        BinaryCu.Source,
        MaskedFillCu.Source,
        UnaryCu.Source,
        CopyCu.Source,
        ReduceCu.Source,
        SoftmaxCu.Source,
        CrossEntropyCu.Source,
        LayerNormCu.Source,
        EmbeddingCu.Source,
        DropoutCu.Source,
        AdamWCu.Source);

    /// <summary>The names of the <c>extern "C" __global__</c> functions defined in <paramref name="source"/>, in order.</summary>
    public static IReadOnlyList<string> GlobalFunctions(string source) =>
        GlobalFunction().Matches(source).Select(m => m.Groups[1].Value).ToArray();

    [GeneratedRegex(@"extern ""C"" __global__ void (?:__launch_bounds__\(\d+\) )?(\w+)\s*\(")]
    private static partial Regex GlobalFunction();
}
