namespace RlGym.Agents.Dqn;

/// <summary>Hyperparameters of DQN (Discrete actions); the defaults are Stable-Baselines3's, presets from rl-baselines3-zoo.</summary>
public sealed record DqnOptions
{
    /// <summary>Environment steps to train for (summed over copies).</summary>
    public long TotalSteps { get; init; } = 100_000;

    /// <summary>Environment copies stepped together.</summary>
    public int NumEnvs { get; init; } = 1;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Transitions the replay buffer holds; the oldest are overwritten.</summary>
    public int BufferSize { get; init; } = 100_000;

    /// <summary>Environment steps of random actions before learning starts.</summary>
    public long LearningStarts { get; init; } = 100;

    /// <summary>Transitions per gradient step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Discount factor γ.</summary>
    public double Gamma { get; init; } = 0.99;

    /// <summary>Target network update coefficient: 1 copies the weights (hard update), less blends them (Polyak).</summary>
    public double Tau { get; init; } = 1.0;

    /// <summary>Environment steps between target network updates.</summary>
    public long TargetUpdateInterval { get; init; } = 10_000;

    /// <summary>Environment steps between training phases.</summary>
    public int TrainFrequency { get; init; } = 4;

    /// <summary>Gradient steps per training phase; -1: as many as environment steps since the last phase.</summary>
    public int GradientSteps { get; init; } = 1;

    /// <summary>Fraction of <see cref="TotalSteps"/> over which ε decays linearly from <see cref="StartEpsilon"/> to <see cref="FinalEpsilon"/>.</summary>
    public double ExplorationFraction { get; init; } = 0.1;

    /// <summary>ε at the start.</summary>
    public double StartEpsilon { get; init; } = 1.0;

    /// <summary>ε after the decay.</summary>
    public double FinalEpsilon { get; init; } = 0.05;

    /// <summary>Double DQN: the online network picks the next action, the target network values it.</summary>
    public bool DoubleDqn { get; init; }

    /// <summary>Huber (smooth L1) loss when true, squared error otherwise.</summary>
    public bool HuberLoss { get; init; } = true;

    /// <summary>Clip the gradient's global norm to this (0: no clipping).</summary>
    public double MaxGradNorm { get; init; } = 10;

    /// <summary>Hidden layer sizes of the Q network (ReLU).</summary>
    public int[] HiddenSizes { get; init; } = [64, 64];

    /// <summary>Tuned values for <paramref name="envId"/> from rl-baselines3-zoo (defaults for unknown ids).</summary>
    public static DqnOptions For(string envId) => envId switch
    {
        "CartPole-v1" => new()
        {
            TotalSteps = 50_000, LearningRate = 2.3e-3, BatchSize = 64, BufferSize = 100_000, LearningStarts = 1000, Gamma = 0.99,
            TargetUpdateInterval = 10, TrainFrequency = 256, GradientSteps = 128, ExplorationFraction = 0.16, FinalEpsilon = 0.04,
            HiddenSizes = [256, 256],
        },
        "Acrobot-v1" => new()
        {
            TotalSteps = 100_000, LearningRate = 6.3e-4, BatchSize = 128, BufferSize = 50_000, LearningStarts = 0, Gamma = 0.99,
            TargetUpdateInterval = 250, TrainFrequency = 4, GradientSteps = -1, ExplorationFraction = 0.12, FinalEpsilon = 0.1,
            HiddenSizes = [256, 256],
        },
        "MountainCar-v0" => new()
        {
            TotalSteps = 120_000, LearningRate = 4e-3, BatchSize = 128, BufferSize = 10_000, LearningStarts = 1000, Gamma = 0.98,
            TargetUpdateInterval = 600, TrainFrequency = 16, GradientSteps = 8, ExplorationFraction = 0.2, FinalEpsilon = 0.07,
            HiddenSizes = [256, 256],
        },
        "MinAtar/Breakout-v1" or "MinAtar/Breakout-v0" => new()
        {
            TotalSteps = 1_000_000, LearningRate = 1e-4, BatchSize = 32, BufferSize = 100_000, LearningStarts = 5000, Gamma = 0.99,
            TargetUpdateInterval = 1000, TrainFrequency = 1, GradientSteps = 1, ExplorationFraction = 0.1, FinalEpsilon = 0.01,
            HiddenSizes = [128, 128],
        },
        _ => new(),
    };
}
