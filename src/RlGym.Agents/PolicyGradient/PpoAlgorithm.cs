namespace RlGym.Agents.PolicyGradient;

/// <summary>PPO (clipped surrogate, GAE).</summary>
public sealed class PpoAlgorithm : IAlgorithm
{
    /// <summary>Creates the algorithm.</summary>
    public PpoAlgorithm()
    {
        Name = "ppo";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public TrainResult Train(TrainRequest request, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Being written: see the Agents API contract commit.");
}
