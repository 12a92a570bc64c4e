using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RlGym.Agents.Common;

/// <summary>
/// A multilayer perceptron: a linear layer and activation per hidden size, then a linear head. With an output gain,
/// orthogonal initialisation (CleanRL's <c>layer_init</c>): hidden weights gain √2, the head the given gain, biases
/// 0; without, PyTorch's <c>nn.Linear</c> default (uniform ±1/√fan_in).
/// </summary>
/// <remarks>
/// All weights and biases live in one flat parameter, and each layer is a view of it (<see cref="FlatParameter"/>). For
/// networks this small the cost of training is the number of tensor operations, not arithmetic: one parameter makes
/// Adam, gradient clipping and target-network updates one operation each instead of one per layer tensor.
/// </remarks>
internal sealed class Mlp : Module<Tensor, Tensor>
{
    private readonly Parameter _weights;
    private readonly (long Offset, int Inputs, int Outputs)[] _layers;
    private readonly Tensor[] _leaves; // weight and bias of each layer, in order
    private readonly bool _relu;

    public Mlp(string name, int inputs, IReadOnlyList<int> hidden, int outputs, bool relu, double? outputGain)
        : base(name)
    {
        _relu = relu;
        var widths = new[] { inputs }.Concat(hidden).Append(outputs).ToArray();
        _layers = new (long, int, int)[widths.Length - 1];
        long total = 0;
        for (var i = 0; i < _layers.Length; i++)
        {
            _layers[i] = (total, widths[i], widths[i + 1]);
            total += ((long)widths[i] * widths[i + 1]) + widths[i + 1];
        }

        _weights = new Parameter(zeros(total));
        _leaves = FlatParameter.Leaves(_weights, _layers.SelectMany(layer => new[]
        {
            (layer.Offset, new long[] { layer.Outputs, layer.Inputs }),
            (layer.Offset + ((long)layer.Inputs * layer.Outputs), new long[] { layer.Outputs }),
        }));

        // Draws from torch's global generator, so under its lock: a network made here (a DQN target network, a
        // loaded checkpoint) cannot take draws from the middle of another thread's seeded initialisation.
        lock (TorchSetup.GlobalGenerator)
        using (no_grad())
        {
            for (var i = 0; i < _layers.Length; i++)
            {
                var (weight, bias) = (_leaves[2 * i], _leaves[(2 * i) + 1]);
                var last = i == _layers.Length - 1;
                if (outputGain is { } gain)
                {
                    init.orthogonal_(weight, last ? gain : Math.Sqrt(2));
                    bias.zero_();
                }
                else
                {
                    var bound = 1.0 / Math.Sqrt(_layers[i].Inputs);
                    weight.uniform_(-bound, bound);
                    bias.uniform_(-bound, bound);
                }
            }
        }

        RegisterComponents();
    }

    /// <summary>Number of weights and biases.</summary>
    public long ParameterCount => _weights.numel();

    /// <summary>Width of the last hidden layer (the input width when there is none).</summary>
    public int LatentSize => _layers[^1].Inputs;

    public override Tensor forward(Tensor input) => Head(Latent(input));

    /// <summary>The last hidden layer's activations: the features the head maps to the output.</summary>
    public Tensor Latent(Tensor input)
    {
        var x = input;
        for (var i = 0; i < _layers.Length - 1; i++)
        {
            x = Layer(i, x);
            x = _relu ? functional.relu(x) : x.tanh();
        }

        return x;
    }

    /// <summary>The output layer applied to <see cref="Latent"/>'s features.</summary>
    public Tensor Head(Tensor latent)
    {
        return Layer(_layers.Length - 1, latent);
    }

    private Tensor Layer(int i, Tensor x) => LargeLinear.Linear(x, _leaves[2 * i], _leaves[(2 * i) + 1]);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            FlatParameter.Dispose(_weights, _leaves);
        }

        base.Dispose(disposing);
    }
}
