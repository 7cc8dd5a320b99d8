using System.Reflection;
using Llm.Kernels;

namespace Llm.Tests.Ops;

/// <summary>
/// A kernel observer that checks every call against the reference loops: before the call it
/// copies every storage the record names, runs the call, then runs the same record on the
/// <see cref="ReferenceBackend"/> with the copies and compares every storage afterwards. One generic
/// method serves every primitive, because a record names all its operands.
/// </summary>
internal sealed class KernelCheck(double tolerance) : IKernelObserver
{
    public List<string> Checked { get; } = [];

    public List<string> Mismatches { get; } = [];

    public void Run<T>(IBackend backend, in T args)
        where T : struct, IKernelArgs<T>
    {
        var reference = new ReferenceBackend();
        object boxed = args;
        var storages = Operands(boxed).ToList();
        var copies = new Dictionary<Storage, Storage>(ReferenceEqualityComparer.Instance);
        foreach (var (_, storage) in storages)
        {
            copies.TryAdd(storage, reference.FromArray(Read(backend, storage)));
        }

        var totals = new double[1];
        object onReference = Replace(boxed, copies, totals);

        T.Run(backend, args);
        T.Run(reference, (T)onReference);

        Checked.Add(args.Kernel);
        foreach (var (name, storage) in storages)
        {
            var (fast, slow) = (Read(backend, storage), Read(reference, copies[storage]));
            var scale = Math.Max(1.0, slow.Max(v => Math.Abs((double)v)));
            var worst = fast.Zip(slow, (f, s) => Math.Abs((double)f - s)).DefaultIfEmpty(0).Max();
            if (!(worst <= tolerance * scale))
            {
                Mismatches.Add($"{args.Kernel}: {name} differs by {worst:G3} (scale {scale:G3})");
            }
        }

        if (boxed is SumOfSquaresArgs sum && Math.Abs(sum.Total[0] - totals[0]) > tolerance * Math.Max(1, totals[0]))
        {
            Mismatches.Add($"{args.Kernel}: total {sum.Total[0]} against {totals[0]}");
        }
    }

    // Every storage a record names, directly or inside a record it holds (an operand, the forward's arguments).
    private static IEnumerable<(string Name, Storage Storage)> Operands(object record, string prefix = "")
    {
        foreach (var property in record.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var value = property.GetValue(record);
            if (value is Storage storage)
            {
                yield return (prefix + property.Name, storage);
            }
            else if (value is not null && Nested(value.GetType()))
            {
                foreach (var inner in Operands(value, prefix + property.Name + "."))
                {
                    yield return inner;
                }
            }
        }
    }

    // The record again, each storage replaced by its copy on the reference backend (a boxed struct's fields can be set).
    private static object Replace(object record, Dictionary<Storage, Storage> copies, double[] totals)
    {
        var copy = record;
        foreach (var field in record.GetType().GetFields(BindingFlags.NonPublic | BindingFlags.Instance))
        {
            var value = field.GetValue(copy);
            if (value is Storage storage)
            {
                field.SetValue(copy, copies[storage]);
            }
            else if (value is not null && Nested(value.GetType()))
            {
                field.SetValue(copy, Replace(value, copies, totals));
            }
            else if (value is double[])
            {
                field.SetValue(copy, totals);
            }
        }

        return copy;
    }

    // A record struct of the kernels (Operand, AttentionArgs) that holds storages of its own.
    private static bool Nested(Type type) => type.IsValueType && !type.IsPrimitive && !type.IsEnum && type.Namespace == typeof(Operand).Namespace;

    private static float[] Read(IBackend backend, Storage storage)
    {
        var values = new float[storage.Length];
        backend.CopyToArray(storage, 0, values);
        return values;
    }
}
