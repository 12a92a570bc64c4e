namespace RlGym.Agents.Tabular;

/// <summary>Hyperparameters of Q-learning, SARSA and Expected SARSA (Discrete observations and actions).</summary>
public sealed record TabularOptions
{
    /// <summary>Environment steps to train for (summed over copies).</summary>
    public long TotalSteps { get; init; } = 100_000;

    /// <summary>Environment copies stepped together (each updates the one shared table).</summary>
    public int NumEnvs { get; init; } = 1;

    /// <summary>Step size α of the temporal-difference update.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Discount factor γ.</summary>
    public double Gamma { get; init; } = 0.99;

    /// <summary>Initial value of every Q(s, a) (optimistic values explore).</summary>
    public double InitialQ { get; init; }

    /// <summary>The exploration strategy.</summary>
    public Exploration Exploration { get; init; } = Exploration.EpsilonGreedy;

    /// <summary>ε at the start (ε-greedy).</summary>
    public double StartEpsilon { get; init; } = 1.0;

    /// <summary>ε after the decay (ε-greedy).</summary>
    public double FinalEpsilon { get; init; } = 0.05;

    /// <summary>Fraction of <see cref="TotalSteps"/> over which ε (or τ) decays linearly to its final value.</summary>
    public double ExplorationFraction { get; init; } = 0.5;

    /// <summary>Softmax temperature τ at the start (Boltzmann).</summary>
    public double StartTemperature { get; init; } = 1.0;

    /// <summary>Softmax temperature τ after the decay (Boltzmann).</summary>
    public double FinalTemperature { get; init; } = 0.05;

    /// <summary>Exploration constant c of UCB1.</summary>
    public double UcbC { get; init; } = 1.0;

    /// <summary>
    /// Copies <c>rlgym train --server</c> steps per round trip when <c>num_envs</c> is not given: with the in-process
    /// default of one copy, every env step would cost a round trip. The copies share one Q table and the step budget,
    /// so learning is as good (TabularAlgorithmTests compares them); in process one copy stays the default, keeping
    /// runs bit-identical to earlier ones.
    /// </summary>
    public const int RemoteNumEnvs = 16;

    /// <summary>Tuned values for <paramref name="envId"/> (defaults for unknown ids).</summary>
    public static TabularOptions For(string envId) => envId switch
    {
        "Taxi-v3" => new() { TotalSteps = 100_000, LearningRate = 0.5, Gamma = 0.99, ExplorationFraction = 0.3, FinalEpsilon = 0.02 },
        "FrozenLake-v1" => new() { TotalSteps = 200_000, LearningRate = 0.05, Gamma = 0.99, ExplorationFraction = 0.5, FinalEpsilon = 0.05 },
        "FrozenLake8x8-v1" => new() { TotalSteps = 1_000_000, LearningRate = 0.03, Gamma = 0.99, ExplorationFraction = 0.5, FinalEpsilon = 0.05 },
        "CliffWalking-v1" or "CliffWalking-v0" => new() { TotalSteps = 50_000, LearningRate = 0.5, Gamma = 0.99, ExplorationFraction = 0.3, FinalEpsilon = 0.02 },
        "Blackjack-v1" => new() { TotalSteps = 500_000, LearningRate = 0.01, Gamma = 1.0, ExplorationFraction = 0.5, FinalEpsilon = 0.05 },
        _ => new(),
    };
}
