using RlGym.Agents.Continuous;
using RlGym.Agents.Dqn;
using RlGym.Agents.PolicyGradient;
using RlGym.Agents.Tabular;

namespace RlGym.Agents;

/// <summary>The algorithms by name, as <c>rlgym train ALGO ENV</c> names them.</summary>
public static class Algorithms
{
    private static readonly Dictionary<string, Func<IAlgorithm>> Factories = new(StringComparer.Ordinal)
    {
        ["q-learning"] = () => new TabularAlgorithm(TabularMethod.QLearning),
        ["sarsa"] = () => new TabularAlgorithm(TabularMethod.Sarsa),
        ["expected-sarsa"] = () => new TabularAlgorithm(TabularMethod.ExpectedSarsa),
        ["dqn"] = () => new DqnAlgorithm(),
        ["ppo"] = () => new PpoAlgorithm(),
        ["a2c"] = () => new A2cAlgorithm(),
        ["reinforce"] = () => new ReinforceAlgorithm(),
        ["sac"] = () => new SacAlgorithm(),
        ["td3"] = () => new Td3Algorithm(),
    };

    /// <summary>Every algorithm name: q-learning, sarsa, expected-sarsa, dqn, ppo, a2c, reinforce, sac, td3.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys];

    /// <summary>A new instance of the algorithm called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No algorithm has that name; the message lists the names.</exception>
    public static IAlgorithm Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Factories.TryGetValue(name, out var create)
            ? create()
            : throw new ArgumentException($"Unknown algorithm '{name}'; known algorithms: {string.Join(", ", Names)}.", nameof(name));
    }
}
