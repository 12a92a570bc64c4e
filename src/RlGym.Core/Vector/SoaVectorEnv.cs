using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;
using RlGym.Core;
using RlGym.Core.Random;
using RlGym.Core.Registration;
using RlGym.Core.Spaces;

namespace RlGym.Core.Vector;

/// <summary>
/// The machinery every structure-of-arrays vector environment shares: per-copy generators, step counters (the time
/// limit), autoreset bookkeeping, seeding, reset masks, action checks, batched infos and the chunked parallel loop.
/// A subclass holds only its state arrays, <see cref="ResetCopy"/> and a <see cref="StepCopies"/> loop that calls the
/// scalar environment's pure dynamics per element.
/// </summary>
/// <remarks>
/// Semantics equal <see cref="SyncVectorEnv{TObsBatch, TActionBatch}"/> over the scalar environments made through the
/// registry, copy for copy and bit for bit: copy i owns its <see cref="NumpyGenerator"/> (<c>Reset(seed)</c> seeds it
/// with <c>seed + i</c>; it continues across autoresets), its own step counter (truncation at the registered
/// <c>max_episode_steps</c>, as the <c>TimeLimit</c> wrapper does), and the autoreset modes behave as in Gymnasium.
/// <para>Buffers: unless <see cref="CopyResults"/> is set, <c>Reset</c> and <c>Step</c> return this environment's
/// own observation, reward and flag arrays, overwritten by the next call (Gymnasium's <c>copy=False</c>): copy them
/// to keep them. Stepping then allocates nothing except the <c>final_obs</c> arrays of copies that end under
/// <see cref="AutoresetMode.SameStep"/>.</para>
/// <para>Batches of more than <see cref="ChunkSize"/> copies are stepped in contiguous chunks of that size on all
/// cores; the results do not depend on the split because copies share nothing.</para>
/// </remarks>
/// <typeparam name="TObs">Observation element type (<c>float</c>, <c>bool</c>): batches are <c>TObs[]</c>.</typeparam>
/// <typeparam name="TAction">Action element type (<c>int</c> for Discrete, <c>float</c> for Box): batches are <c>TAction[]</c>.</typeparam>
public abstract class SoaVectorEnv<TObs, TAction> : VectorEnv<TObs[], TAction[]>
    where TObs : struct
    where TAction : struct
{
    /// <summary>
    /// Copies per chunk of the parallel loop; batches no larger than this run on the calling thread. Small enough that
    /// 4096 copies use two cores, large enough (~50 µs of CartPole work) to dwarf the cost of scheduling a chunk.
    /// </summary>
    public const int ChunkSize = 2048;

    private static readonly IReadOnlyDictionary<string, object> EmptyInfo = ReadOnlyDictionary<string, object>.Empty;

    private readonly NumpyGenerator?[] _random;
    private readonly int[] _elapsedSteps;
    private readonly int _maxEpisodeSteps;
    private readonly bool[] _ended;
    private readonly TObs[] _observations;
    private readonly TObs[] _finalObservations;
    private readonly double[] _rewards;
    private readonly bool[] _terminations;
    private readonly bool[] _truncations;
    private readonly ChunkedLoop _loop;
    private TAction[] _actions = [];

    /// <summary>Sets up <paramref name="numEnvs"/> copies with the spaces and metadata of <paramref name="prototype"/>.</summary>
    /// <param name="numEnvs">Number of copies (at least 1).</param>
    /// <param name="prototype">A scalar environment of the same kind: its spaces and metadata are the copies'.</param>
    /// <param name="autoresetMode">How copies that ended are reset.</param>
    /// <param name="maxEpisodeSteps">Steps after which an episode is truncated; null for no limit.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    protected SoaVectorEnv(int numEnvs, IEnv prototype, AutoresetMode autoresetMode, int? maxEpisodeSteps, EnvSpec? spec)
        : base(numEnvs, prototype, autoresetMode, spec)
    {
        if (maxEpisodeSteps is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEpisodeSteps), maxEpisodeSteps, "max_episode_steps must be positive, or null for no time limit.");
        }

        ObservationSize = SingleObservationSpace.Shape.Aggregate(1, (a, b) => a * b);
        _maxEpisodeSteps = maxEpisodeSteps ?? 0;
        _random = new NumpyGenerator?[numEnvs];
        _elapsedSteps = new int[numEnvs];
        _ended = new bool[numEnvs];
        _observations = new TObs[numEnvs * ObservationSize];
        _finalObservations = autoresetMode == AutoresetMode.SameStep ? new TObs[numEnvs * ObservationSize] : [];
        _rewards = new double[numEnvs];
        _terminations = new bool[numEnvs];
        _truncations = new bool[numEnvs];
        _loop = new ChunkedLoop(
            (numEnvs + ChunkSize - 1) / ChunkSize,
            chunk => StepCopies(chunk * ChunkSize, Math.Min(NumEnvs, (chunk + 1) * ChunkSize), _actions));
    }

    /// <summary>Steps after which an episode is truncated; null for no limit.</summary>
    public int? MaxEpisodeSteps => _maxEpisodeSteps == 0 ? null : _maxEpisodeSteps;

    /// <summary>
    /// When true, <c>Reset</c> and <c>Step</c> return fresh arrays (Gymnasium's <c>copy=True</c>); when false (the
    /// default), the environment's own buffers, valid until the next call.
    /// </summary>
    public bool CopyResults { get; set; }

    /// <summary>Elements of one copy's observation.</summary>
    protected int ObservationSize { get; }

    /// <summary>The observation buffer, <see cref="ObservationSize"/> elements per copy, copy index first.</summary>
    protected TObs[] Observations => _observations;

    /// <inheritdoc />
    public override VectorResetResult<TObs[]> Reset(IReadOnlyList<ulong?> seeds, IReadOnlyDictionary<string, object>? options = null)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        VectorSeeds.RequireOnePerCopy(seeds, NumEnvs);

        var (mask, copyOptions) = ResetMask.Split(options, NumEnvs);
        for (var i = 0; i < NumEnvs; i++)
        {
            if (mask is null || mask[i])
            {
                if (seeds[i] is { } seed)
                {
                    _random[i] = NumpyGenerator.FromSeed(seed);
                }

                ResetCore(i, copyOptions);
            }
        }

        return new(CopyResults ? (TObs[])_observations.Clone() : _observations, new Dictionary<string, object>());
    }

    /// <inheritdoc />
    public override VectorStepResult<TObs[]> Step(TAction[] actions)
    {
        RequireSteppable(actions);
        if (AutoresetMode == AutoresetMode.Disabled && Array.IndexOf(_ended, true) is var ended and >= 0)
        {
            throw new ResetNeededException(
                $"Copy {ended} ended and autoreset is disabled: reset it with the reset_mask option before stepping.");
        }

        _actions = actions;
        try
        {
            _loop.Run();
        }
        finally
        {
            _actions = [];
        }

        var info = AutoresetMode == AutoresetMode.SameStep ? FinalInfo() : EmptyInfo;
        return CopyResults
            ? new((TObs[])_observations.Clone(), (double[])_rewards.Clone(), (bool[])_terminations.Clone(), (bool[])_truncations.Clone(), info)
            : new(_observations, _rewards, _terminations, _truncations, info);
    }

    /// <inheritdoc />
    protected override void Release() => _loop.Dispose();

    /// <summary>
    /// Starts a new episode of copy <paramref name="index"/>: draws its initial state from <paramref name="random"/>
    /// exactly as the scalar environment's reset does, and writes its observation.
    /// </summary>
    /// <param name="index">The copy.</param>
    /// <param name="random">The copy's generator.</param>
    /// <param name="options">The reset options (null for an autoreset), <c>reset_mask</c> removed.</param>
    protected abstract void ResetCopy(int index, NumpyGenerator random, IReadOnlyDictionary<string, object>? options);

    /// <summary>
    /// Steps copies <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive). For each copy: when
    /// <see cref="AutoresetInstead"/> is true, move on; otherwise advance it with the dynamics, write its observation
    /// and hand the outcome to <see cref="Complete"/>. May run concurrently on disjoint ranges.
    /// </summary>
    /// <param name="start">First copy.</param>
    /// <param name="end">One past the last copy.</param>
    /// <param name="actions">The whole action batch (copy i's action at element i, times the action size).</param>
    protected abstract void StepCopies(int start, int end, TAction[] actions);

    /// <summary>Copy <paramref name="index"/>'s generator (copies that have been reset always have one).</summary>
    protected NumpyGenerator RandomOf(int index) => _random[index]!;

    /// <summary>
    /// True when copy <paramref name="index"/> ended on the previous step under next-step autoreset: it has then been
    /// reset instead of stepped (reward 0, not terminated or truncated; its action is ignored).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected bool AutoresetInstead(int index)
    {
        if (!_ended[index])
        {
            return false;
        }

        ResetCore(index, null);
        _rewards[index] = 0;
        _terminations[index] = false;
        _truncations[index] = false;
        return true;
    }

    /// <summary>
    /// Records the outcome of stepping copy <paramref name="index"/> (its observation already written): counts the
    /// step against the time limit, stores reward and flags, and applies the autoreset mode to a copy that ended.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void Complete(int index, double reward, bool terminated)
    {
        var truncated = _maxEpisodeSteps != 0 && ++_elapsedSteps[index] >= _maxEpisodeSteps;
        _rewards[index] = reward;
        _terminations[index] = terminated;
        _truncations[index] = truncated;
        if (terminated || truncated)
        {
            EndEpisode(index);
        }
    }

    private void EndEpisode(int index)
    {
        if (AutoresetMode == AutoresetMode.SameStep)
        {
            Array.Copy(_observations, index * ObservationSize, _finalObservations, index * ObservationSize, ObservationSize);
            ResetCore(index, null);
        }
        else
        {
            _ended[index] = true;
        }
    }

    private void ResetCore(int index, IReadOnlyDictionary<string, object>? options)
    {
        var random = _random[index] ??= NumpyGenerator.FromEntropy();
        ResetCopy(index, random, options);
        _elapsedSteps[index] = 0;
        _ended[index] = false;
        MarkStarted(index);
    }

    // final_obs / final_info as SyncVectorEnv batches them, built only on steps where a copy ended.
    private IReadOnlyDictionary<string, object> FinalInfo()
    {
        VectorInfo? info = null;
        for (var i = 0; i < NumEnvs; i++)
        {
            if (_terminations[i] || _truncations[i])
            {
                info ??= new VectorInfo(NumEnvs);
                info.AddEntry("final_obs", _finalObservations.AsSpan(i * ObservationSize, ObservationSize).ToArray(), i);
                info.AddEntry("final_info", EmptyInfo, i);
            }
        }

        return info?.ToDictionary() ?? EmptyInfo;
    }
}
