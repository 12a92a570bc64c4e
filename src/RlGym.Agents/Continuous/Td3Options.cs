using RlGym.Agents.Common;

namespace RlGym.Agents.Continuous;

/// <summary>
/// Hyperparameters of TD3 (Box actions); the defaults are Stable-Baselines3's (and the paper's) except the exploration
/// noise, Gaussian σ = 0.1 as CleanRL's and the paper's (SB3 adds none unless asked); presets from rl-baselines3-zoo.
/// </summary>
public sealed record Td3Options
{
    /// <summary>Environment steps to train for (summed over copies).</summary>
    public long TotalSteps { get; init; } = 100_000;

    /// <summary>Environment copies stepped together.</summary>
    public int NumEnvs { get; init; } = 1;

    /// <summary>Adam learning rate of the actor and the critics.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Transitions the replay buffer holds; the oldest are overwritten.</summary>
    public int BufferSize { get; init; } = 1_000_000;

    /// <summary>Environment steps of uniformly random actions before learning starts.</summary>
    public long LearningStarts { get; init; } = 100;

    /// <summary>Transitions per gradient step.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Discount factor γ.</summary>
    public double Gamma { get; init; } = 0.99;

    /// <summary>Polyak coefficient of the target actor's and critics' updates (1: copy).</summary>
    public double Tau { get; init; } = 0.005;

    /// <summary>Vector steps (each of every copy) between training phases.</summary>
    public int TrainFrequency { get; init; } = 1;

    /// <summary>Gradient steps per training phase; -1: as many as environment steps since the last phase.</summary>
    public int GradientSteps { get; init; } = 1;

    /// <summary>Critic updates per actor (and target) update: the "delayed" of TD3.</summary>
    public int PolicyDelay { get; init; } = 2;

    /// <summary>σ of the Gaussian noise added to the target actor's actions (target policy smoothing).</summary>
    public double TargetPolicyNoise { get; init; } = 0.2;

    /// <summary>The target smoothing noise is clipped to ±this.</summary>
    public double TargetNoiseClip { get; init; } = 0.5;

    /// <summary>Exploration noise added to the actions in [-1, 1] while collecting.</summary>
    public ActionNoiseKind ActionNoise { get; init; } = ActionNoiseKind.Normal;

    /// <summary>σ of <see cref="ActionNoise"/>.</summary>
    public double ActionNoiseStd { get; init; } = 0.1;

    /// <summary>Hidden layer sizes of the actor and of each critic (ReLU).</summary>
    public int[] HiddenSizes { get; init; } = [400, 300];

    /// <summary>Tuned values for <paramref name="envId"/> from rl-baselines3-zoo (defaults for unknown ids).</summary>
    public static Td3Options For(string envId) => envId switch
    {
        "Pendulum-v1" => new()
        {
            TotalSteps = 20_000, LearningRate = 1e-3, Gamma = 0.98, BufferSize = 200_000, LearningStarts = 10_000,
            ActionNoise = ActionNoiseKind.Normal, ActionNoiseStd = 0.1,
        },
        "MountainCarContinuous-v0" => new()
        {
            TotalSteps = 300_000, LearningRate = 1e-3, BatchSize = 256, ActionNoise = ActionNoiseKind.OrnsteinUhlenbeck, ActionNoiseStd = 0.5,
        },
        _ => new(),
    };
}
