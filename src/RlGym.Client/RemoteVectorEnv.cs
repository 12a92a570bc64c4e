using System.Runtime.InteropServices;
using Grpc.Core;
using RlGym.Client.Transport;
using RlGym.Core;
using RlGym.Core.Spaces;
using DType = RlGym.Protocol.V1.DType;
using Space = RlGym.Core.Spaces.Space;
using RlGym.Core.Vector;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.SharedMemory;
using RlGym.Protocol.V1;
using CoreAutoresetMode = RlGym.Core.Vector.AutoresetMode;
using CoreEnvMetadata = RlGym.Core.EnvMetadata;
using CoreEnvSpec = RlGym.Core.Registration.EnvSpec;

namespace RlGym.Client;

/// <summary>
/// A vector environment (N copies stepped as one batch) living on an RlGym server, used through the local
/// <see cref="IVectorEnv"/> interface: create it with <see cref="Make"/> (or <see cref="Make{TObsBatch, TActionBatch}"/>
/// for typed batches), then reset and step it exactly as one made locally by <c>EnvRegistry.MakeVec</c>.
/// </summary>
/// <remarks>
/// Every batch travels as one tensor with the copy index first (<see cref="BatchCodec"/>); results are copied from the
/// message bytes straight into arrays, with no per-element decoding except int64 to int32 for Discrete batches.
/// Sequence numbers, retries, error mapping and transports are those of <see cref="RemoteEnv"/>. Not thread-safe.
/// <para>Buffers: as the local SoA variants do, unless <see cref="CopyResults"/> is set, <c>Reset</c> and <c>Step</c>
/// return this environment's own observation, reward and flag arrays, overwritten by the next call (Gymnasium's
/// <c>copy=False</c>): copy them to keep them. For thousands of copies these arrays pass the runtime's large-object
/// threshold, and allocating them afresh every step costs more than the transfer.</para>
/// </remarks>
public sealed class RemoteVectorEnv : IVectorEnv
{
    private readonly RemoteConnection _connection;
    private readonly StepRequest _stepRequest;
    private object? _observations;
    private double[]? _rewards;
    private float[]? _narrowRewards;
    private bool[]? _terminations;
    private bool[]? _truncations;

    // The observation block's bytes, wrapped once as the tensor the gRPC path would have received (shared memory only).
    private byte[]? _observationBytes;
    private Tensor? _observationTensor;
    private Value? _observationValue;

    private RemoteVectorEnv(RemoteConnection connection, CreateEnvironmentResponse created)
    {
        _connection = connection;
        NumEnvs = (int)created.NumEnvs;
        SingleObservationSpace = SpaceCodec.Decode(created.ObservationSpace);
        SingleActionSpace = SpaceCodec.Decode(created.ActionSpace);
        Spec = SpecCodec.Decode(created.Spec);
        Metadata = SpecCodec.Decode(created.Metadata);
        AutoresetMode = EnumCodec.Decode(created.AutoresetMode);
        Backend = created.Backend;
        // A vectorization newer than this client reads as unknown, not as an error.
        Vectorization = Enum.IsDefined(created.Vectorization) ? EnumCodec.Name(created.Vectorization) : null;
        _stepRequest = new StepRequest { Handle = connection.Handle };
    }

    /// <summary>The server's opaque handle for this vector environment.</summary>
    public string Handle => _connection.Handle;

    /// <inheritdoc />
    public int NumEnvs { get; }

    /// <inheritdoc />
    public Space SingleObservationSpace { get; }

    /// <inheritdoc />
    public Space SingleActionSpace { get; }

    /// <inheritdoc />
    public CoreAutoresetMode AutoresetMode { get; }

    /// <summary>
    /// When true, <c>Reset</c> and <c>Step</c> return fresh arrays (Gymnasium's <c>copy=True</c>); when false (the
    /// default), this environment's own buffers, valid until the next call.
    /// </summary>
    public bool CopyResults { get; set; }

    /// <summary>Where the batch runs on the server (CPU or GPU).</summary>
    public Backend Backend { get; }

    /// <summary>
    /// The vectorization in effect on the server, as <c>Vectorizations</c> names it (<c>soa</c>, <c>sync</c>, ...; auto
    /// resolved); null on the GPU backend (and from servers that do not report it).
    /// </summary>
    public string? Vectorization { get; }

    /// <inheritdoc />
    public CoreEnvMetadata Metadata { get; }

    /// <summary>The spec in effect on the server: merged kwargs and the time limit.</summary>
    public CoreEnvSpec Spec { get; }

    CoreEnvSpec? IVectorEnv.Spec => Spec;

    /// <summary>Creates <paramref name="numEnvs"/> copies of <paramref name="id"/> on the server (Gymnasium's <c>make_vec</c>).</summary>
    /// <param name="id">A registered id, e.g. <c>CartPole-v1</c>.</param>
    /// <param name="numEnvs">Number of copies (at least 1).</param>
    /// <param name="options">Where and how to connect; null uses <c>http://127.0.0.1:50051</c> over the Session stream.</param>
    /// <param name="autoresetMode">How copies that ended are reset.</param>
    /// <param name="vectorization">auto (the default), sync, parallel, soa, gymnasium or fast (see <c>Vectorizations</c> and
    /// <see cref="AvailableVectorizations"/>); anything but auto runs on the CPU.</param>
    /// <param name="kwargs">Overrides of the registered kwargs.</param>
    /// <param name="maxEpisodeSteps">Overrides the registered time limit; 0 removes it.</param>
    /// <param name="backend">Where the batch runs: auto (the default), CPU or GPU.</param>
    /// <exception cref="UnknownEnvironmentException">The server does not know <paramref name="id"/>.</exception>
    /// <exception cref="ArgumentException">Bad kwargs, an unknown vectorization name (before anything is sent), or a
    /// vectorization the id does not offer (the server's message says which it does).</exception>
    /// <exception cref="InvalidOperationException">The backend is not available on the server (FAILED_PRECONDITION).</exception>
    /// <exception cref="RemoteEnvException">A server limit (RESOURCE_EXHAUSTED), with the status code.</exception>
    public static RemoteVectorEnv Make(
        string id,
        int numEnvs,
        RemoteEnvOptions? options = null,
        CoreAutoresetMode autoresetMode = CoreAutoresetMode.NextStep,
        string vectorization = "auto",
        IReadOnlyDictionary<string, object?>? kwargs = null,
        int? maxEpisodeSteps = null,
        Backend backend = Backend.Auto)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentOutOfRangeException.ThrowIfLessThan(numEnvs, 1);
        ArgumentNullException.ThrowIfNull(vectorization);
        var request = new CreateEnvironmentRequest
        {
            EnvId = id,
            NumEnvs = (uint)numEnvs,
            Backend = backend,
            AutoresetMode = EnumCodec.Encode(autoresetMode),
            Vectorization = EnumCodec.ParseVectorization(vectorization),
        };
        if (maxEpisodeSteps is { } steps)
        {
            request.MaxEpisodeSteps = steps;
        }

        foreach (var (name, value) in kwargs ?? new Dictionary<string, object?>())
        {
            request.Kwargs[name] = ValueCodec.FromPlain(value);
        }

        var (connection, created) = RemoteConnection.Open(options, request);
        return new RemoteVectorEnv(connection, created);
    }

    /// <summary>
    /// The vectorizations the server offers for <paramref name="id"/> besides auto (e.g. <c>sync</c>, <c>parallel</c>,
    /// <c>soa</c>, <c>fast</c>), from its DescribeEnvironment; each may be passed to <see cref="Make"/>.
    /// </summary>
    /// <param name="id">A registered id, e.g. <c>CartPole-v1</c>.</param>
    /// <param name="options">Where and how to connect (one unary call; the transport option does not apply).</param>
    /// <exception cref="UnknownEnvironmentException">The server does not know <paramref name="id"/>.</exception>
    /// <exception cref="RemoteEnvException">The server could not be reached within the retry budget, or refused the call.</exception>
    public static IReadOnlyList<string> AvailableVectorizations(string id, RemoteEnvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var description = RemoteConnection.Describe(options, id);
        return description.Vectorizations.Where(Enum.IsDefined).Select(v => EnumCodec.Name(v)!).ToArray();
    }

    /// <summary>Creates the copies on the server with typed batches, e.g. <c>&lt;float[], int[]&gt;</c> for CartPole.</summary>
    /// <exception cref="InvalidCastException">The batches have other types; the message names them.</exception>
    /// <inheritdoc cref="Make" path="/param"/>
    public static RemoteVectorEnv<TObsBatch, TActionBatch> Make<TObsBatch, TActionBatch>(
        string id,
        int numEnvs,
        RemoteEnvOptions? options = null,
        CoreAutoresetMode autoresetMode = CoreAutoresetMode.NextStep,
        string vectorization = "auto",
        IReadOnlyDictionary<string, object?>? kwargs = null,
        int? maxEpisodeSteps = null,
        Backend backend = Backend.Auto)
        where TObsBatch : notnull
        where TActionBatch : notnull
    {
        var env = Make(id, numEnvs, options, autoresetMode, vectorization, kwargs, maxEpisodeSteps, backend);
        if (SpaceBatching.BatchType(env.SingleObservationSpace) == typeof(TObsBatch) && SpaceBatching.BatchType(env.SingleActionSpace) == typeof(TActionBatch))
        {
            return new RemoteVectorEnv<TObsBatch, TActionBatch>(env);
        }

        env.Dispose();
        throw new InvalidCastException(
            $"{id} batches observations as {SpaceBatching.BatchType(env.SingleObservationSpace).Name} and actions as "
            + $"{SpaceBatching.BatchType(env.SingleActionSpace).Name}; it is not an IVectorEnv<{typeof(TObsBatch).Name}, {typeof(TActionBatch).Name}>.");
    }

    /// <inheritdoc />
    public VectorResetResult<object> ResetObject(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null)
    {
        var request = NewReset(options);
        if (seed is { } s)
        {
            request.Seed = s;
        }

        return Reset(request);
    }

    /// <summary>Resets copy i with <c>seeds[i]</c>; all null continues every generator (per-copy null is not expressible on the wire).</summary>
    /// <exception cref="ArgumentException">The wrong number of seeds, or null mixed with seeds.</exception>
    public VectorResetResult<object> ResetObject(IReadOnlyList<ulong?> seeds, IReadOnlyDictionary<string, object>? options = null)
    {
        VectorSeeds.RequireOnePerCopy(seeds, NumEnvs);

        var request = NewReset(options);
        var nulls = seeds.Count(s => s is null);
        if (nulls > 0 && nulls < seeds.Count)
        {
            throw new ArgumentException("Seeds must be all given or all null over the wire; the protocol has no per-copy 'continue' seed.", nameof(seeds));
        }

        if (nulls == 0)
        {
            foreach (var seed in seeds)
            {
                request.Seeds.Add(seed!.Value);
            }
        }

        return Reset(request);
    }

    /// <inheritdoc />
    public VectorStepResult<object> StepObject(object actions)
    {
        ThrowIfClosed();
        ArgumentNullException.ThrowIfNull(actions);
        try
        {
            _stepRequest.Action = BatchCodec.Encode(actions, SingleActionSpace, NumEnvs);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException(
                $"Actions {actions.GetType().Name} are not a batch of {NumEnvs} values of {SingleActionSpace} ({SpaceBatching.BatchType(SingleActionSpace).Name}): {e.Message}",
                nameof(actions));
        }

        var sequence = _connection.NextSequence();
        _stepRequest.Sequence = sequence;
        if (_connection.SharedMemory is { } shm && _stepRequest.Action.Tensor is { } action
            && action.Dtype == shm.Action.Dtype && (ulong)action.Data.Length == shm.Action.Length
            && Write(shm, action) && _connection.Ring(SharedMemoryFrames.OpStep, sequence, null, RemoteErrors.Operation.Step) is { } payload)
        {
            return new(
                ReadObservations(shm),
                ReadRewards(shm),
                _terminations = ReadFlags(shm, shm.Terminated, Reused(_terminations)),
                _truncations = ReadFlags(shm, shm.Truncated, Reused(_truncations)),
                payload.Length == 0 ? EnvInfo.Empty : BatchCodec.DecodeInfo(StepResponse.Parser.ParseFrom(payload).Info));
        }

        var response = _connection.CallSequenced(static (t, r) => t.Step(r), _stepRequest, sequence, RemoteErrors.Operation.Step);
        return new(
            ReadObservations(response.Observation),
            ReadRewards(response.Reward),
            _terminations = ReadVector(response.Terminated, DType.Bool, "terminated", Reused(_terminations)),
            _truncations = ReadVector(response.Truncated, DType.Bool, "truncated", Reused(_truncations)),
            BatchCodec.DecodeInfo(response.Info));
    }

    /// <summary>The connection: its retries and pending request, for tests.</summary>
    internal RemoteConnection Connection => _connection;

    /// <summary>Closes the copies on the server and ends the stream; harmless when repeated.</summary>
    public void Close() => _connection.Close();

    /// <summary>Closes the copies and disposes the channel if this environment opened it.</summary>
    public void Dispose() => _connection.Dispose();

    private ResetRequest NewReset(IReadOnlyDictionary<string, object>? options)
    {
        ThrowIfClosed();
        var request = new ResetRequest { Handle = Handle, Sequence = _connection.NextSequence() };
        foreach (var (name, value) in options ?? EnvInfo.Empty)
        {
            request.Options[name] = ValueCodec.FromPlain(value);
        }

        return request;
    }

    private VectorResetResult<object> Reset(ResetRequest request)
    {
        if (_connection.SharedMemory is { } shm && request.Options.Count == 0 && request.Seeds.Count == 0
            && _connection.Ring(SharedMemoryFrames.OpReset, request.Sequence, request.HasSeed ? request.Seed : null, RemoteErrors.Operation.Reset) is { } payload)
        {
            return new(ReadObservations(shm), payload.Length == 0 ? EnvInfo.Empty : BatchCodec.DecodeInfo(ResetResponse.Parser.ParseFrom(payload).Info));
        }

        var response = _connection.CallSequenced(static (t, r) => t.Reset(r), request, request.Sequence, RemoteErrors.Operation.Reset);
        return new(ReadObservations(response.Observation), BatchCodec.DecodeInfo(response.Info));
    }

    private object ReadObservations(Value observation)
    {
        try
        {
            return _observations = BatchCodec.Decode(observation, SingleObservationSpace, NumEnvs, "observation", Reused(_observations));
        }
        catch (ProtocolException e)
        {
            throw new RemoteEnvException(StatusCode.Internal, $"The server sent observations for {Handle} that do not fit the space: {e.Message}");
        }
    }

    /// <summary>FLOAT64 rewards, or FLOAT32 ones (Gymnasium's CartPoleVectorEnv) widened exactly to double.</summary>
    private double[] ReadRewards(Tensor reward)
    {
        if (reward is { Dtype: DType.Float32 })
        {
            var narrow = _narrowRewards = ReadVector(reward, DType.Float32, "reward", _narrowRewards);
            var wide = Reused(_rewards) ?? new double[narrow.Length];
            for (var i = 0; i < narrow.Length; i++)
            {
                wide[i] = narrow[i];
            }

            return _rewards = wide;
        }

        return _rewards = ReadVector(reward, DType.Float64, "reward", Reused(_rewards));
    }

    /// <summary>Writes the encoded actions into the action block (their dtype and size checked by the caller).</summary>
    private static bool Write(SharedMemoryChannel shm, Tensor action)
    {
        shm.Write(shm.Action, action.Data.Span);
        return true;
    }

    /// <summary>Decodes the observation block into the reused buffer, as the gRPC path decodes the observation tensor.</summary>
    private object ReadObservations(SharedMemoryChannel shm)
    {
        var block = shm.Observation;
        var bytes = _observationBytes ??= new byte[(int)block.Length];
        shm.Read(block, bytes);
        if (_observationTensor is null)
        {
            _observationTensor = new Tensor { Dtype = block.Dtype, Data = Google.Protobuf.UnsafeByteOperations.UnsafeWrap(bytes) };
            foreach (var dim in block.Shape)
            {
                _observationTensor.Shape.Add(dim);
            }

            _observationValue = new Value { Tensor = _observationTensor };
        }

        return ReadObservations(_observationValue!);
    }

    private double[] ReadRewards(SharedMemoryChannel shm)
    {
        var rewards = Reused(_rewards) ?? new double[NumEnvs];
        if (shm.Reward.Dtype == DType.Float64 && BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, double>(shm.Bytes(shm.Reward))[..rewards.Length].CopyTo(rewards);
        }
        else
        {
            for (var i = 0; i < rewards.Length; i++)
            {
                rewards[i] = shm.ReadNumber(shm.Reward, i);
            }
        }

        return _rewards = rewards;
    }

    private bool[] ReadFlags(SharedMemoryChannel shm, SharedMemoryBlock block, bool[]? target)
    {
        var flags = target ?? new bool[NumEnvs];
        var bytes = shm.Bytes(block);
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = bytes[i] != 0;
        }

        return flags;
    }

    /// <summary><paramref name="buffer"/> to decode into, or null (a new array) when results are copied.</summary>
    private T? Reused<T>(T? buffer)
        where T : class => CopyResults ? null : buffer;

    private T[] ReadVector<T>(Tensor tensor, DType dtype, string name, T[]? target)
        where T : unmanaged
    {
        if (tensor is null || tensor.Dtype != dtype || tensor.Shape.Count != 1 || tensor.Shape[0] != NumEnvs)
        {
            throw new RemoteEnvException(
                StatusCode.Internal,
                $"The server sent '{name}' for {Handle} that is not a {TensorCodec.Name(dtype)} tensor of shape [{NumEnvs}]: {(tensor is null ? "nothing" : TensorCodec.Describe(tensor))}.");
        }

        return TensorCodec.Decode(tensor, target);
    }

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(_connection.IsClosed, this);
}
