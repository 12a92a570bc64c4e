namespace RlGym.Agents.PolicyGradient;

/// <summary>A2C.</summary>
public sealed class A2cAlgorithm : IAlgorithm
{
    /// <summary>Creates the algorithm.</summary>
    public A2cAlgorithm()
    {
        Name = "a2c";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public TrainResult Train(TrainRequest request, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Being written: see the Agents API contract commit.");
}
