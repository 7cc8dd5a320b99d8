namespace Llm;

/// <summary>
/// How a tensor shows in a notebook. The engine draws nothing itself: the course (Llm.Course.dll)
/// renders a tensor as a table, and the notebook kernel finds that renderer through the attribute
/// below, by name, when the course is loaded. Without the course the kernel shows a tensor with its
/// default view of any object, a tree of its properties; a console or a log shows <see cref="ToString"/>.
/// </summary>
[TypeFormatterSource("Llm.Display.LlmFormatterSource, Llm.Course", PreferredMimeTypes = ["text/html", "text/plain"])]
public sealed partial class Tensor
{
    /// <summary>
    /// Reads <paramref name="count"/> consecutive values from flat (row-major) index <paramref name="start"/>,
    /// without copying the whole tensor: a display of a large tensor on a GPU needs only its corners,
    /// and generation reads only the last position's logits.
    /// </summary>
    public float[] ReadRange(long start, int count)
    {
        if (start < 0 || count < 0 || start + count > Numel)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"ReadRange({start}, {count}) reaches outside a tensor of {Numel} elements (shape {Llm.Shape.Format(shape)}).");
        }

        var result = new float[count];
        Backend.CopyToArray(Storage, start, result);
        return result;
    }
}

/// <summary>
/// The notebook kernel's convention for rich display without referencing the kernel (.NET
/// Interactive looks for an attribute with exactly this name and reads <see cref="FormatterSourceType"/>).
/// The type is named, not referenced, so the engine does not depend on the course: when
/// Llm.Course is not loaded the name resolves to nothing and the kernel uses its default view.
/// The name is looked up among the assemblies already loaded, never loaded from here: in the real
/// kernel (through Jupyter) a load by name from the engine reaches the kernel's own assembly loader,
/// which refuses it as a second, unsigned assembly named Llm.Course, and the cell fails.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(string formatterSourceTypeName) : Attribute
{
    public Type? FormatterSourceType
    {
        get
        {
            var parts = formatterSourceTypeName.Split(',', StringSplitOptions.TrimEntries); // "Type, Assembly"
            return AppDomain.CurrentDomain.GetAssemblies()
                .Where(assembly => assembly.GetName().Name == parts[1])
                .Select(assembly => assembly.GetType(parts[0], throwOnError: false))
                .FirstOrDefault(type => type is not null);
        }
    }

    public string[]? PreferredMimeTypes { get; set; }
}
