namespace RlGym.Agents.PolicyGradient;

/// <summary>Hyperparameters of A2C (synchronous advantage actor-critic); defaults are Stable-Baselines3's.</summary>
public sealed record A2cOptions
{
    /// <summary>Environment steps to train for (summed over copies).</summary>
    public long TotalSteps { get; init; } = 500_000;

    /// <summary>Environment copies stepped together.</summary>
    public int NumEnvs { get; init; } = 8;

    /// <summary>Steps per copy in each rollout (one gradient step per rollout).</summary>
    public int NumSteps { get; init; } = 5;

    /// <summary>RMSprop learning rate.</summary>
    public double LearningRate { get; init; } = 7e-4;

    /// <summary>Anneal the learning rate linearly to 0 over training.</summary>
    public bool AnnealLr { get; init; }

    /// <summary>Discount factor γ.</summary>
    public double Gamma { get; init; } = 0.99;

    /// <summary>λ of generalised advantage estimation (1: n-step returns).</summary>
    public double GaeLambda { get; init; } = 1.0;

    /// <summary>Normalise advantages per rollout.</summary>
    public bool NormAdvantage { get; init; }

    /// <summary>Entropy bonus coefficient.</summary>
    public double EntCoef { get; init; }

    /// <summary>Value loss coefficient.</summary>
    public double VfCoef { get; init; } = 0.5;

    /// <summary>Clip the gradient's global norm to this.</summary>
    public double MaxGradNorm { get; init; } = 0.5;

    /// <summary>Normalise observations with running mean and variance (saved in the checkpoint).</summary>
    public bool NormalizeObservations { get; init; }

    /// <summary>Scale rewards by the running standard deviation of the discounted return.</summary>
    public bool NormalizeRewards { get; init; }

    /// <summary>Hidden layer sizes of the actor and of the critic.</summary>
    public int[] HiddenSizes { get; init; } = [64, 64];

    /// <summary>Initial log standard deviation of the Gaussian policy (Box actions).</summary>
    public double LogStdInit { get; init; }

    /// <summary>Explore with generalised state-dependent noise (gSDE, SB3's <c>use_sde</c>; Box actions only), as PPO.</summary>
    public bool UseSde { get; init; }

    /// <summary>With gSDE, draw new noise every this many steps (-1: once per rollout), SB3's <c>sde_sample_freq</c>.</summary>
    public int SdeSampleFreq { get; init; } = -1;

    /// <summary>Tuned values for <paramref name="envId"/> from rl-baselines3-zoo (defaults for unknown ids).</summary>
    public static A2cOptions For(string envId) => envId switch
    {
        "CartPole-v1" => new() { TotalSteps = 500_000, NumEnvs = 8, EntCoef = 0.0 },
        "Acrobot-v1" or "MountainCar-v0" => new() { TotalSteps = 500_000, NumEnvs = 16, EntCoef = 0.0, NormalizeObservations = true },
        "Pendulum-v1" => new() { TotalSteps = 1_000_000, NumEnvs = 8, NumSteps = 8, GaeLambda = 0.9, Gamma = 0.9, EntCoef = 0.0, LearningRate = 7e-4, NormalizeObservations = true, LogStdInit = -2 },
        _ => new(),
    };
}
