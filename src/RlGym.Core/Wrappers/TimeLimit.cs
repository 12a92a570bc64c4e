namespace RlGym.Core.Wrappers;

/// <summary>Truncates an episode after <see cref="MaxEpisodeSteps"/> steps (gymnasium.wrappers.TimeLimit).</summary>
public sealed class TimeLimit<TObs, TAction> : Wrapper<TObs, TAction>
    where TObs : notnull
    where TAction : notnull
{
    private int _elapsedSteps;

    /// <summary>Wraps <paramref name="inner"/> with a limit of <paramref name="maxEpisodeSteps"/> (positive).</summary>
    public TimeLimit(IEnv<TObs, TAction> inner, int maxEpisodeSteps)
        : base(inner)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEpisodeSteps);
        MaxEpisodeSteps = maxEpisodeSteps;
    }

    /// <summary>Steps after which an episode is truncated.</summary>
    public int MaxEpisodeSteps { get; }

    /// <summary>Steps taken in the current episode.</summary>
    public int ElapsedSteps => _elapsedSteps;

    /// <inheritdoc />
    public override ResetResult<TObs> Reset(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null)
    {
        _elapsedSteps = 0;
        return Inner.Reset(seed, options);
    }

    /// <inheritdoc />
    public override StepResult<TObs> Step(TAction action)
    {
        var result = Inner.Step(action);
        _elapsedSteps++;
        return _elapsedSteps >= MaxEpisodeSteps ? result with { Truncated = true } : result;
    }
}
