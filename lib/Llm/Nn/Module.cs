namespace Llm.Nn;

/// <summary>One learnable tensor of a module, with its name in the state dict and whether weight decay applies to it.</summary>
public sealed record Parameter(string Name, Tensor Tensor, bool Decay);

/// <summary>
/// A building block of a network, as torch.nn.Module: it owns parameters and child modules,
/// registered explicitly in its constructor (no reflection), and computes an output in Forward.
/// Names follow PyTorch's state-dict convention ("h.0.attn.c_attn.weight").
/// </summary>
public abstract class Module
{
    private readonly List<(string Name, Tensor Tensor, bool Decay)> ownParameters = [];
    private readonly List<(string Name, Module Child)> children = [];

    /// <summary>True while training (dropout active), false after <see cref="Eval"/>.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Every parameter of this module and its children, in registration order.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Tensor);

    /// <summary>Every parameter with its dotted name.</summary>
    public IEnumerable<Parameter> NamedParameters(string prefix = "")
    {
        foreach (var (name, tensor, decay) in ownParameters)
        {
            yield return new Parameter(prefix + name, tensor, decay);
        }

        foreach (var (name, child) in children)
        {
            foreach (var p in child.NamedParameters(prefix + name + "."))
            {
                yield return p;
            }
        }
    }

    /// <summary>This module and every module below it, depth first in registration order.</summary>
    public IEnumerable<Module> Modules()
    {
        yield return this;
        foreach (var (_, child) in children)
        {
            foreach (var m in child.Modules())
            {
                yield return m;
            }
        }
    }

    /// <summary>Number of learnable numbers; a tensor shared by two modules (tied weights) counts once.</summary>
    public long ParameterCount() => Parameters().DistinctBy(p => p, ReferenceEqualityComparer.Instance).Sum(p => p.Numel);

    /// <summary>Name → tensor for every parameter (the tensors themselves, not copies).</summary>
    public Dictionary<string, Tensor> StateDict() => NamedParameters().ToDictionary(p => p.Name, p => p.Tensor);

    /// <summary>Copies values into the parameters by name. Every parameter must be present with its exact shape.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        foreach (var p in NamedParameters())
        {
            if (!state.TryGetValue(p.Name, out var source))
            {
                throw new KeyNotFoundException($"LoadStateDict: the state has no entry '{p.Name}' (shape {Shape.Format(p.Tensor.ShapeArray)}).");
            }

            p.Tensor.CopyFrom(source, p.Name);
        }
    }

    /// <summary>Training mode: dropout on.</summary>
    public void Train(bool on = true)
    {
        Training = on;
        foreach (var (_, child) in children)
        {
            child.Train(on);
        }
    }

    /// <summary>Evaluation mode: dropout off.</summary>
    public void Eval() => Train(false);

    /// <summary>Clears the gradient of every parameter before the next Backward().</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters())
        {
            p.ZeroGrad();
        }
    }

    /// <summary>Registers a learnable tensor; <paramref name="decay"/> says whether AdamW's weight decay applies (matrices of Linear layers).</summary>
    protected Tensor RegisterParameter(string name, Tensor tensor, bool decay = false)
    {
        tensor.RequiresGrad = true;
        ownParameters.Add((name, tensor, decay));
        return tensor;
    }

    /// <summary>Registers a child module under a name (its parameters get the prefix "name.").</summary>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        children.Add((name, module));
        return module;
    }
}
