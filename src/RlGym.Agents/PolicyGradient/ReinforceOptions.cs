namespace RlGym.Agents.PolicyGradient;

/// <summary>
/// Hyperparameters of REINFORCE: Monte-Carlo policy gradient over long rollouts, with an optional learned baseline
/// (a critic bootstraps only where a rollout cuts an episode).
/// </summary>
public sealed record ReinforceOptions
{
    /// <summary>Environment steps to train for (summed over copies).</summary>
    public long TotalSteps { get; init; } = 200_000;

    /// <summary>Environment copies stepped together.</summary>
    public int NumEnvs { get; init; } = 4;

    /// <summary>Steps per copy in each rollout (one gradient step per rollout); long enough to hold whole episodes.</summary>
    public int NumSteps { get; init; } = 500;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Discount factor γ.</summary>
    public double Gamma { get; init; } = 0.99;

    /// <summary>Subtract a learned state-value baseline (REINFORCE with baseline); without it the returns are only normalised.</summary>
    public bool UseBaseline { get; init; } = true;

    /// <summary>Normalise the advantages (returns minus baseline) per rollout.</summary>
    public bool NormAdvantage { get; init; } = true;

    /// <summary>Entropy bonus coefficient.</summary>
    public double EntCoef { get; init; }

    /// <summary>Baseline loss coefficient.</summary>
    public double VfCoef { get; init; } = 0.5;

    /// <summary>Clip the gradient's global norm to this.</summary>
    public double MaxGradNorm { get; init; } = 0.5;

    /// <summary>Hidden layer sizes of the policy and of the baseline.</summary>
    public int[] HiddenSizes { get; init; } = [64, 64];

    /// <summary>Initial log standard deviation of the Gaussian policy (Box actions).</summary>
    public double LogStdInit { get; init; }

    /// <summary>Tuned values for <paramref name="envId"/> (defaults for unknown ids).</summary>
    public static ReinforceOptions For(string envId) => envId switch
    {
        "CartPole-v1" => new() { TotalSteps = 200_000, NumEnvs = 4, NumSteps = 500, LearningRate = 2e-3, Gamma = 0.99 },
        _ => new(),
    };
}
