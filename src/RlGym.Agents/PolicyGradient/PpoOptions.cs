namespace RlGym.Agents.PolicyGradient;

/// <summary>Hyperparameters of PPO (Discrete or Box actions); defaults are CleanRL's, presets from rl-baselines3-zoo.</summary>
public sealed record PpoOptions
{
    /// <summary>Environment steps to train for (summed over copies).</summary>
    public long TotalSteps { get; init; } = 500_000;

    /// <summary>Environment copies stepped together.</summary>
    public int NumEnvs { get; init; } = 4;

    /// <summary>Steps per copy in each rollout.</summary>
    public int NumSteps { get; init; } = 128;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 2.5e-4;

    /// <summary>Anneal the learning rate linearly to 0 over training.</summary>
    public bool AnnealLr { get; init; } = true;

    /// <summary>Discount factor γ.</summary>
    public double Gamma { get; init; } = 0.99;

    /// <summary>λ of generalised advantage estimation.</summary>
    public double GaeLambda { get; init; } = 0.95;

    /// <summary>Minibatches per epoch (the rollout of NumEnvs × NumSteps samples is split into this many).</summary>
    public int NumMinibatches { get; init; } = 4;

    /// <summary>Optimisation epochs over each rollout.</summary>
    public int UpdateEpochs { get; init; } = 4;

    /// <summary>Normalise advantages per minibatch.</summary>
    public bool NormAdvantage { get; init; } = true;

    /// <summary>Clipping coefficient ε of the surrogate objective.</summary>
    public double ClipCoef { get; init; } = 0.2;

    /// <summary>Anneal the clipping coefficient linearly to 0 with the learning rate (Stable-Baselines3's <c>lin_</c> clip ranges).</summary>
    public bool AnnealClipCoef { get; init; }

    /// <summary>Clip the value loss around the rollout's values with the same coefficient.</summary>
    public bool ClipValueLoss { get; init; }

    /// <summary>Entropy bonus coefficient.</summary>
    public double EntCoef { get; init; } = 0.01;

    /// <summary>Value loss coefficient.</summary>
    public double VfCoef { get; init; } = 0.5;

    /// <summary>Clip the gradient's global norm to this.</summary>
    public double MaxGradNorm { get; init; } = 0.5;

    /// <summary>Stop an update's epochs early once the approximate KL exceeds this (0: never).</summary>
    public double TargetKl { get; init; }

    /// <summary>Normalise observations with running mean and variance (saved in the checkpoint).</summary>
    public bool NormalizeObservations { get; init; }

    /// <summary>Scale rewards by the running standard deviation of the discounted return.</summary>
    public bool NormalizeRewards { get; init; }

    /// <summary>Hidden layer sizes of the actor and of the critic.</summary>
    public int[] HiddenSizes { get; init; } = [64, 64];

    /// <summary>Initial log standard deviation of the Gaussian policy (Box actions).</summary>
    public double LogStdInit { get; init; }

    /// <summary>
    /// Explore with generalised state-dependent noise (gSDE, SB3's <c>use_sde</c>; Box actions only): σ depends on the
    /// actor's latent features and the noise is held for <see cref="SdeSampleFreq"/> steps, so exploration is smooth.
    /// </summary>
    public bool UseSde { get; init; }

    /// <summary>With gSDE, draw new noise every this many steps (-1: once per rollout), SB3's <c>sde_sample_freq</c>.</summary>
    public int SdeSampleFreq { get; init; } = -1;

    /// <summary>Tuned values for <paramref name="envId"/> from rl-baselines3-zoo (defaults for unknown ids).</summary>
    public static PpoOptions For(string envId) => envId switch
    {
        "CartPole-v1" => new()
        {
            TotalSteps = 100_000, NumEnvs = 8, NumSteps = 32, NumMinibatches = 1, UpdateEpochs = 20, GaeLambda = 0.8, Gamma = 0.98,
            EntCoef = 0.0, LearningRate = 1e-3, AnnealLr = true, ClipCoef = 0.2, AnnealClipCoef = true,
        },
        "Acrobot-v1" or "MountainCar-v0" => new()
        {
            TotalSteps = 1_000_000, NumEnvs = 16, NumSteps = 256, NumMinibatches = 64, UpdateEpochs = 4, GaeLambda = 0.94, Gamma = 0.99,
            EntCoef = 0.0, LearningRate = 2.5e-4, NormalizeObservations = true,
        },
        "Pendulum-v1" => new()
        {
            // The zoo trains 100k steps; seed 2 then stops at -211 (SB3 with these options: -155), at 200k at -198.
            TotalSteps = 200_000, NumEnvs = 4, NumSteps = 1024, NumMinibatches = 64, UpdateEpochs = 10, GaeLambda = 0.95, Gamma = 0.9,
            EntCoef = 0.0, LearningRate = 1e-3, AnnealLr = false, ClipCoef = 0.2, UseSde = true, SdeSampleFreq = 4,
        },
        "MountainCarContinuous-v0" => new()
        {
            TotalSteps = 20_000, NumEnvs = 1, NumSteps = 8, NumMinibatches = 1, UpdateEpochs = 10, GaeLambda = 0.9, Gamma = 0.9999,
            EntCoef = 0.00429, LearningRate = 7.77e-5, AnnealLr = false, ClipCoef = 0.1, MaxGradNorm = 5, VfCoef = 0.19,
            NormalizeObservations = true, LogStdInit = -3.29, UseSde = true,
        },
        "MinAtar/Breakout-v1" or "MinAtar/Breakout-v0" => new()
        {
            TotalSteps = 1_000_000, NumEnvs = 8, NumSteps = 128, NumMinibatches = 4, UpdateEpochs = 4, GaeLambda = 0.95, Gamma = 0.99,
            EntCoef = 0.01, LearningRate = 2.5e-4, HiddenSizes = [256, 256],
        },
        _ => new(),
    };
}
