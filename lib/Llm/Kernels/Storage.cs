namespace Llm;

/// <summary>
/// The flat block of float32 numbers behind one or more tensors. A backend owns its storage type;
/// model code never touches it. Several tensors can share one storage (a reshape is a view).
/// </summary>
public abstract class Storage
{
    /// <summary>Number of float32 elements.</summary>
    public abstract long Length { get; }

    public abstract Device Device { get; }
}
