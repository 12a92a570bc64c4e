using RlGym.Agents.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RlGym.Agents.Continuous;

/// <summary>
/// The two Q networks of SAC and TD3 (clipped double-Q, Fujimoto et al. 2018), each a ReLU MLP over the encoded
/// observation and the action concatenated, initialised as PyTorch's <c>nn.Linear</c> (uniform ±1/√fan_in).
/// <see cref="forward(Tensor)"/> takes a batch of <c>[observation, action]</c> rows and returns both estimates, 2 × batch.
/// </summary>
/// <remarks>
/// Both networks live in one flat parameter and are evaluated together: each layer is one batched matrix multiply
/// (<c>baddbmm</c>) over a 2 × inputs × outputs view, so two critics cost the tensor operations of one (as
/// <see cref="Common.Mlp"/>, the operation count is what these small networks pay for).
/// </remarks>
internal sealed class TwinCritic : Module<Tensor, Tensor>
{
    private const int Critics = 2;

    private readonly Parameter _weights;
    private readonly (long Offset, int Inputs, int Outputs)[] _layers;
    // Per layer (FlatParameter): both critics' weights, 2 × inputs × outputs (x·W form), then biases, 2 × 1 × outputs.
    private readonly Tensor[] _leaves;

    public TwinCritic(string name, int inputs, IReadOnlyList<int> hidden)
        : base(name)
    {
        var widths = new[] { inputs }.Concat(hidden).Append(1).ToArray();
        _layers = new (long, int, int)[widths.Length - 1];
        long total = 0;
        for (var i = 0; i < _layers.Length; i++)
        {
            _layers[i] = (total, widths[i], widths[i + 1]);
            total += Critics * (((long)widths[i] * widths[i + 1]) + widths[i + 1]);
        }

        _weights = new Parameter(zeros(total));
        _leaves = FlatParameter.Leaves(_weights, _layers.SelectMany(layer => new[]
        {
            (layer.Offset, new long[] { Critics, layer.Inputs, layer.Outputs }),
            (layer.Offset + ((long)Critics * layer.Inputs * layer.Outputs), new long[] { Critics, 1, layer.Outputs }),
        }));
        using (no_grad())
        {
            for (var i = 0; i < _layers.Length; i++)
            {
                var bound = 1.0 / Math.Sqrt(_layers[i].Inputs);
                _leaves[2 * i].uniform_(-bound, bound);
                _leaves[(2 * i) + 1].uniform_(-bound, bound);
            }
        }

        RegisterComponents();
    }

    /// <summary>Both critics' Q values of each <c>[observation, action]</c> row: 2 × batch.</summary>
    public override Tensor forward(Tensor input) => Values(input, Critics);

    /// <summary>Both critics' Q values of <paramref name="actions"/> taken at <paramref name="observations"/>: 2 × batch.</summary>
    public Tensor forward(Tensor observations, Tensor actions) => forward(cat([observations, actions], 1));

    /// <summary>
    /// Both critics' Q values of the actor's <paramref name="actions"/>, for the actor's loss: 2 × batch. The loss goes
    /// back through the critics only for the actions' gradient; the weights' gradients would be computed (a 256 × 256
    /// matrix product per hidden layer and critic) and then discarded, as the critics' next update zeroes them first,
    /// so this pass records none for the weights.
    /// </summary>
    public Tensor ValuesForActor(Tensor observations, Tensor actions) => ForActor(() => forward(observations, actions));

    /// <summary>
    /// The first critic's Q values of the actor's <paramref name="actions"/> (TD3's actor loss takes only Q₁): one row
    /// of <see cref="ValuesForActor"/>, computed without the second critic's forward and backward pass.
    /// </summary>
    public Tensor FirstValuesForActor(Tensor observations, Tensor actions) => ForActor(() => Values(cat([observations, actions], 1), 1)[0]);

    // The first `critics` critics' values of each row: critics × batch.
    private Tensor Values(Tensor input, int critics)
    {
        var x = input.unsqueeze(0).expand(critics, -1, -1);
        for (var i = 0; i < _layers.Length; i++)
        {
            var (weight, bias) = (_leaves[2 * i].narrow(0, 0, critics), _leaves[(2 * i) + 1].narrow(0, 0, critics));
            x = LargeLinear.Grouped(x, weight, bias);
            if (i < _layers.Length - 1)
            {
                x = functional.relu(x);
            }
        }

        return x.squeeze(-1);
    }

    private Tensor ForActor(Func<Tensor> values)
    {
        SetWeightsRequireGrad(false);
        try
        {
            return values();
        }
        finally
        {
            SetWeightsRequireGrad(true);
        }
    }

    private void SetWeightsRequireGrad(bool value)
    {
        foreach (var leaf in _leaves)
        {
            leaf.requires_grad = value;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            FlatParameter.Dispose(_weights, _leaves);
        }

        base.Dispose(disposing);
    }
}
