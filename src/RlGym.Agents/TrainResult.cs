namespace RlGym.Agents;

/// <summary>What training produced.</summary>
public sealed record TrainResult
{
    /// <summary>The trained policy; the caller owns (disposes) it.</summary>
    public required IPolicy Policy { get; init; }

    /// <summary>Environment steps taken, summed over copies.</summary>
    public required long Steps { get; init; }

    /// <summary>Wall time of training (evaluations included).</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The periodic evaluations, in order (empty when <see cref="TrainRequest.EvalEvery"/> was 0).</summary>
    public IReadOnlyList<EvaluationPoint> Evaluations { get; init; } = [];

    /// <summary>The directory of the final checkpoint, or null when no output directory was given.</summary>
    public string? CheckpointDirectory { get; init; }
}
