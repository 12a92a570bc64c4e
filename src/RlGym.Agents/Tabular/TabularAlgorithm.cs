namespace RlGym.Agents.Tabular;

/// <summary>Q-learning, SARSA or Expected SARSA on a Q table.</summary>
public sealed class TabularAlgorithm : IAlgorithm
{
    /// <summary>Creates the algorithm.</summary>
    public TabularAlgorithm(TabularMethod method)
    {
        Name = method switch { TabularMethod.QLearning => "q-learning", TabularMethod.Sarsa => "sarsa", _ => "expected-sarsa" };
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public TrainResult Train(TrainRequest request, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Being written: see the Agents API contract commit.");
}
