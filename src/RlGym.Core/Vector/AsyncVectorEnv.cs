using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using RlGym.Core.Registration;
using RlGym.Core.Spaces;

namespace RlGym.Core.Vector;

/// <summary>
/// N copies stepped asynchronously, as EnvPool's <c>send</c>/<c>recv</c> with <c>batch_size &lt; num_envs</c>:
/// <see cref="Send"/> hands actions for some copies to worker threads (one per core) and returns at once;
/// <see cref="Recv"/> waits for the first <see cref="BatchSize"/> copies that finished and answers their results, rows
/// in the order they finished, with their copy indices. Each copy keeps its own generator and autoreset rule
/// (<see cref="AutoresetCopy"/>), so a copy's trajectory is the one <see cref="SyncVectorEnv{TObsBatch,TActionBatch}"/>
/// gives it for the same seeds and actions, whatever the order copies finish in.
/// </summary>
/// <remarks>
/// One caller at a time (the server serialises a handle's requests). A copy is idle (reset, or received since it was
/// last sent), in flight, or finished and waiting to be received; only idle copies may be sent.
/// </remarks>
public sealed class AsyncVectorEnv : IDisposable
{
    private readonly AutoresetCopy[] _copies;
    private readonly CopyOutcome[] _outcomes;
    private readonly Exception?[] _faults;
    private readonly bool[] _busy;
    private readonly BlockingCollection<(int[] Copies, object[] Actions)> _work = new();
    private readonly ConcurrentQueue<int> _finished = new();
    private readonly SemaphoreSlim _finishedCount = new(0);
    private readonly Thread[] _workers;
    private readonly int _threads;
    private int _pending;
    private bool _started;
    private bool _closed;

    /// <summary>Steps <paramref name="envs"/> (same spaces) asynchronously, answering <paramref name="batchSize"/> copies per receive.</summary>
    /// <param name="envs">The copies; this environment owns and closes them.</param>
    /// <param name="batchSize">Copies per <see cref="Recv"/>, in [1, envs.Count].</param>
    /// <param name="autoresetMode"><see cref="AutoresetMode.NextStep"/> or <see cref="AutoresetMode.SameStep"/> (a receive
    /// cannot wait for a copy that needs a reset first, so <see cref="AutoresetMode.Disabled"/> is refused).</param>
    /// <param name="threads">Worker threads; 0 = one per core, at most one per copy.</param>
    /// <exception cref="ArgumentException">No copies, copies with different spaces, a batch size outside [1, N], or disabled autoreset.</exception>
    public AsyncVectorEnv(IReadOnlyList<IEnv> envs, int batchSize, AutoresetMode autoresetMode = AutoresetMode.NextStep, int threads = 0)
    {
        AutoresetCopy.RequireSameSpaces(envs);
        if (batchSize < 1 || batchSize > envs.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(batchSize), batchSize, $"batch_size must be in [1, num_envs = {envs.Count}]; got {batchSize}.");
        }

        if (autoresetMode == AutoresetMode.Disabled)
        {
            throw new ArgumentException(
                "An asynchronous vector environment resets copies itself: use autoreset NEXT_STEP or SAME_STEP, not DISABLED.", nameof(autoresetMode));
        }

        _copies = [.. envs.Select(env => new AutoresetCopy(env, autoresetMode))];
        _outcomes = new CopyOutcome[envs.Count];
        _faults = new Exception?[envs.Count];
        _busy = new bool[envs.Count];
        BatchSize = batchSize;
        AutoresetMode = autoresetMode;
        _threads = Math.Clamp(threads > 0 ? threads : Environment.ProcessorCount, 1, envs.Count);
        _workers = new Thread[_threads];
        for (var t = 0; t < _threads; t++)
        {
            _workers[t] = new Thread(Work) { IsBackground = true, Name = $"AsyncVectorEnv worker {t}" };
            _workers[t].Start();
        }
    }

    /// <summary>Number of copies.</summary>
    public int NumEnvs => _copies.Length;

    /// <summary>Copies each <see cref="Recv"/> answers.</summary>
    public int BatchSize { get; }

    /// <summary>How copies that ended are reset.</summary>
    public AutoresetMode AutoresetMode { get; }

    /// <summary>Observation space of one copy.</summary>
    public Space SingleObservationSpace => _copies[0].Env.ObservationSpace;

    /// <summary>Action space of one copy.</summary>
    public Space SingleActionSpace => _copies[0].Env.ActionSpace;

    /// <summary>Metadata of the copies.</summary>
    public EnvMetadata Metadata => _copies[0].Env.Metadata;

    /// <summary>The registration the copies were made from, if any.</summary>
    public EnvSpec? Spec => _copies[0].Env.Spec;

    /// <summary>The copies, in order.</summary>
    public IReadOnlyList<IEnv> Envs => [.. _copies.Select(copy => copy.Env)];

    /// <summary>Copies sent and not yet received (in flight or finished).</summary>
    public int Pending => _pending;

    /// <summary>
    /// Resets every copy (copy i with <c>seeds[i]</c>; null continues its generator) and answers all N observations
    /// in copy order. Copies still in flight are waited for and their results dropped: after a reset every copy is idle.
    /// </summary>
    /// <exception cref="ArgumentException">Not one seed per copy, or a <c>reset_mask</c> option (copies are reset all together here).</exception>
    public VectorResetResult<object> Reset(IReadOnlyList<ulong?> seeds, IReadOnlyDictionary<string, object>? options = null)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        VectorSeeds.RequireOnePerCopy(seeds, NumEnvs);
        if (ResetMask.Split(options, NumEnvs).Mask is not null)
        {
            throw new ArgumentException("An asynchronous vector environment resets all its copies together: drop the reset_mask option.");
        }

        DropPending();
        var results = new ResetResult<object>?[NumEnvs];
        Parallel.For(0, NumEnvs, new ParallelOptions { MaxDegreeOfParallelism = _threads }, i => results[i] = _copies[i].Reset(seeds[i], options));
        var observations = SpaceBatching.CreateBatch(SingleObservationSpace, NumEnvs);
        var info = new VectorInfo(NumEnvs);
        for (var i = 0; i < NumEnvs; i++)
        {
            SpaceBatching.Write(SingleObservationSpace, observations, i, results[i]!.Value.Observation);
            info.Add(results[i]!.Value.Info, i);
        }

        _started = true;
        return new(observations, info.ToDictionary());
    }

    /// <summary>Resets every copy; with a seed, copy i is seeded with <c>seed + i</c>.</summary>
    public VectorResetResult<object> Reset(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null) =>
        Reset(VectorSeeds.Spread(seed, NumEnvs), options);

    /// <summary>
    /// Hands <paramref name="actions"/> (a batch of the action space's batch type, one row per entry of
    /// <paramref name="envIds"/>) to the workers and returns at once.
    /// </summary>
    /// <exception cref="ResetNeededException">No reset yet.</exception>
    /// <exception cref="ArgumentException">An index out of range or repeated, or a batch that is not one action per index.</exception>
    /// <exception cref="InvalidActionException">An action outside the action space (nothing is sent).</exception>
    /// <exception cref="CopyBusyException">A copy was sent and not received since.</exception>
    public void Send(object actions, ReadOnlySpan<int> envIds)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        ArgumentNullException.ThrowIfNull(actions);
        if (!_started)
        {
            throw new ResetNeededException("Cannot send actions before reset: call Reset() first.");
        }

        if (envIds.Length == 0)
        {
            throw new ArgumentException("Send needs at least one copy index (env_ids).", nameof(envIds));
        }

        var count = SpaceBatching.Count(SingleActionSpace, actions);
        if (count != envIds.Length)
        {
            throw new InvalidActionException($"Expected {envIds.Length} actions (one per env_id), got {count}.");
        }

        var seen = new HashSet<int>();
        var rows = new object[envIds.Length];
        for (var j = 0; j < envIds.Length; j++)
        {
            var id = envIds[j];
            if ((uint)id >= (uint)NumEnvs)
            {
                throw new ArgumentOutOfRangeException(nameof(envIds), id, $"env_id {id} is out of range: expected [0, {NumEnvs - 1}].");
            }

            if (!seen.Add(id))
            {
                throw new ArgumentException($"env_id {id} appears twice; send each copy at most once per send.", nameof(envIds));
            }

            if (_busy[id])
            {
                throw new CopyBusyException(
                    $"Copy {id} was sent and not received yet: receive it (recv) before sending it again.");
            }

            rows[j] = SpaceBatching.Read(SingleActionSpace, actions, j);
            if (!SingleActionSpace.ContainsObject(rows[j]))
            {
                throw new InvalidActionException($"Action {Formatting.Describe(rows[j])} for env_id {id} is not in the action space {SingleActionSpace}.");
            }
        }

        var ids = envIds.ToArray();
        foreach (var id in ids)
        {
            _busy[id] = true;
        }

        _pending += ids.Length;

        // Chunks of several copies keep the hand-off cost small for large sends; a few per worker keep the cores busy.
        var chunk = Math.Max(1, ids.Length / (_threads * 4));
        for (var start = 0; start < ids.Length; start += chunk)
        {
            var length = Math.Min(chunk, ids.Length - start);
            _work.Add((ids[start..(start + length)], rows[start..(start + length)]));
        }
    }

    /// <summary>
    /// Waits for the first <see cref="BatchSize"/> copies that finished and answers their results (rows in the order
    /// they finished) with their indices; those copies are idle again.
    /// </summary>
    /// <exception cref="CopyBusyException">Fewer than <see cref="BatchSize"/> copies are pending (the wait would never end).</exception>
    public AsyncStepResult Recv()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_pending < BatchSize)
        {
            throw new CopyBusyException(
                $"Receive needs batch_size = {BatchSize} copies sent and not received; {_pending} are: send more first.");
        }

        var ids = new int[BatchSize];
        var outcomes = new CopyOutcome[BatchSize];
        Exception? fault = null;
        for (var j = 0; j < BatchSize; j++)
        {
            _finishedCount.Wait();
            _finished.TryDequeue(out var id);
            ids[j] = id;
            outcomes[j] = _outcomes[id];
            fault ??= _faults[id];
            _faults[id] = null;
            _busy[id] = false;
        }

        _pending -= BatchSize;
        if (fault is not null)
        {
            ExceptionDispatchInfo.Throw(fault);
        }

        return new(ids, CopyOutcome.Batch(SingleObservationSpace, outcomes));
    }

    /// <summary>Sends <paramref name="actions"/> to <paramref name="envIds"/>, then receives (EnvPool's <c>step</c>).</summary>
    public AsyncStepResult Step(object actions, ReadOnlySpan<int> envIds)
    {
        Send(actions, envIds);
        return Recv();
    }

    /// <summary>Stops the workers and closes every copy; harmless when repeated.</summary>
    public void Dispose()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _work.CompleteAdding();
        foreach (var worker in _workers)
        {
            worker.Join();
        }

        foreach (var copy in _copies)
        {
            copy.Env.Close();
        }

        _work.Dispose();
        _finishedCount.Dispose();
    }

    private void DropPending()
    {
        while (_pending > 0)
        {
            _finishedCount.Wait();
            _finished.TryDequeue(out var id);
            _faults[id] = null;
            _busy[id] = false;
            _pending--;
        }
    }

    private void Work()
    {
        foreach (var (copies, actions) in _work.GetConsumingEnumerable())
        {
            for (var j = 0; j < copies.Length; j++)
            {
                var id = copies[j];
                try
                {
                    _outcomes[id] = _copies[id].Step(actions[j]);
                }
                catch (Exception e)
                {
                    // Reported by the receive that answers this copy, as the synchronous step would have thrown it.
                    _faults[id] = e;
                }

                _finished.Enqueue(id);
                _finishedCount.Release();
            }
        }
    }
}

/// <summary>What <see cref="AsyncVectorEnv.Recv"/> answers: the copies' indices and their results, row j for copy <c>EnvIds[j]</c>.</summary>
/// <param name="EnvIds">The copies, in the order they finished.</param>
/// <param name="Result">Their observations, rewards, flags and infos (arrays over the rows).</param>
public readonly record struct AsyncStepResult(int[] EnvIds, VectorStepResult<object> Result);
