namespace Llm.Display;

/// <summary>
/// One way to show one type: the shape .NET Interactive expects of a formatter found by convention
/// (public MimeType, Type and Format). Format returns false for values it does not handle, and
/// the kernel then tries the next formatter.
/// </summary>
public sealed class TypeFormatter(Type type, string mimeType, Func<object, string?> format)
{
    public string MimeType { get; } = mimeType;

    public Type Type { get; } = type;

    public bool Format(object instance, TextWriter writer)
    {
        if (!Type.IsInstanceOfType(instance) || format(instance) is not { } text)
        {
            return false;
        }

        writer.Write(text);
        return true;
    }

    public override string ToString() => $"{Type.Name} → {MimeType}";
}
