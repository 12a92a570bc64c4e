using System.Buffers.Binary;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Grpc.Core;
using RlGym.Client.Transport;
using RlGym.Core;
using RlGym.Core.Registration;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;
using DType = RlGym.Protocol.V1.DType;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.SharedMemory;
using RlGym.Protocol.V1;
using CoreEnvMetadata = RlGym.Core.EnvMetadata;
using CoreEnvSpec = RlGym.Core.Registration.EnvSpec;
using CoreSpace = RlGym.Core.Spaces.Space;

namespace RlGym.Client;

/// <summary>
/// An environment living on an RlGym server, used through the local <see cref="IEnv"/> interface: create it with
/// <see cref="Make"/> (or <see cref="Make{TObs, TAction}"/> for typed observations and actions), then reset, step,
/// render and close it exactly as a local one.
/// </summary>
/// <remarks>
/// Resets and steps carry per-handle sequence numbers (1, 2, ...). A request left without an answer (a lost
/// connection, the server unavailable, the deadline passed) is re-sent with the same number until answered or until
/// <see cref="RetryOptions.Budget"/> runs out, and the server answers a number it already applied with the stored
/// result, so a retry never steps twice. One still unanswered then throws but is re-sent before the next reset or step,
/// so the environment works again once the server is reachable. A request the server rejects (bad action, step before
/// reset) does not use up its number.
/// Server errors surface as the exceptions a local environment throws, carrying the server's message:
/// <see cref="InvalidActionException"/>, <see cref="ArgumentException"/>, <see cref="UnknownEnvironmentException"/>,
/// <see cref="KeyNotFoundException"/>, <see cref="ResetNeededException"/>, <see cref="InvalidOperationException"/>, or
/// else a <see cref="RemoteEnvException"/> with the status code. Not thread-safe: one caller at a time, as for a
/// local environment.
/// </remarks>
public sealed class RemoteEnv : IEnv
{
    private readonly RemoteConnection _connection;

    // Reused on every step: the handle never changes and lock-step means the previous request was sent.
    private readonly StepRequest _stepRequest;

    // PNG keeps frames small on the wire; Render falls back to raw frames for a server that cannot encode PNG.
    private FrameEncoding _frameEncoding = FrameEncoding.Png;

    private RemoteEnv(RemoteConnection connection, CreateEnvironmentResponse created)
    {
        _connection = connection;
        Handle = created.Handle;
        ObservationSpace = SpaceCodec.Decode(created.ObservationSpace);
        ActionSpace = SpaceCodec.Decode(created.ActionSpace);
        Spec = SpecCodec.Decode(created.Spec);
        Metadata = SpecCodec.Decode(created.Metadata);
        RenderMode = created.RenderMode.Length == 0 ? null : created.RenderMode;
        _stepRequest = new StepRequest { Handle = Handle };
    }

    /// <summary>The server's opaque handle for this environment.</summary>
    public string Handle { get; }

    /// <inheritdoc />
    public CoreSpace ObservationSpace { get; }

    /// <inheritdoc />
    public CoreSpace ActionSpace { get; }

    /// <inheritdoc />
    public CoreEnvMetadata Metadata { get; }

    /// <inheritdoc />
    public string? RenderMode { get; }

    /// <summary>The spec in effect on the server: merged kwargs and the time limit.</summary>
    public CoreEnvSpec Spec { get; }

    CoreEnvSpec? IEnv.Spec => Spec;

    /// <summary>The sequence number of the last reset or step the server applied or may have applied (0 before the first).</summary>
    internal ulong LastSequence => _connection.Sequence;

    /// <summary>The transport, for tests that drop the stream.</summary>
    internal IRemoteTransport Transport => _connection.Transport;

    /// <summary>The connection: its retries and pending request, for tests.</summary>
    internal RemoteConnection Connection => _connection;

    /// <summary>Creates <paramref name="id"/> on the server (Gymnasium's <c>make</c>: time limit and order enforcement applied).</summary>
    /// <param name="id">A registered id, e.g. <c>CartPole-v1</c>.</param>
    /// <param name="options">Where and how to connect; null uses <c>http://127.0.0.1:50051</c> over the Session stream.</param>
    /// <param name="kwargs">Overrides of the registered kwargs (bool, long, double, string, lists of those).</param>
    /// <param name="renderMode">A render mode from the environment's metadata, or null.</param>
    /// <param name="maxEpisodeSteps">Overrides the registered time limit; 0 removes it.</param>
    /// <exception cref="UnknownEnvironmentException">The server does not know <paramref name="id"/>.</exception>
    /// <exception cref="ArgumentException">Bad kwargs or render mode (the server's message says which are allowed).</exception>
    public static RemoteEnv Make(
        string id,
        RemoteEnvOptions? options = null,
        IReadOnlyDictionary<string, object?>? kwargs = null,
        string? renderMode = null,
        int? maxEpisodeSteps = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var request = new CreateEnvironmentRequest { EnvId = id, RenderMode = renderMode ?? "" };
        if (maxEpisodeSteps is { } steps)
        {
            request.MaxEpisodeSteps = steps;
        }

        foreach (var (name, value) in kwargs ?? new Dictionary<string, object?>())
        {
            request.Kwargs[name] = ValueCodec.FromPlain(value);
        }

        var (connection, created) = RemoteConnection.Open(options, request);
        return new RemoteEnv(connection, created);
    }

    /// <summary>Creates <paramref name="id"/> on the server with typed observations and actions.</summary>
    /// <exception cref="InvalidCastException">The environment's spaces hold other types; the message names them.</exception>
    /// <inheritdoc cref="Make" path="/param"/>
    public static RemoteEnv<TObs, TAction> Make<TObs, TAction>(
        string id,
        RemoteEnvOptions? options = null,
        IReadOnlyDictionary<string, object?>? kwargs = null,
        string? renderMode = null,
        int? maxEpisodeSteps = null)
        where TObs : notnull
        where TAction : notnull
    {
        var env = Make(id, options, kwargs, renderMode, maxEpisodeSteps);
        if (env.ObservationSpace is Space<TObs> && env.ActionSpace is Space<TAction>)
        {
            return new RemoteEnv<TObs, TAction>(env);
        }

        env.Dispose();
        throw new InvalidCastException(
            $"{id} observes {env.ObservationSpace} and acts in {env.ActionSpace}; it is not an IEnv<{typeof(TObs).Name}, {typeof(TAction).Name}>.");
    }

    /// <inheritdoc />
    public ResetResult<object> ResetObject(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null)
    {
        ThrowIfClosed();
        var request = new ResetRequest { Handle = Handle, Sequence = _connection.NextSequence() };
        if (seed is { } s)
        {
            request.Seed = s;
        }

        if (_connection.SharedMemory is { } shm && (options is null || options.Count == 0)
            && _connection.Ring(SharedMemoryFrames.OpReset, request.Sequence, seed, RemoteErrors.Operation.Reset) is { } payload)
        {
            var answered = ResetResponse.Parser.ParseFrom(payload);
            return new(ReadObservation(shm), DecodeInfo(answered.Info));
        }

        foreach (var (name, value) in options ?? EnvInfo.Empty)
        {
            request.Options[name] = ValueCodec.FromPlain(value);
        }

        var response = _connection.CallSequenced(static (t, r) => t.Reset(r), request, request.Sequence, RemoteErrors.Operation.Reset);
        return new(ValueCodec.Decode(response.Observation, ObservationSpace, "observation"), DecodeInfo(response.Info));
    }

    /// <inheritdoc />
    public StepResult<object> StepObject(object action)
    {
        ThrowIfClosed();
        return StepAt(action, _connection.NextSequence());
    }

    /// <summary>Sends a step with an explicit sequence number: what a retry after a lost answer sends.</summary>
    internal StepResult<object> StepAt(object action, ulong sequence)
    {
        ThrowIfClosed();
        _stepRequest.Action = EncodeAction(action);
        _stepRequest.Sequence = sequence;
        if (_connection.SharedMemory is { } shm && WriteAction(shm, _stepRequest.Action)
            && _connection.Ring(SharedMemoryFrames.OpStep, sequence, null, RemoteErrors.Operation.Step) is { } payload)
        {
            var answered = StepResponse.Parser.ParseFrom(payload);
            return new(ReadObservation(shm), shm.ReadNumber(shm.Reward, 0), shm.ReadFlag(shm.Terminated, 0), shm.ReadFlag(shm.Truncated, 0), DecodeInfo(answered.Info));
        }

        var response = _connection.CallSequenced(static (t, r) => t.Step(r), _stepRequest, sequence, RemoteErrors.Operation.Step);
        return new(
            ValueCodec.Decode(response.Observation, ObservationSpace, "observation"),
            ReadReward(response.Reward),
            ReadFlag(response.Terminated, "terminated"),
            ReadFlag(response.Truncated, "truncated"),
            DecodeInfo(response.Info));
    }

    /// <inheritdoc />
    public Rendering? Render()
    {
        ThrowIfClosed();
        RenderResponse response;
        try
        {
            var request = new RenderRequest { Handle = Handle, Encoding = _frameEncoding };
            response = _connection.Call(static (t, r) => t.Render(r), request, RemoteErrors.Operation.Render);
        }
        catch (RemoteEnvException e) when (e.StatusCode == StatusCode.Unimplemented && _frameEncoding == FrameEncoding.Png)
        {
            // A server built without a PNG encoder still sends raw frames; ask for those from now on.
            _frameEncoding = FrameEncoding.Raw;
            return Render();
        }

        if (response.Frames.Count == 0)
        {
            return null;
        }

        var frame = response.Frames[0];
        return frame.ContentCase switch
        {
            Frame.ContentOneofCase.Text => new AnsiText(frame.Text),
            Frame.ContentOneofCase.Image => ReadImage(frame.Image),
            _ => throw new RemoteEnvException(StatusCode.Internal, $"The server sent a frame without content for {Handle}."),
        };
    }

    /// <summary>
    /// Closes the environment on the server and ends its stream. Calling it again does nothing; a handle the server
    /// no longer knows (or a server that is gone) counts as closed.
    /// </summary>
    public void Close() => _connection.Close();

    /// <summary>Closes the environment and disposes the channel if this environment opened it.</summary>
    public void Dispose() => _connection.Dispose();

    /// <summary>Encodes an action of the action space's type; any other type is an invalid action, as locally.</summary>
    private Value EncodeAction(object action)
    {
        try
        {
            return ValueCodec.Encode(action, ActionSpace);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidActionException(
                $"Action {Formatting.Describe(action)} of type {action.GetType().Name} is not valid for the action space {ActionSpace}: {e.Message}");
        }
    }

    /// <summary>
    /// Writes an encoded action into the action block; false when it does not fit the block (another dtype or size): the
    /// caller sends it over gRPC, so the server answers exactly what it answers there.
    /// </summary>
    private static bool WriteAction(SharedMemoryChannel shm, Value action)
    {
        if (action.KindCase == Value.KindOneofCase.IntValue && shm.Action is { Dtype: DType.Int64, Length: 8 })
        {
            BinaryPrimitives.WriteInt64LittleEndian(shm.Bytes(shm.Action), action.IntValue);
            return true;
        }

        if (action.Tensor is { } tensor && tensor.Dtype == shm.Action.Dtype && (ulong)tensor.Data.Length == shm.Action.Length)
        {
            shm.Write(shm.Action, tensor.Data.Span);
            return true;
        }

        return false;
    }

    /// <summary>Decodes the observation block as the gRPC path decodes the observation tensor.</summary>
    private object ReadObservation(SharedMemoryChannel shm)
    {
        var block = shm.Observation;
        var tensor = new Tensor { Dtype = block.Dtype, Data = ByteString.CopyFrom(shm.Bytes(block)) };
        foreach (var dim in block.Shape)
        {
            tensor.Shape.Add(dim);
        }

        return ValueCodec.Decode(new Value { Tensor = tensor }, ObservationSpace, "observation");
    }

    private static IReadOnlyDictionary<string, object> DecodeInfo(MapField<string, Value> info) =>
        info.Count == 0 ? EnvInfo.Empty : ValueCodec.DecodeInfo(info);

    private double ReadReward(Tensor reward) => reward switch
    {
        { Dtype: DType.Float64, Shape.Count: 0, Data.Length: 8 } => BinaryPrimitives.ReadDoubleLittleEndian(reward.Data.Span),
        { Dtype: DType.Int64, Shape.Count: 0, Data.Length: 8 } => BinaryPrimitives.ReadInt64LittleEndian(reward.Data.Span),
        { Dtype: DType.Float32, Shape.Count: 0, Data.Length: 4 } => BinaryPrimitives.ReadSingleLittleEndian(reward.Data.Span),
        _ => throw new RemoteEnvException(
            StatusCode.Internal, $"The server sent a reward for {Handle} that is not a FLOAT64 or INT64 scalar: {reward.Dtype} shape [{string.Join(", ", reward.Shape)}]."),
    };

    private bool ReadFlag(Tensor flag, string name) => flag switch
    {
        { Dtype: DType.Bool, Shape.Count: 0, Data.Length: 1 } => flag.Data.Span[0] != 0,
        _ => throw new RemoteEnvException(
            StatusCode.Internal, $"The server sent a '{name}' flag for {Handle} that is not a BOOL scalar: {flag.Dtype} shape [{string.Join(", ", flag.Shape)}]."),
    };

    /// <summary>A PNG frame (what is asked for) or a raw UINT8 [height, width, 3] tensor (what a server may send instead).</summary>
    private RgbFrame ReadImage(Image image)
    {
        if (!image.Png.IsEmpty)
        {
            var frame = PngDecoder.Decode(image.Png.Span);
            return frame.Height == image.Height && frame.Width == image.Width
                ? frame
                : throw new RemoteEnvException(
                    StatusCode.Internal, $"The server sent a {frame.Height}x{frame.Width} PNG for a frame it called {image.Height}x{image.Width} ({Handle}).");
        }

        if (image.Pixels is { Dtype: DType.Uint8 } pixels && pixels.Data.Length == image.Height * image.Width * 3)
        {
            return new RgbFrame(image.Height, image.Width, pixels.Data.ToByteArray());
        }

        throw new RemoteEnvException(StatusCode.Internal, $"The server sent a {image.Height}x{image.Width} frame of {Handle} with neither PNG bytes nor raw UINT8 pixels.");
    }

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(_connection.IsClosed, this);
}
