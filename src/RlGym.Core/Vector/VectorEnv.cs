using RlGym.Core.Registration;
using RlGym.Core.Spaces;

namespace RlGym.Core.Vector;

/// <summary>
/// What every in-process vector environment shares: its description (copies, spaces, metadata, autoreset mode,
/// spec), the bridge from the untyped <see cref="IVectorEnv"/> to the typed calls, the action checks, and closing.
/// A subclass writes the typed <see cref="Reset(IReadOnlyList{ulong?}, IReadOnlyDictionary{string, object}?)"/> and
/// <see cref="Step"/>.
/// </summary>
/// <typeparam name="TObsBatch">The observation batch type (<see cref="SpaceBatching.BatchType"/> of the observation space).</typeparam>
/// <typeparam name="TActionBatch">The action batch type (<see cref="SpaceBatching.BatchType"/> of the action space).</typeparam>
public abstract class VectorEnv<TObsBatch, TActionBatch> : IVectorEnv<TObsBatch, TActionBatch>
    where TObsBatch : notnull
    where TActionBatch : notnull
{
    private readonly int _actionSize;
    private readonly int _discreteStart;
    private readonly int _discreteCount;
    private readonly bool[] _started;
    private int _unstarted;
    private bool _closed;

    /// <summary>Describes <paramref name="numEnvs"/> copies with the given spaces, checking the batch types against them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one copy.</exception>
    /// <exception cref="ArgumentException">A batch type that is not the space's.</exception>
    protected VectorEnv(int numEnvs, Space singleObservationSpace, Space singleActionSpace, EnvMetadata metadata, AutoresetMode autoresetMode, EnvSpec? spec)
    {
        ArgumentNullException.ThrowIfNull(singleObservationSpace);
        ArgumentNullException.ThrowIfNull(singleActionSpace);
        if (numEnvs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numEnvs), numEnvs, "A vector environment needs at least one copy.");
        }

        SpaceBatching.RequireBatchType(singleObservationSpace, typeof(TObsBatch), "observation");
        SpaceBatching.RequireBatchType(singleActionSpace, typeof(TActionBatch), "action");
        NumEnvs = numEnvs;
        SingleObservationSpace = singleObservationSpace;
        SingleActionSpace = singleActionSpace;
        Metadata = metadata;
        AutoresetMode = autoresetMode;
        Spec = spec;
        _actionSize = singleActionSpace.Shape.Aggregate(1, (a, b) => a * b);
        _started = new bool[numEnvs];
        _unstarted = numEnvs;
        if (singleActionSpace is Discrete discrete)
        {
            (_discreteStart, _discreteCount) = ((int)discrete.Start, (int)discrete.N);
        }
    }

    /// <summary>Describes <paramref name="numEnvs"/> copies of <paramref name="prototype"/> (its spaces and metadata).</summary>
    protected VectorEnv(int numEnvs, IEnv prototype, AutoresetMode autoresetMode, EnvSpec? spec)
        : this(numEnvs, prototype?.ObservationSpace ?? throw new ArgumentNullException(nameof(prototype)), prototype.ActionSpace, prototype.Metadata, autoresetMode, spec)
    {
    }

    /// <inheritdoc />
    public int NumEnvs { get; }

    /// <inheritdoc />
    public Space SingleObservationSpace { get; }

    /// <inheritdoc />
    public Space SingleActionSpace { get; }

    /// <inheritdoc />
    public AutoresetMode AutoresetMode { get; }

    /// <inheritdoc />
    public EnvMetadata Metadata { get; }

    /// <inheritdoc />
    public EnvSpec? Spec { get; }

    /// <inheritdoc />
    public virtual DType RewardDType => DType.Float64;

    /// <inheritdoc />
    public virtual string? RenderMode => null;

    /// <inheritdoc />
    public virtual IReadOnlyList<Rendering.Rendering?>? Render() => null;

    /// <summary>True once <see cref="Close"/> has run.</summary>
    protected bool IsClosed => _closed;

    /// <summary>Elements of one copy's action (1 for Discrete).</summary>
    protected int ActionSize => _actionSize;

    /// <inheritdoc />
    /// <remarks>By default copy i is seeded with <c>seed + i</c>, as Gymnasium's vector environments do.</remarks>
    public virtual VectorResetResult<TObsBatch> Reset(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null) =>
        Reset(VectorSeeds.Spread(seed, NumEnvs), options);

    /// <inheritdoc />
    public abstract VectorResetResult<TObsBatch> Reset(IReadOnlyList<ulong?> seeds, IReadOnlyDictionary<string, object>? options = null);

    /// <inheritdoc />
    public abstract VectorStepResult<TObsBatch> Step(TActionBatch actions);

    /// <inheritdoc />
    public void Close()
    {
        if (!_closed)
        {
            _closed = true;
            Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    VectorResetResult<object> IVectorEnv.ResetObject(ulong? seed, IReadOnlyDictionary<string, object>? options)
    {
        var (observations, info) = Reset(seed, options);
        return new(observations, info);
    }

    VectorResetResult<object> IVectorEnv.ResetObject(IReadOnlyList<ulong?> seeds, IReadOnlyDictionary<string, object>? options)
    {
        var (observations, info) = Reset(seeds, options);
        return new(observations, info);
    }

    VectorStepResult<object> IVectorEnv.StepObject(object actions)
    {
        var typed = actions is TActionBatch batch
            ? batch
            : throw new InvalidActionException($"Actions must be a {typeof(TActionBatch).Name} batch for {SingleActionSpace}, got {actions?.GetType().Name ?? "null"}.");
        var (observations, rewards, terminations, truncations, info) = Step(typed);
        return new(observations, rewards, terminations, truncations, info);
    }

    /// <summary>Frees what the environment holds beyond managed memory (threads, device buffers, copies); called once by <see cref="Close"/>.</summary>
    protected virtual void Release()
    {
    }

    /// <summary>Records that copy <paramref name="index"/> has been reset (see <see cref="RequireSteppable"/>).</summary>
    protected void MarkStarted(int index)
    {
        if (!_started[index])
        {
            _started[index] = true;
            _unstarted--;
        }
    }

    /// <summary>
    /// The checks before a step of an environment that tracks its copies with <see cref="MarkStarted"/>: not closed,
    /// every copy reset at least once (<see cref="ResetNeededException"/> names the first that was not), and
    /// <see cref="RequireValidActions"/>.
    /// </summary>
    protected void RequireSteppable(TActionBatch actions)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        ArgumentNullException.ThrowIfNull(actions);
        if (_unstarted > 0)
        {
            throw new ResetNeededException(
                $"Cannot call step before reset: copy {Array.IndexOf(_started, false)} was never reset; call Reset() first.");
        }

        RequireValidActions(actions);
    }

    /// <summary>
    /// Throws <see cref="InvalidActionException"/> when the batch does not hold one action per copy or, for a Discrete
    /// action space, holds an action outside it (the message names the first such copy).
    /// </summary>
    protected void RequireValidActions(TActionBatch actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions is Array array)
        {
            if (array.Length != NumEnvs * _actionSize)
            {
                throw new InvalidActionException(
                    $"Expected a batch of {NumEnvs} actions of {_actionSize} element(s) each ({NumEnvs * _actionSize} elements), got {array.Length}.");
            }
        }
        else if (SpaceBatching.Count(SingleActionSpace, actions) is var count && count != NumEnvs)
        {
            throw new InvalidActionException($"Expected a batch of {NumEnvs} actions (one per copy), got {count}.");
        }

        // One vectorised scan finds the first action outside [start, start + n - 1].
        if (_discreteCount > 0 && actions is int[] discrete
            && discrete.AsSpan().IndexOfAnyExceptInRange(_discreteStart, _discreteStart + _discreteCount - 1) is var i and >= 0)
        {
            throw new InvalidActionException(
                $"Action {discrete[i]} of copy {i} is not in {SingleActionSpace}: expected an integer in [{_discreteStart}, {_discreteStart + _discreteCount - 1}].");
        }
    }
}
