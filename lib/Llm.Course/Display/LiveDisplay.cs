using System.Reflection;

namespace Llm.Display;

/// <summary>
/// A value shown below a notebook cell that can be redrawn in place while the cell runs, such as a
/// <see cref="TrainingView"/>:
/// <code>
/// var shown = LiveDisplay.Show(view);
/// for (…) { view.Report(step, loss); if (step % 20 == 0) shown.Update(view); }
/// shown.Update(view);   // the final frame: what the saved notebook keeps
/// </code>
/// Why not the kernel's own <c>display(view).Update(view)</c>: in .NET Interactive 1.0.712001 the
/// handle that <c>display</c> returns is a second DisplayedValue, with a display id of its own, not
/// the one the kernel announced (DisplayExtensions.Display in Microsoft.DotNet.Interactive.Formatting
/// raises one object and returns another). Its updates name an output that does not exist, so
/// VS Code and Jupyter keep the first frame. The kernel's KernelInvocationContext.Display returns the
/// very handle it announced; this class calls that one. The library does not reference the kernel
/// (the kernel loads the library, not the other way round), so it finds it by name at run time.
/// Outside a kernel (a console app, an exported notebook) the value is printed as text instead.
/// </summary>
public sealed class LiveDisplay
{
    private readonly object? handle;
    private readonly MethodInfo? update;

    private LiveDisplay(object? handle)
    {
        this.handle = handle;
        update = handle?.GetType().GetMethod("Update", [typeof(object)]);
    }

    /// <summary>Shows <paramref name="value"/> below the running cell (or prints it) and returns the handle that redraws it.</summary>
    public static LiveDisplay Show(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (KernelBridge.Display(value) is { } handle)
        {
            return new LiveDisplay(handle);
        }

        Console.WriteLine(Formatting.ToPlainText(value));
        return new LiveDisplay(null);
    }

    /// <summary>Replaces what is shown with <paramref name="value"/> (usually the same object, changed since).</summary>
    public void Update(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (handle is null || update is null)
        {
            Console.WriteLine(Formatting.ToPlainText(value));
            return;
        }

        update.Invoke(handle, [value]);
    }

    /// <summary>The kernel's display call, looked up by name once: null when no .NET Interactive kernel is running this code.</summary>
    private static class KernelBridge
    {
        private const string Kernel = "Microsoft.DotNet.Interactive";

        private static readonly PropertyInfo? Current =
            Type.GetType($"{Kernel}.KernelInvocationContext, {Kernel}", throwOnError: false)?.GetProperty("Current", BindingFlags.Public | BindingFlags.Static);

        // public static DisplayedValue Display(this KernelInvocationContext context, object value, params string[] mimeTypes)
        private static readonly MethodInfo? DisplayMethod =
            Type.GetType($"{Kernel}.KernelInvocationContextExtensions, {Kernel}", throwOnError: false)?
                .GetMethods(BindingFlags.Public | BindingFlags.Static)
                .FirstOrDefault(m => m.Name == "Display" && m.GetParameters() is [_, { ParameterType: var v }, { ParameterType: var m2 }] && v == typeof(object) && m2 == typeof(string[]));

        public static object? Display(object value) =>
            Current?.GetValue(null) is { } context && DisplayMethod is not null
                ? DisplayMethod.Invoke(null, [context, value, Array.Empty<string>()])
                : null;
    }
}
