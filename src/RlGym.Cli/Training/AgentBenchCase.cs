using System.Globalization;

namespace RlGym.Cli.Training;

/// <summary>
/// One row of the agent benchmark: an algorithm on an environment and the evaluation mean that counts as solved
/// (null: no bar, the figure is recorded).
/// </summary>
/// <param name="Algorithm">A name from <c>Algorithms.Names</c>.</param>
/// <param name="EnvId">A registered id.</param>
/// <param name="Threshold">Evaluation mean that counts as reaching the target; null for none.</param>
internal sealed record AgentBenchCase(string Algorithm, string EnvId, double? Threshold)
{
    /// <summary>
    /// The benchmark list of issue #6 with its targets: PPO and DQN CartPole ≥ 475, Q-learning Taxi ≥ 7.5 and
    /// slippery FrozenLake ≥ 0.70 (reward 1 per success, so the mean is the success rate), PPO Pendulum ≥ -200 and
    /// MountainCarContinuous ≥ 90, DQN Acrobot ≥ -100 and MountainCar ≥ -110, PPO MinAtar Breakout (no bar; random
    /// play scores about 0.5); and issue #16's continuous control: SAC and TD3 Pendulum ≥ -200 (rl-baselines3-zoo's
    /// SAC scores about -157 there, TD3 about -150), SAC MountainCarContinuous ≥ 90 (the zoo's SAC about 94), A2C
    /// CartPole ≥ 475 and PPO Acrobot ≥ -100.
    /// </summary>
    public static IReadOnlyList<AgentBenchCase> Defaults { get; } =
    [
        new("ppo", "CartPole-v1", 475),
        new("dqn", "CartPole-v1", 475),
        new("q-learning", "Taxi-v3", 7.5),
        new("q-learning", "FrozenLake-v1", 0.70),
        new("ppo", "Pendulum-v1", -200),
        new("ppo", "MountainCarContinuous-v0", 90),
        new("dqn", "Acrobot-v1", -100),
        new("dqn", "MountainCar-v0", -110),
        new("ppo", "MinAtar/Breakout-v0", null),
        new("sac", "Pendulum-v1", -200),
        new("td3", "Pendulum-v1", -200),
        new("sac", "MountainCarContinuous-v0", 90),
        new("a2c", "CartPole-v1", 475),
        new("ppo", "Acrobot-v1", -100),
    ];

    /// <summary>
    /// Parses <c>ALGO:ENV[:THRESHOLD]</c> (e.g. <c>ppo:CartPole-v1</c>, <c>dqn:Acrobot-v1:-100</c>); without a threshold
    /// the default case's is used, or none.
    /// </summary>
    /// <exception cref="ArgumentException">Not of that form.</exception>
    public static AgentBenchCase Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new ArgumentException($"A benchmark case is ALGO:ENV[:THRESHOLD] (e.g. ppo:CartPole-v1 or dqn:Acrobot-v1:-100), got '{text}'.");
        }

        double? threshold = null;
        if (parts.Length == 3)
        {
            threshold = double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new ArgumentException($"The threshold in '{text}' is not a number.");
        }
        else
        {
            threshold = Defaults.FirstOrDefault(c => c.Algorithm == parts[0] && c.EnvId == parts[1])?.Threshold;
        }

        return new AgentBenchCase(parts[0], parts[1], threshold);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Algorithm}:{EnvId}";
}
