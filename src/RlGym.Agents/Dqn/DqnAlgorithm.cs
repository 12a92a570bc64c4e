namespace RlGym.Agents.Dqn;

/// <summary>DQN (replay buffer, target network, optional double DQN).</summary>
public sealed class DqnAlgorithm : IAlgorithm
{
    /// <summary>Creates the algorithm.</summary>
    public DqnAlgorithm()
    {
        Name = "dqn";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public TrainResult Train(TrainRequest request, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Being written: see the Agents API contract commit.");
}
