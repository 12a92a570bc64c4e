namespace RlGym.Agents.Common;

/// <summary>The outcome of <see cref="Evaluation.Run"/>.</summary>
public sealed record EvaluationResult
{
    /// <summary>Mean undiscounted return per episode.</summary>
    public required double MeanReturn { get; init; }

    /// <summary>Standard deviation of the returns (population, as NumPy's <c>std</c>).</summary>
    public required double StdReturn { get; init; }

    /// <summary>Fraction of episodes that succeeded, or null when the environment defines no success.</summary>
    public double? SuccessRate { get; init; }

    /// <summary>Mean episode length in steps.</summary>
    public required double MeanLength { get; init; }

    /// <summary>Each episode's return, in order.</summary>
    public required IReadOnlyList<double> Returns { get; init; }

    /// <summary>Each episode's length, in order.</summary>
    public required IReadOnlyList<int> Lengths { get; init; }
}
