namespace RlGym.Agents;

/// <summary>One periodic evaluation during training.</summary>
/// <param name="Step">Environment steps taken when it ran.</param>
/// <param name="WallSeconds">Seconds since training started.</param>
/// <param name="MeanReturn">Mean undiscounted return of the greedy policy.</param>
/// <param name="StdReturn">Standard deviation of the returns (population).</param>
public sealed record EvaluationPoint(long Step, double WallSeconds, double MeanReturn, double StdReturn);
