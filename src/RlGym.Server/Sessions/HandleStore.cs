using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RlGym.Core;
using RlGym.Server.Backends;
using RlGym.Server.Errors;
using RlGym.Server.Telemetry;

namespace RlGym.Server.Sessions;

/// <summary>
/// The open environments, by handle. Handles are 128 random bits from <see cref="RandomNumberGenerator"/> in
/// base64url: unguessable, so a handle is a capability. Enforces <see cref="RlGymServerOptions.MaxHandles"/>,
/// <see cref="RlGymServerOptions.MaxCopiesPerHandle"/> and <see cref="RlGymServerOptions.MaxTotalCopies"/>, and closes
/// handles idle longer than <see cref="RlGymServerOptions.HandleIdleTimeout"/> or whose client's connection closed longer
/// than <see cref="RlGymServerOptions.HandleLease"/> ago. Counts each handle's estimated bytes
/// (<see cref="SessionTarget.EstimatedBytes"/>) against <see cref="RlGymServerOptions.MaxHandleMemoryBytes"/>. While the server drains before shutdown
/// (<see cref="BeginDrain"/>), new handles are refused with UNAVAILABLE and open ones keep working.
/// </summary>
internal sealed partial class HandleStore : IDisposable
{
    private readonly ConcurrentDictionary<string, EnvironmentSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _limitsLock = new();
    private readonly RlGymServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HandleStore> _logger;
    private readonly ServerMetrics? _metrics;
    private readonly CancellationTokenSource _drainEnded = new();
    private TaskCompletionSource? _emptied;
    private int _openStreams;
    private int _reservedHandles;
    private long _reservedCopies;
    private long _reservedBytes;
    private bool _drainEndedByGrace;

    public HandleStore(IOptions<RlGymServerOptions> options, TimeProvider time, ILogger<HandleStore> logger, ServerMetrics? metrics = null)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        MaxMemoryBytes = _options.MaxHandleMemoryBytes is > 0 and var max ? max : DefaultMemoryBudget();
    }

    /// <summary>The memory budget of all open handles, configured or half the memory available to the process.</summary>
    public long MaxMemoryBytes { get; }

    /// <summary>Estimated bytes of the open handles (and those being created).</summary>
    public long MemoryInUse
    {
        get
        {
            lock (_limitsLock)
            {
                return _reservedBytes;
            }
        }
    }

    /// <summary>Open handles.</summary>
    public int Count => _sessions.Count;

    /// <summary>Whether the server is draining before shutdown: new handles are UNAVAILABLE, open ones keep working.</summary>
    public bool IsDraining
    {
        get
        {
            lock (_limitsLock)
            {
                return _emptied is not null;
            }
        }
    }

    /// <summary>Cancelled when the drain is over (every handle closed, or the grace period ended); open streams end then.</summary>
    public CancellationToken DrainEnded => _drainEnded.Token;

    /// <summary>
    /// Starts draining (idempotent): from now on creating a handle is UNAVAILABLE. The task completes once no handle is
    /// open (or being created).
    /// </summary>
    public Task BeginDrain()
    {
        lock (_limitsLock)
        {
            if (_emptied is null)
            {
                _emptied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_reservedHandles == 0)
                {
                    _emptied.TrySetResult();
                }
            }

            return _emptied.Task;
        }
    }

    /// <summary>
    /// Ends the drain: Session streams still open are ended with UNAVAILABLE (see <see cref="DrainEnded"/>).
    /// <paramref name="graceOver"/> says why: the grace period ended (true) or every handle was closed (false).
    /// </summary>
    public void EndDrain(bool graceOver)
    {
        Volatile.Write(ref _drainEndedByGrace, graceOver);
        _drainEnded.Cancel();
    }

    /// <summary>Whether the drain ended because its grace period ran out (rather than because every handle was closed).</summary>
    public bool DrainEndedByGrace => Volatile.Read(ref _drainEndedByGrace);

    /// <summary>Session streams being served now.</summary>
    public int OpenStreams => Volatile.Read(ref _openStreams);

    /// <summary>Counts a Session stream as open until the returned lease is disposed.</summary>
    public StreamLease OpenStream()
    {
        Interlocked.Increment(ref _openStreams);
        return new StreamLease(this);
    }

    /// <summary>One open Session stream; disposing it (once) counts the stream as ended.</summary>
    public sealed class StreamLease(HandleStore store) : IDisposable
    {
        private int _disposed;

        /// <inheritdoc />
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref store._openStreams);
            }
        }
    }

    /// <summary>
    /// Reserves room for <paramref name="copies"/> copies, makes the environment with <paramref name="make"/> and
    /// stores it under a new handle owned by <paramref name="owner"/> (an API key's name; null when keys are off). A
    /// limit that would be passed is RESOURCE_EXHAUSTED, before anything is made.
    /// </summary>
    /// <remarks>The memory budget is checked once the environment is made, with its own estimate.</remarks>
    public EnvironmentSession Create(Func<IEnv> make, int copies, string? owner = null) => Add(() => new SingleEnvTarget(make()), copies, owner, 0);

    /// <summary>
    /// As <see cref="Create"/>, for a vector environment of <paramref name="copies"/> copies, whose memory estimate
    /// <paramref name="estimatedBytes"/> (see <see cref="MemoryEstimates.Vector(IEnv, int)"/>) is reserved before it is made.
    /// </summary>
    public EnvironmentSession CreateVector(Func<VectorEnvCreation> make, int copies, string? owner = null, long estimatedBytes = 0) => Add(
        () =>
        {
            var created = make();
            try
            {
                return new VectorEnvTarget(created.Env, created.Backend, created.Vectorization);
            }
            catch
            {
                created.Env.Dispose();
                throw;
            }
        },
        copies,
        owner,
        estimatedBytes);

    /// <summary>As <see cref="CreateVector"/>, for an asynchronous vector environment (batch_size &gt; 0).</summary>
    public EnvironmentSession CreateAsyncVector(Func<Core.Vector.AsyncVectorEnv> make, int copies, string? owner = null, long estimatedBytes = 0) =>
        Add(() => new AsyncVectorEnvTarget(make()), copies, owner, estimatedBytes);

    private EnvironmentSession Add(Func<SessionTarget> make, int copies, string? owner, long estimatedBytes)
    {
        Reserve(copies, estimatedBytes);
        SessionTarget env;
        try
        {
            env = make();
        }
        catch
        {
            Release(copies, estimatedBytes);
            throw;
        }

        // The environment's own estimate, when larger than the one reserved, is checked now that it exists.
        var bytes = estimatedBytes;
        try
        {
            var more = env.EstimatedBytes - estimatedBytes;
            if (more > 0)
            {
                ReserveBytes(more);
                bytes += more;
            }
        }
        catch
        {
            env.Dispose();
            Release(copies, estimatedBytes);
            throw;
        }

        var session = new EnvironmentSession(NewHandle(), env, copies, _time, _metrics) { Owner = owner, EstimatedBytes = bytes };
        if (!_sessions.TryAdd(session.Handle, session))
        {
            // 128 random bits do not collide; this guards the invariant rather than a real case.
            session.Dispose();
            Release(copies, bytes);
            throw new InvalidOperationException("A freshly drawn handle was already in use.");
        }

        _metrics?.HandlesChanged(1);
        LogCreated(_logger, session.Handle, env.Name);
        return session;
    }

    /// <summary>The session for <paramref name="handle"/>; NOT_FOUND when unknown, closed or expired.</summary>
    public EnvironmentSession Get(string handle) =>
        _sessions.TryGetValue(handle ?? "", out var session)
            ? session
            : throw new UnknownHandleException(string.IsNullOrEmpty(handle)
                ? "The request names no environment handle; pass the handle CreateEnvironment returned."
                : $"Unknown environment handle {Formatting.Quote(handle)}: it {WaysToEnd(_options)}.");

    /// <summary>Closes and forgets <paramref name="handle"/>; NOT_FOUND when unknown or already closed.</summary>
    public async Task CloseAsync(string handle, CancellationToken cancellationToken)
    {
        var session = Get(handle);
        if (!_sessions.TryRemove(new KeyValuePair<string, EnvironmentSession>(handle, session)))
        {
            throw new UnknownHandleException($"The environment handle {Formatting.Quote(handle)} was already closed.");
        }

        await session.CloseAsync(cancellationToken).ConfigureAwait(false);
        Release(session.Copies, session.EstimatedBytes);
        _metrics?.HandlesChanged(-1);
        LogClosed(_logger, handle, "closed by the client");
    }

    /// <summary>
    /// Closes every handle that expired: idle for at least <see cref="RlGymServerOptions.HandleIdleTimeout"/>, or whose
    /// client connection closed at least <see cref="RlGymServerOptions.HandleLease"/> ago (any time ago while the
    /// server drains: only a living client can still finish before the shutdown). Returns how many it closed.
    /// </summary>
    public int CloseExpired()
    {
        var now = _time.GetUtcNow();
        var closed = 0;
        foreach (var (handle, session) in _sessions)
        {
            if (ExpiryOf(session, now) is not { } reason || !session.TryCloseIfIdle())
            {
                continue;
            }

            if (_sessions.TryRemove(new KeyValuePair<string, EnvironmentSession>(handle, session)))
            {
                Release(session.Copies, session.EstimatedBytes);
                _metrics?.HandlesChanged(-1);
                closed++;
                LogExpired(_logger, handle, reason);
            }
        }

        return closed;
    }

    /// <summary>Why <paramref name="session"/> has expired at <paramref name="now"/>; null while it has not.</summary>
    private string? ExpiryOf(EnvironmentSession session, DateTimeOffset now)
    {
        var idle = _options.HandleIdleTimeout;
        if (idle > TimeSpan.Zero && now - session.LastUsed >= idle)
        {
            return $"idle for {idle}";
        }

        var lease = _options.HandleLease;
        if (lease <= TimeSpan.Zero || session.Connection?.ClosedAt is not { } closedAt)
        {
            return null;
        }

        var gone = now - closedAt;
        if (gone < lease && !IsDraining)
        {
            return null;
        }

        var ago = string.Create(CultureInfo.InvariantCulture, $"its client's connection closed {gone.TotalSeconds:0.0} s ago");
        return gone >= lease ? ago : ago + " and the server is shutting down";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }

        _sessions.Clear();
        _drainEnded.Dispose();
    }

    /// <summary>RESOURCE_EXHAUSTED when a handle of <paramref name="copies"/> copies could not be created right now.</summary>
    public void CheckCopies(int copies)
    {
        if (copies > _options.MaxCopiesPerHandle)
        {
            throw new ServerLimitException(
                $"num_envs {copies} exceeds this server's limit MaxCopiesPerHandle = {_options.MaxCopiesPerHandle}.");
        }

        lock (_limitsLock)
        {
            CheckLimits(copies);
        }
    }

    private void Reserve(int copies, long bytes)
    {
        if (copies > _options.MaxCopiesPerHandle)
        {
            CheckCopies(copies);
        }

        lock (_limitsLock)
        {
            CheckLimits(copies);
            CheckMemory(bytes);
            _reservedHandles++;
            _reservedCopies += copies;
            _reservedBytes += bytes;
        }
    }

    private void ReserveBytes(long bytes)
    {
        lock (_limitsLock)
        {
            CheckMemory(bytes);
            _reservedBytes += bytes;
        }
    }

    private void CheckMemory(long bytes)
    {
        if (bytes > 0 && _reservedBytes + bytes > MaxMemoryBytes)
        {
            throw new ServerLimitException(string.Create(CultureInfo.InvariantCulture,
                $"This environment needs about {bytes / (1024.0 * 1024.0):N1} MiB, and the open handles already use {_reservedBytes / (1024.0 * 1024.0):N1} MiB of this server's memory budget MaxHandleMemoryBytes = {MaxMemoryBytes / (1024.0 * 1024.0):N1} MiB; close handles first, or ask for fewer copies or smaller arguments."));
        }
    }

    /// <summary>Half the memory available to the process: the machine's, or its container's limit.</summary>
    private static long DefaultMemoryBudget() => Math.Max(64L * 1024 * 1024, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2);

    private void CheckLimits(int copies)
    {
        if (_emptied is not null)
        {
            throw new ServerShuttingDownException(
                $"This server is shutting down and accepts no new environments; create it on another server (replica). "
                + $"Environments already open here keep working until they are closed or the grace period of {_options.ShutdownGracePeriod} ends.");
        }

        if (_reservedHandles >= _options.MaxHandles)
        {
            throw new ServerLimitException(
                $"This server already has {_reservedHandles} open environment handles, its limit MaxHandles = {_options.MaxHandles}; close one first.");
        }

        if (_reservedCopies + copies > _options.MaxTotalCopies)
        {
            throw new ServerLimitException(
                $"Creating {copies} more copies would exceed this server's limit MaxTotalCopies = {_options.MaxTotalCopies} ({_reservedCopies} in use); close handles first.");
        }
    }

    private void Release(int copies, long bytes)
    {
        lock (_limitsLock)
        {
            _reservedHandles--;
            _reservedCopies -= copies;
            _reservedBytes -= bytes;
            if (_reservedHandles == 0)
            {
                _emptied?.TrySetResult();
            }
        }
    }

    /// <summary>How an unknown handle may have ended under <paramref name="options"/>, for the NOT_FOUND message.</summary>
    private static string WaysToEnd(RlGymServerOptions options) =>
        (options.HandleIdleTimeout > TimeSpan.Zero, options.HandleLease > TimeSpan.Zero) switch
        {
            (true, true) => $"was never created, was closed, or expired (idle for {options.HandleIdleTimeout}, or {options.HandleLease} after its client's connection closed)",
            (true, false) => $"was never created, was closed, or expired after being idle for {options.HandleIdleTimeout}",
            (false, true) => $"was never created, was closed, or expired {options.HandleLease} after its client's connection closed",
            (false, false) => "was never created or was closed",
        };

    private static string NewHandle()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Created handle {Handle} for {EnvId}")]
    private static partial void LogCreated(ILogger logger, string handle, string envId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closed handle {Handle}: {Reason}")]
    private static partial void LogClosed(ILogger logger, string handle, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed handle {Handle}: {Reason}")]
    private static partial void LogExpired(ILogger logger, string handle, string reason);
}
