using RlGym.Agents.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RlGym.Agents.PolicyGradient;

/// <summary>
/// CleanRL's <c>Agent</c>: separate actor and critic MLPs (tanh, orthogonal init; actor head gain 0.01, critic 1).
/// The actor outputs categorical logits (Discrete actions) or a Gaussian mean with a state-independent log std (Box).
/// <see cref="forward"/> returns the actor's output.
/// </summary>
internal sealed class ActorCritic : Module<Tensor, Tensor>
{
    // The Gaussian's constants as Scalars that live as long as the process (see ScalarScope for why not 0.5 * x).
    private static readonly Scalar MinusHalf = (-0.5).ToScalar();
    private static readonly Scalar One = 1.ToScalar();
    private static readonly Scalar HalfLogTwoPi = (0.5 * Math.Log(2 * Math.PI)).ToScalar();
    private static readonly Scalar GaussianEntropy = (0.5 + (0.5 * Math.Log(2 * Math.PI))).ToScalar();

    private readonly Mlp _actor;
    private readonly Mlp _critic;
    private readonly Parameter _logStd;

    public ActorCritic(int observations, int actions, bool discrete, IReadOnlyList<int> hidden, double logStdInit)
        : base("actor_critic")
    {
        IsDiscrete = discrete;
        _actor = new Mlp("actor", observations, hidden, actions, relu: false, outputGain: 0.01);
        _critic = new Mlp("critic", observations, hidden, 1, relu: false, outputGain: 1.0);
        // Unused (and untouched by gradients) for Discrete actions; kept so every checkpoint has the same layout.
        using var logStd = ((float)logStdInit).ToScalar();
        _logStd = new Parameter(full(1, actions, logStd), requires_grad: !discrete);
        RegisterComponents();
    }

    public bool IsDiscrete { get; }

    public Tensor LogStd => _logStd;

    public override Tensor forward(Tensor input) => _actor.forward(input);

    public Tensor Value(Tensor observations) => _critic.forward(observations).squeeze(-1);

    /// <summary>Log-probabilities of <paramref name="actions"/>, the entropy and the values for a batch (with gradients).</summary>
    public (Tensor LogProb, Tensor Entropy, Tensor Value) Evaluate(Tensor observations, Tensor actions)
    {
        var output = _actor.forward(observations);
        Tensor logProb, entropy;
        if (IsDiscrete)
        {
            var logits = output.log_softmax(-1);
            logProb = logits.gather(1, actions.to_type(ScalarType.Int64).unsqueeze(1)).squeeze(1);
            entropy = -(logits.exp() * logits).sum(-1);
        }
        else
        {
            var logStd = _logStd.expand_as(output);
            var z = (actions - output) / logStd.exp();
            logProb = ((MinusHalf * z * z) - logStd - HalfLogTwoPi).sum(-1);
            entropy = logStd.add(GaussianEntropy, One).sum(-1); // log σ + ½ log(2πe); add's alpha explicit
        }

        return (logProb, entropy, Value(observations));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _actor.Dispose();
            _critic.Dispose();
            _logStd.Dispose();
        }

        base.Dispose(disposing);
    }
}
