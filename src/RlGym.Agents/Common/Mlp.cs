using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RlGym.Agents.Common;

/// <summary>
/// A multilayer perceptron: Linear + activation per hidden size, then a linear head. With orthogonal initialisation
/// (CleanRL's <c>layer_init</c>): hidden weights gain √2, the head <c>outputGain</c>, biases 0; otherwise PyTorch's default.
/// </summary>
internal sealed class Mlp : Module<Tensor, Tensor>
{
    private readonly Sequential _layers;

    public Mlp(string name, int inputs, IReadOnlyList<int> hidden, int outputs, bool relu, double? outputGain)
        : base(name)
    {
        var modules = new List<(string, Module<Tensor, Tensor>)>();
        var width = inputs;
        for (var i = 0; i < hidden.Count; i++)
        {
            var linear = Linear(width, hidden[i]);
            Initialise(linear, outputGain is null ? null : Math.Sqrt(2));
            modules.Add(($"linear{i}", linear));
            modules.Add(($"activation{i}", relu ? ReLU() : Tanh()));
            width = hidden[i];
        }

        var head = Linear(width, outputs);
        Initialise(head, outputGain);
        modules.Add(("head", head));
        _layers = Sequential(modules);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => _layers.forward(input);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _layers.Dispose();
        }

        base.Dispose(disposing);
    }

    private static void Initialise(Linear linear, double? gain)
    {
        if (gain is { } g)
        {
            using var noGrad = torch.no_grad();
            init.orthogonal_(linear.weight!, g);
            init.constant_(linear.bias!, 0);
        }
    }
}
