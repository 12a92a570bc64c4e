namespace RlGym.Core.Vector;

/// <summary>
/// One copy of a vector environment with Gymnasium's per-copy autoreset rule, shared by <see cref="SyncVectorEnv{TObsBatch,TActionBatch}"/>
/// and <see cref="AsyncVectorEnv"/>: with <see cref="AutoresetMode.NextStep"/> the step after an episode ended resets the
/// copy (reward 0, not ended); with <see cref="AutoresetMode.SameStep"/> the ending step resets it at once and reports
/// the ending observation and info as <c>final_obs</c> / <c>final_info</c>.
/// </summary>
internal sealed class AutoresetCopy(IEnv env, AutoresetMode mode)
{
    /// <summary>The environment.</summary>
    public IEnv Env => env;

    /// <summary>The last step ended an episode (terminated or truncated) and the copy was not reset since.</summary>
    public bool Ended { get; private set; }

    /// <summary><paramref name="envs"/>, checked to hold at least one copy and copies of the same spaces (the check of <see cref="SyncVectorEnv{TObsBatch,TActionBatch}"/> and <see cref="AsyncVectorEnv"/>).</summary>
    internal static IReadOnlyList<IEnv> RequireSameSpaces(IReadOnlyList<IEnv> envs)
    {
        ArgumentNullException.ThrowIfNull(envs);
        if (envs.Count == 0)
        {
            throw new ArgumentException("A vector environment needs at least one copy.", nameof(envs));
        }

        foreach (var env in envs)
        {
            if (env.ObservationSpace.ToString() != envs[0].ObservationSpace.ToString() || env.ActionSpace.ToString() != envs[0].ActionSpace.ToString())
            {
                throw new ArgumentException(
                    $"Every copy needs the same spaces: {envs[0].ObservationSpace} / {envs[0].ActionSpace}, got {env.ObservationSpace} / {env.ActionSpace}.");
            }
        }

        return envs;
    }

    /// <summary>Resets the copy.</summary>
    public ResetResult<object> Reset(ulong? seed, IReadOnlyDictionary<string, object>? options)
    {
        var result = env.ResetObject(seed, options);
        Ended = false;
        return result;
    }

    /// <summary>Steps the copy, or resets it when <see cref="AutoresetMode.NextStep"/> says this step is the reset.</summary>
    public CopyOutcome Step(object action)
    {
        if (mode == AutoresetMode.NextStep && Ended)
        {
            var (resetObservation, resetInfo) = env.ResetObject();
            Ended = false;
            return new(resetObservation, 0.0, false, false, resetInfo, null);
        }

        var (observation, reward, terminated, truncated, info) = env.StepObject(action);
        Ended = terminated || truncated;
        if (mode == AutoresetMode.SameStep && Ended)
        {
            var (resetObservation, resetInfo) = env.ResetObject();
            Ended = false;
            return new(resetObservation, reward, terminated, truncated, resetInfo, new ResetResult<object>(observation, info));
        }

        return new(observation, reward, terminated, truncated, info, null);
    }
}

/// <summary>What one copy's step gave: its next observation and info, and the ending step's own when it was reset at once.</summary>
internal readonly record struct CopyOutcome(
    object Observation,
    double Reward,
    bool Terminated,
    bool Truncated,
    IReadOnlyDictionary<string, object> Info,
    ResetResult<object>? Final)
{
    /// <summary>
    /// Batches outcomes row by row, as Gymnasium's vector environments do: observations in the space's batch type,
    /// float64 rewards, flags, infos as arrays with <c>_key</c> masks (<c>final_obs</c> / <c>final_info</c> where a copy
    /// was reset in the same step).
    /// </summary>
    public static VectorStepResult<object> Batch(Spaces.Space observationSpace, ReadOnlySpan<CopyOutcome> outcomes)
    {
        var n = outcomes.Length;
        var observations = SpaceBatching.CreateBatch(observationSpace, n);
        var rewards = new double[n];
        var terminations = new bool[n];
        var truncations = new bool[n];
        var info = new VectorInfo(n);
        for (var i = 0; i < n; i++)
        {
            var o = outcomes[i];
            if (o.Final is { } final)
            {
                info.AddEntry("final_obs", final.Observation, i);
                info.AddEntry("final_info", final.Info, i);
            }

            SpaceBatching.Write(observationSpace, observations, i, o.Observation);
            rewards[i] = o.Reward;
            terminations[i] = o.Terminated;
            truncations[i] = o.Truncated;
            info.Add(o.Info, i);
        }

        return new(observations, rewards, terminations, truncations, info.ToDictionary());
    }
}
