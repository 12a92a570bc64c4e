using Google.Protobuf;
using RlGym.Protocol.V1;
using RlGym.Server.Errors;
using RlGym.Server.SharedMemory;
using RlGym.Server.Telemetry;

namespace RlGym.Server.Sessions;

/// <summary>
/// One open environment behind a handle. Requests on it are serialised by a per-session lock (different sessions run
/// in parallel); reset and step share the per-handle sequence numbers of environments.proto: the next number is
/// applied and its response stored, a repeat of the last number returns the stored response without applying it
/// again, any other number is FAILED_PRECONDITION, and 0 is unsequenced (always applied, counter untouched).
/// </summary>
internal sealed class EnvironmentSession : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly TimeProvider _time;
    private readonly SessionTarget _target;
    private readonly ServerMetrics? _metrics;
    private ulong _lastSequence;
    private IMessage? _lastResponse;
    private bool _lastBorrowed;
    private bool _closed;
    private long _lastUsedTicks;
    private ClientConnection? _connection;
    private SharedMemoryAttachment? _attachment;

    public EnvironmentSession(string handle, SessionTarget target, int copies, TimeProvider time, ServerMetrics? metrics = null)
    {
        Handle = handle;
        _target = target;
        Copies = copies;
        _time = time;
        _metrics = metrics;
        Touch();
    }

    /// <summary>The opaque handle naming this session.</summary>
    public string Handle { get; }

    /// <summary>Copies counted against the server's limits (1 for a single environment).</summary>
    public int Copies { get; }

    /// <summary>Estimated bytes counted against <see cref="RlGymServerOptions.MaxHandleMemoryBytes"/> while the handle is open.</summary>
    public long EstimatedBytes { get; init; }

    /// <summary>The name of the API key that created the handle; null when the server requires no key.</summary>
    public string? Owner { get; init; }

    /// <summary>
    /// The client connection of the latest request on this handle, which leases it (see
    /// <see cref="RlGymServerOptions.HandleLease"/>); null when that request came on no tracked connection.
    /// </summary>
    public ClientConnection? Connection
    {
        get => Volatile.Read(ref _connection);
        set => Volatile.Write(ref _connection, value);
    }

    /// <summary>The environment or vector environment behind the handle.</summary>
    public SessionTarget Target => _target;

    /// <summary>When a request last finished or started on this session.</summary>
    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    /// <summary>Resets the environment (sequenced).</summary>
    public Task<ResetResponse> ResetAsync(ResetRequest request, CancellationToken cancellationToken) =>
        RunAsync(() => Sequenced(request.Sequence, "reset", () => _target.Reset(request)), cancellationToken);

    /// <summary>
    /// Steps the environment (sequenced). With <paramref name="borrow"/> (the shared-memory doorbell only) the response
    /// may borrow the target's buffers (see <see cref="SessionTarget.StepBorrowed"/>); without it, it is the caller's.
    /// </summary>
    public Task<StepResponse> StepAsync(StepRequest request, CancellationToken cancellationToken, bool borrow = false) =>
        RunAsync(() => Sequenced(request.Sequence, "step", () => Step(request, borrow), borrow), cancellationToken);

    /// <summary>Applies a step and records it (a repeated sequence number answered from the stored response is not recorded).</summary>
    private StepResponse Step(StepRequest request, bool borrow)
    {
        if (!_target.Asynchronous && (request.EnvIds.Count > 0 || request.Phase != StepPhase.SendAndRecv))
        {
            throw new ArgumentException(
                "env_ids and phase are for asynchronous vector environments (created with batch_size > 0); this handle steps every copy in each step.");
        }

        if (_metrics is null)
        {
            return borrow ? _target.StepBorrowed(request) : _target.Step(request);
        }

        var started = _time.GetTimestamp();
        var response = borrow ? _target.StepBorrowed(request) : _target.Step(request);
        _metrics.StepApplied(_target.EnvId, _target.CopiesStepped(response, Copies), _time.GetElapsedTime(started));
        return response;
    }

    /// <summary>
    /// Makes <paramref name="attachment"/> this handle's shared-memory attachment, detaching the previous one; it is
    /// detached when the session closes (at once if it already has).
    /// </summary>
    public void Attach(SharedMemoryAttachment attachment)
    {
        Interlocked.Exchange(ref _attachment, attachment)?.Dispose();
        if (Volatile.Read(ref _closed))
        {
            Interlocked.Exchange(ref _attachment, null)?.Dispose();
        }
    }

    /// <summary>Renders the current frame in the requested encoding.</summary>
    public Task<RenderResponse> RenderAsync(RenderRequest request, CancellationToken cancellationToken) =>
        RunAsync(() => _target.Render(request), cancellationToken);

    /// <summary>Closes the environment once no request is running on it; later requests are NOT_FOUND.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            CloseCore();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Closes the environment if no request is running on it right now; true when closed.</summary>
    public bool TryCloseIfIdle()
    {
        if (!_lock.Wait(0))
        {
            return false;
        }

        try
        {
            CloseCore();
            return true;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        CloseCore();
        _lock.Dispose();
    }

    private async Task<T> RunAsync<T>(Func<T> operation, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                throw new UnknownHandleException($"The environment handle '{Handle}' was closed.");
            }

            Touch();
            return operation();
        }
        finally
        {
            Touch();
            _lock.Release();
        }
    }

    private T Sequenced<T>(ulong sequence, string kind, Func<T> apply, bool borrow = false)
        where T : class, IMessage
    {
        if (sequence == 0)
        {
            return apply();
        }

        if (sequence == _lastSequence)
        {
            if (_lastBorrowed && !borrow && _lastResponse is StepResponse borrowed)
            {
                // Its buffers are reused two borrowed steps later: the caller gets a copy of its own.
                return (T)(object)Owned(borrowed);
            }

            return _lastResponse as T ?? throw new SequenceMismatchException(
                $"Sequence number {sequence} was used by a {(kind == "step" ? "reset" : "step")}, not a {kind}; the next sequence number is {_lastSequence + 1}.");
        }

        if (sequence != _lastSequence + 1)
        {
            var repeat = _lastSequence == 0 ? "" : $" (or {_lastSequence} to repeat the last request)";
            throw new SequenceMismatchException(
                $"Sequence number {sequence} is out of order for this handle: expected {_lastSequence + 1}{repeat}; 0 sends an unsequenced request.");
        }

        var response = apply();
        _lastSequence = sequence;
        _lastResponse = response;
        _lastBorrowed = borrow;
        return response;
    }

    /// <summary>A copy of <paramref name="response"/> whose tensors own their bytes.</summary>
    private static StepResponse Owned(StepResponse response)
    {
        var copy = response.Clone();
        Own(copy.Observation?.Tensor);
        Own(copy.Reward);
        Own(copy.Terminated);
        Own(copy.Truncated);
        return copy;

        static void Own(Tensor? tensor)
        {
            if (tensor is not null)
            {
                tensor.Data = ByteString.CopyFrom(tensor.Data.Span);
            }
        }
    }

    private void CloseCore()
    {
        if (_closed)
        {
            return;
        }

        Volatile.Write(ref _closed, true);
        Interlocked.Exchange(ref _attachment, null)?.Dispose();
        _target.Dispose();
    }

    private void Touch() => Interlocked.Exchange(ref _lastUsedTicks, _time.GetUtcNow().UtcTicks);
}
