using RlGym.Agents.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RlGym.Agents.PolicyGradient;

/// <summary>
/// CleanRL's <c>Agent</c>: separate actor and critic MLPs (tanh, orthogonal init; actor head gain 0.01, critic 1).
/// The actor outputs categorical logits (Discrete actions) or a Gaussian mean (Box) whose standard deviation is either
/// state-independent (a log std per action) or, with generalised state-dependent exploration (gSDE, Raffin et al.
/// 2021, as Stable-Baselines3's <c>use_sde</c>), σ(s)² = (φ(s)²)·exp(log σ)², where φ is the actor's last hidden layer
/// (detached, SB3's <c>learn_features=False</c>) and log σ a learned matrix of φ's width × actions.
/// <see cref="forward"/> returns the actor's output.
/// </summary>
internal sealed class ActorCritic : Module<Tensor, Tensor>
{
    // The Gaussian's constants as Scalars that live as long as the process (see ScalarScope for why not 0.5 * x).
    private static readonly Scalar MinusHalf = (-0.5).ToScalar();
    private static readonly Scalar One = 1.ToScalar();
    private static readonly Scalar HalfLogTwoPi = (0.5 * Math.Log(2 * Math.PI)).ToScalar();
    private static readonly Scalar GaussianEntropy = (0.5 + (0.5 * Math.Log(2 * Math.PI))).ToScalar();

    /// <summary>Added to gSDE's variance so σ(s) stays above 0 where φ(s) vanishes (SB3's epsilon).</summary>
    internal const double SdeVarianceEpsilon = 1e-6;

    private static readonly Scalar SdeEpsilon = SdeVarianceEpsilon.ToScalar();

    private readonly Mlp _actor;
    private readonly Mlp _critic;
    private readonly Parameter _logStd;

    public ActorCritic(int observations, int actions, bool discrete, IReadOnlyList<int> hidden, double logStdInit, bool stateDependentNoise = false)
        : base("actor_critic")
    {
        if (stateDependentNoise && discrete)
        {
            throw new ArgumentException("state-dependent exploration (use_sde) needs Box actions, not Discrete ones");
        }

        IsDiscrete = discrete;
        StateDependentNoise = stateDependentNoise;
        _actor = new Mlp("actor", observations, hidden, actions, relu: false, outputGain: 0.01);
        _critic = new Mlp("critic", observations, hidden, 1, relu: false, outputGain: 1.0);
        // Unused (and untouched by gradients) for Discrete actions; kept so every checkpoint has the same layout.
        using var logStd = ((float)logStdInit).ToScalar();
        _logStd = new Parameter(full(stateDependentNoise ? LatentSize : 1, actions, logStd), requires_grad: !discrete);
        RegisterComponents();
    }

    public bool IsDiscrete { get; }

    /// <summary>gSDE: the Gaussian's σ depends on the state through the actor's latent features.</summary>
    public bool StateDependentNoise { get; }

    /// <summary>Width of the actor's last hidden layer, φ(s) of gSDE.</summary>
    public int LatentSize => _actor.LatentSize;

    /// <summary>Log σ: one row of per-action values, or with gSDE a matrix of <see cref="LatentSize"/> rows.</summary>
    public Tensor LogStd => _logStd;

    public override Tensor forward(Tensor input) => _actor.forward(input);

    /// <summary>The actor's output and its latent features φ(s) (for gSDE's noise), from one pass.</summary>
    public (Tensor Output, Tensor Latent) ForwardWithLatent(Tensor input)
    {
        var latent = _actor.Latent(input);
        return (_actor.Head(latent), latent);
    }

    public Tensor Value(Tensor observations) => _critic.forward(observations).squeeze(-1);

    /// <summary>Log-probabilities of <paramref name="actions"/>, the entropy and the values for a batch (with gradients).</summary>
    public (Tensor LogProb, Tensor Entropy, Tensor Value) Evaluate(Tensor observations, Tensor actions)
    {
        var (output, latent) = ForwardWithLatent(observations);
        Tensor logProb, entropy;
        if (IsDiscrete)
        {
            var logits = output.log_softmax(-1);
            logProb = logits.gather(1, actions.to_type(ScalarType.Int64).unsqueeze(1)).squeeze(1);
            entropy = -(logits.exp() * logits).sum(-1);
        }
        else
        {
            // σ per action, or gSDE's σ(s) = sqrt(φ(s)² · exp(log σ)² + ε), φ detached. Squares as products: TorchSharp's
            // square() is pow with a temporary Scalar (see ScalarScope).
            Tensor logStd;
            if (StateDependentNoise)
            {
                var features = latent.detach();
                var sigma = _logStd.exp();
                logStd = (features * features).mm(sigma * sigma).add(SdeEpsilon, One).sqrt().log();
            }
            else
            {
                logStd = _logStd.expand_as(output);
            }

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
