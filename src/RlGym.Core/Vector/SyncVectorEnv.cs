using System.Runtime.ExceptionServices;
using RlGym.Core.Registration;
using RlGym.Core.Spaces;

namespace RlGym.Core.Vector;

/// <summary>
/// Steps N independent environments as one vector environment with Gymnasium's <c>SyncVectorEnv</c> semantics:
/// <c>Reset(seed)</c> seeds copy i with <c>seed + i</c>, rewards are float64, infos are batched with <c>_key</c> masks,
/// and copies that end are reset per the <see cref="AutoresetMode"/>. With <c>parallel: true</c> the copies are stepped
/// on all cores; results are identical because each copy owns its generator and infos are merged in copy order.
/// </summary>
/// <typeparam name="TObsBatch">The observation batch type (<see cref="SpaceBatching.BatchType"/>), e.g. <c>float[]</c>.</typeparam>
/// <typeparam name="TActionBatch">The action batch type, e.g. <c>int[]</c>.</typeparam>
public sealed class SyncVectorEnv<TObsBatch, TActionBatch> : VectorEnv<TObsBatch, TActionBatch>
    where TObsBatch : class
    where TActionBatch : class
{
    private readonly IEnv[] _envs;
    private readonly AutoresetCopy[] _copies;
    private readonly bool _parallel;
    private TObsBatch? _lastObservations;

    /// <summary>Vectorizes <paramref name="envs"/>, which must share their spaces.</summary>
    public SyncVectorEnv(IReadOnlyList<IEnv> envs, AutoresetMode autoresetMode = AutoresetMode.NextStep, bool parallel = false)
        : base(AutoresetCopy.RequireSameSpaces(envs).Count, envs[0].ObservationSpace, envs[0].ActionSpace, envs[0].Metadata, autoresetMode, envs[0].Spec)
    {
        _envs = [.. envs];
        _copies = Array.ConvertAll(_envs, env => new AutoresetCopy(env, autoresetMode));
        _parallel = parallel;
    }

    /// <summary>The copies, in order.</summary>
    public IReadOnlyList<IEnv> Envs => _envs;

    /// <inheritdoc />
    public override string? RenderMode => _envs[0].RenderMode;

    /// <inheritdoc />
    public override IReadOnlyList<Rendering.Rendering?>? Render() => RenderMode is null ? null : Array.ConvertAll(_envs, env => env.Render());

    /// <inheritdoc />
    public override VectorResetResult<TObsBatch> Reset(IReadOnlyList<ulong?> seeds, IReadOnlyDictionary<string, object>? options = null)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        VectorSeeds.RequireOnePerCopy(seeds, NumEnvs);

        var (mask, envOptions) = ResetMask.Split(options, NumEnvs);
        var observations = (TObsBatch)SpaceBatching.CreateBatch(SingleObservationSpace, NumEnvs);
        var results = new ResetResult<object>?[NumEnvs];
        ForEachCopy(i =>
        {
            if (mask is null || mask[i])
            {
                results[i] = _copies[i].Reset(seeds[i], envOptions);
            }
        });

        var info = new VectorInfo(NumEnvs);
        for (var i = 0; i < NumEnvs; i++)
        {
            if (results[i] is { } r)
            {
                SpaceBatching.Write(SingleObservationSpace, observations, i, r.Observation);
                info.Add(r.Info, i);
            }
            else if (_lastObservations is not null)
            {
                SpaceBatching.Write(SingleObservationSpace, observations, i, SpaceBatching.Read(SingleObservationSpace, _lastObservations, i));
            }
        }

        _lastObservations = observations;
        return new(observations, info.ToDictionary());
    }


    /// <inheritdoc />
    public override VectorStepResult<TObsBatch> Step(TActionBatch actions)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        if (_lastObservations is null)
        {
            throw new ResetNeededException("Cannot call step before reset: call Reset() first.");
        }

        RequireValidActions(actions);

        if (AutoresetMode == AutoresetMode.Disabled && Array.FindIndex(_copies, copy => copy.Ended) is var ended and >= 0)
        {
            throw new ResetNeededException(
                $"Copy {ended} ended and autoreset is disabled: reset it with the reset_mask option before stepping.");
        }

        var outcomes = new CopyOutcome[NumEnvs];
        ForEachCopy(i => outcomes[i] = _copies[i].Step(SpaceBatching.Read(SingleActionSpace, actions, i)));
        var result = CopyOutcome.Batch(SingleObservationSpace, outcomes);
        var observations = (TObsBatch)result.Observations;
        _lastObservations = observations;
        return new(observations, result.Rewards, result.Terminations, result.Truncations, result.Info);
    }

    /// <inheritdoc />
    protected override void Release()
    {
        foreach (var env in _envs)
        {
            env.Close();
        }
    }

    private void ForEachCopy(Action<int> body)
    {
        if (_parallel)
        {
            try
            {
                Parallel.For(0, NumEnvs, body);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // Fail as the sequential loop does, with a copy's own exception (a reset option or action the copies
                // reject is an ArgumentException, INVALID_ARGUMENT on the server), not Parallel.For's wrapper.
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
        }
        else
        {
            for (var i = 0; i < NumEnvs; i++)
            {
                body(i);
            }
        }
    }
}
