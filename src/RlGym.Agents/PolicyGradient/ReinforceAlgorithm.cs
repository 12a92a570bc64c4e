namespace RlGym.Agents.PolicyGradient;

/// <summary>REINFORCE.</summary>
public sealed class ReinforceAlgorithm : IAlgorithm
{
    /// <summary>Creates the algorithm.</summary>
    public ReinforceAlgorithm()
    {
        Name = "reinforce";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public TrainResult Train(TrainRequest request, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Being written: see the Agents API contract commit.");
}
