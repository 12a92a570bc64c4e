using Google.Protobuf;
using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;
using RlGym.Server.Errors;

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
    private readonly IEnv _env;
    private ulong _lastSequence;
    private IMessage? _lastResponse;
    private bool _closed;
    private long _lastUsedTicks;

    public EnvironmentSession(string handle, IEnv env, int copies, TimeProvider time)
    {
        Handle = handle;
        _env = env;
        Copies = copies;
        _time = time;
        Touch();
    }

    /// <summary>The opaque handle naming this session.</summary>
    public string Handle { get; }

    /// <summary>Copies counted against the server's limits (1 for a single environment).</summary>
    public int Copies { get; }

    /// <summary>The environment (for describing it at creation).</summary>
    public IEnv Env => _env;

    /// <summary>When a request last finished or started on this session.</summary>
    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    /// <summary>Resets the environment (sequenced).</summary>
    public Task<ResetResponse> ResetAsync(ResetRequest request, CancellationToken cancellationToken) =>
        RunAsync(() => Sequenced(request.Sequence, "reset", () => Reset(request)), cancellationToken);

    /// <summary>Steps the environment (sequenced).</summary>
    public Task<StepResponse> StepAsync(StepRequest request, CancellationToken cancellationToken) =>
        RunAsync(() => Sequenced(request.Sequence, "step", () => Step(request)), cancellationToken);

    /// <summary>Renders the current frame in the requested encoding.</summary>
    public Task<RenderResponse> RenderAsync(RenderRequest request, CancellationToken cancellationToken) =>
        RunAsync(() => Render(request), cancellationToken);

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

    private T Sequenced<T>(ulong sequence, string kind, Func<T> apply)
        where T : class, IMessage
    {
        if (sequence == 0)
        {
            return apply();
        }

        if (sequence == _lastSequence)
        {
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
        return response;
    }

    private ResetResponse Reset(ResetRequest request)
    {
        if (request.Seeds.Count > 0)
        {
            throw new ArgumentException("ResetRequest.seeds is for vector environments; use seed for a single environment.");
        }

        ulong? seed = request.HasSeed ? request.Seed : null;
        var options = request.Options.Count == 0 ? null : ValueCodec.DecodeInfo(request.Options);
        var (observation, info) = _env.ResetObject(seed, options);
        var response = new ResetResponse
        {
            Observation = ValueCodec.Encode(observation, _env.ObservationSpace),
            Sequence = request.Sequence,
        };
        ValueCodec.EncodeMap(info, response.Info);
        return response;
    }

    private StepResponse Step(StepRequest request)
    {
        if (request.Action is null)
        {
            throw new ProtocolException($"StepRequest.action is missing; it must be a value of the action space {_env.ActionSpace}.");
        }

        var action = ValueCodec.Decode(request.Action, _env.ActionSpace, "action");
        var (observation, reward, terminated, truncated, info) = _env.StepObject(action);
        var response = new StepResponse
        {
            Observation = ValueCodec.Encode(observation, _env.ObservationSpace),
            Reward = _env.Metadata.RewardType == Core.RewardType.Int ? TensorCodec.Scalar((long)reward) : TensorCodec.Scalar(reward),
            Terminated = TensorCodec.Scalar(terminated),
            Truncated = TensorCodec.Scalar(truncated),
            Sequence = request.Sequence,
        };
        ValueCodec.EncodeMap(info, response.Info);
        return response;
    }

    private RenderResponse Render(RenderRequest request)
    {
        var response = new RenderResponse();
        switch (_env.Render())
        {
            case null:
                // Gymnasium returns None when no render mode was chosen.
                break;
            case AnsiText text:
                response.Frames.Add(new Frame { Text = text.Text });
                break;
            case RgbFrame frame:
                response.Frames.Add(new Frame { Image = FrameEncoder.Encode(frame, request.Encoding) });
                break;
            case var other:
                throw new NotSupportedException($"Frames of type {other.GetType().Name} cannot be sent.");
        }

        return response;
    }

    private void CloseCore()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _env.Dispose();
    }

    private void Touch() => Interlocked.Exchange(ref _lastUsedTicks, _time.GetUtcNow().UtcTicks);
}
