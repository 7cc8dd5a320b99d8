namespace Llm.Display;

/// <summary>
/// Tells .NET Interactive (Polyglot Notebooks) how to display a type, without the library
/// referencing it: the kernel looks for an attribute with exactly this name, in any namespace,
/// creates <see cref="FormatterSourceType"/> and asks it for formatters (see <see cref="LlmFormatterSource"/>).
/// <see cref="Formatting"/> follows the same convention for our own notebook runner.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>
    /// The MIME types the kernel emits for a displayed value, most preferred first (the kernel
    /// writes them all into the notebook and the front end picks the richest it can render).
    /// Without it, the kernel uses text/html only.
    /// </summary>
    public string[]? PreferredMimeTypes { get; set; }
}
