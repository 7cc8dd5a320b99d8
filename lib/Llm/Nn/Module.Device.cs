namespace Llm.Nn;

/// <summary>Moving a module's parameters between devices, as PyTorch's <c>model.to(device)</c>.</summary>
public static class ModuleDeviceExtensions
{
    /// <summary>
    /// Moves every parameter of <paramref name="module"/> to <paramref name="device"/> in place and
    /// returns the module, e.g. <c>var model = new Gpt(config).To(Device.Auto);</c>. Parameters are
    /// made on the CPU; move the model before creating its optimizer, whose state is made where the
    /// parameters are.
    /// </summary>
    public static T To<T>(this T module, Device device)
        where T : Module
    {
        foreach (var parameter in module.Parameters().Distinct<Tensor>(ReferenceEqualityComparer.Instance))
        {
            parameter.MoveTo(device);
        }

        return module;
    }
}
