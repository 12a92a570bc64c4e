using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RlGym.Core.Registration;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;
using RlGym.Server.Backends;
using RlGym.Server.Security;
using RlGym.Server.Sessions;
using RlGym.Server.SharedMemory;
using RlGym.Server.Telemetry;

namespace RlGym.Server;

/// <summary>
/// The rlgym.v1.Environments service: maps messages and delegates to <see cref="HandleStore"/>,
/// <see cref="EnvironmentSession"/>, <see cref="EnvironmentCatalog"/> and <see cref="IVectorEnvFactory"/>. Exceptions become statuses in
/// <see cref="Errors.ErrorInterceptor"/>.
/// </summary>
internal sealed class EnvironmentsService(
    EnvRegistry registry,
    EnvironmentCatalog catalog,
    IVectorEnvFactory factory,
    HandleStore store,
    ClientConnections connections,
    ServerMetrics metrics,
    IOptions<RlGymServerOptions> options,
    ILogger<SharedMemoryAttachment> sharedMemoryLogger,
    TimeProvider time)
    : RlGym.Protocol.V1.Environments.EnvironmentsBase
{
    /// <summary>The budgets of kwargs, vector_kwargs and reset options (RlGymServerOptions.MaxArgumentBytes and so on).</summary>
    private readonly ValueLimits _limits = new()
    {
        MaxBytes = options.Value.MaxArgumentBytes,
        MaxStringBytes = options.Value.MaxStringBytes,
        MaxDepth = options.Value.MaxValueDepth,
    };

    /// <inheritdoc />
    public override Task<ListEnvironmentsResponse> ListEnvironments(ListEnvironmentsRequest request, ServerCallContext context) =>
        Task.FromResult(catalog.List(ApiKeyInterceptor.CallerOf(context).MayUse));

    /// <inheritdoc />
    public override Task<ServerStatus> GetServerStatus(GetServerStatusRequest request, ServerCallContext context) =>
        Task.FromResult(metrics.Snapshot());

    /// <inheritdoc />
    public override Task<EnvironmentDescription> DescribeEnvironment(DescribeEnvironmentRequest request, ServerCallContext context)
    {
        ApiKeyInterceptor.CallerOf(context).DemandUse(request.EnvId);
        return Task.FromResult(catalog.Describe(request.EnvId));
    }

    /// <inheritdoc />
    public override Task<CreateEnvironmentResponse> CreateEnvironment(CreateEnvironmentRequest request, ServerCallContext context) =>
        CreateAsync(request, ApiKeyInterceptor.CallerOf(context), connections.Of(context));

    /// <inheritdoc />
    public override Task<ResetResponse> Reset(ResetRequest request, ServerCallContext context)
    {
        var session = Session(request.Handle, context);
        ValueCodec.CheckLimits(request.Options, _limits, "options");
        return session.ResetAsync(request, context.CancellationToken);
    }

    /// <inheritdoc />
    public override Task<StepResponse> Step(StepRequest request, ServerCallContext context) =>
        Session(request.Handle, context).StepAsync(request, context.CancellationToken);

    /// <inheritdoc />
    public override Task<RenderResponse> Render(RenderRequest request, ServerCallContext context) =>
        Session(request.Handle, context).RenderAsync(request, context.CancellationToken);

    /// <inheritdoc />
    public override async Task<CloseEnvironmentResponse> CloseEnvironment(CloseEnvironmentRequest request, ServerCallContext context)
    {
        Session(request.Handle, context);
        await store.CloseAsync(request.Handle, context.CancellationToken).ConfigureAwait(false);
        return new CloseEnvironmentResponse();
    }

    /// <inheritdoc />
    public override Task<AttachSharedMemoryResponse> AttachSharedMemory(AttachSharedMemoryRequest request, ServerCallContext context)
    {
        var session = Session(request.Handle, context);
        var attachment = SharedMemoryAttachment.Start(session, options.Value.SharedMemoryAttachTimeout, options.Value.SharedMemorySpin, sharedMemoryLogger, metrics, time);
        session.Attach(attachment);
        return Task.FromResult(attachment.Describe());
    }

    /// <inheritdoc />
    public override async Task Session(IAsyncStreamReader<SessionRequest> requestStream, IServerStreamWriter<SessionResponse> responseStream, ServerCallContext context)
    {
        // In order, one at a time: the first failure escapes and ends the stream with its status. A stream still open
        // when the shutdown drain ends is ended with UNAVAILABLE, so the client knows to go elsewhere.
        using var open = store.OpenStream();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, store.DrainEnded);
        try
        {
            await SessionLoop(requestStream, responseStream, context, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (store.DrainEnded.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, store.DrainEndedByGrace
                ? "The server is shutting down: its grace period ended, so this stream is closed; create the environment on another server (replica)."
                : "The server is shutting down: every environment handle is closed, so this stream is closed; create new environments on another server (replica)."));
        }
    }

    private async Task SessionLoop(
        IAsyncStreamReader<SessionRequest> requestStream, IServerStreamWriter<SessionResponse> responseStream, ServerCallContext context, CancellationToken stop)
    {
        while (await requestStream.MoveNext(stop).ConfigureAwait(false))
        {
            var request = requestStream.Current;
            var response = new SessionResponse { RequestId = request.RequestId };
            switch (request.RequestCase)
            {
                case SessionRequest.RequestOneofCase.Create:
                    response.Create = await CreateEnvironment(request.Create, context).ConfigureAwait(false);
                    break;
                case SessionRequest.RequestOneofCase.Reset:
                    response.Reset = await Reset(request.Reset, context).ConfigureAwait(false);
                    break;
                case SessionRequest.RequestOneofCase.Step:
                    response.Step = await Step(request.Step, context).ConfigureAwait(false);
                    break;
                case SessionRequest.RequestOneofCase.Render:
                    response.Render = await Render(request.Render, context).ConfigureAwait(false);
                    break;
                case SessionRequest.RequestOneofCase.Close:
                    response.Close = await CloseEnvironment(request.Close, context).ConfigureAwait(false);
                    break;
                case SessionRequest.RequestOneofCase.List:
                    response.List = await ListEnvironments(request.List, context).ConfigureAwait(false);
                    break;
                case SessionRequest.RequestOneofCase.Describe:
                    response.Describe = await DescribeEnvironment(request.Describe, context).ConfigureAwait(false);
                    break;
                default:
                    throw new ProtocolException(
                        $"SessionRequest {request.RequestId} carries no request; set one of create, reset, step, render, close, list or describe.");
            }

            // The request was applied: its answer goes out even if the drain ended meanwhile (closing the last handle
            // ends it at once), or the client would re-send a request it cannot know was applied.
            await responseStream.WriteAsync(response, context.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The session behind <paramref name="handle"/>, if the caller may use it; leased from now on to the connection this
    /// call came on (a reconnecting client takes its handle over).
    /// </summary>
    private EnvironmentSession Session(string handle, ServerCallContext context)
    {
        var session = store.Get(handle);
        ApiKeyInterceptor.CallerOf(context).DemandOwnership(handle, session.Owner);
        session.Connection = connections.Of(context);
        return session;
    }

    private async Task<CreateEnvironmentResponse> CreateAsync(CreateEnvironmentRequest request, Caller caller, ClientConnection? connection)
    {
        caller.DemandUse(request.EnvId);
        var kwargs = ValueCodec.DecodeMap(request.Kwargs, _limits, "kwargs");
        ValueCodec.CheckLimits(request.VectorKwargs, _limits, "vector_kwargs");
        var maxSteps = MaxEpisodeSteps(request);
        var renderMode = string.IsNullOrEmpty(request.RenderMode) ? null : request.RenderMode;
        EnvironmentSession session;
        if (request.NumEnvs >= 1)
        {
            session = CreateVector(request, kwargs, maxSteps, renderMode, caller.Name);
        }
        else
        {
            if (request.VectorKwargs.Count > 0 || request.AutoresetMode != Protocol.V1.AutoresetMode.Unspecified
                || request.Vectorization != Vectorization.Unspecified)
            {
                throw new ArgumentException("vectorization, vector_kwargs and autoreset_mode apply to vector environments (num_envs >= 1) only.");
            }

            if (request.BatchSize > 0)
            {
                throw new ArgumentException($"batch_size {request.BatchSize} applies to vector environments (num_envs >= 1) only: it makes one asynchronous.");
            }

            if (EnumCodec.Decode(request.Backend) == Backend.Gpu)
            {
                throw new NotSupportedException("The GPU backend (BACKEND_GPU) serves vector environments (num_envs >= 1) only; a single environment runs on BACKEND_CPU or BACKEND_AUTO.");
            }

            session = store.Create(() => registry.Make(request.EnvId, kwargs, renderMode, maxSteps), copies: 1, caller.Name);
        }

        session.Connection = connection;
        try
        {
            var response = session.Target.Describe();
            response.Handle = session.Handle;
            return response;
        }
        catch
        {
            // A handle the client never learns about would leak until it expires.
            await store.CloseAsync(session.Handle, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private EnvironmentSession CreateVector(
        CreateEnvironmentRequest request, Dictionary<string, object?> kwargs, int? maxSteps, string? renderMode, string? owner)
    {
        var vectorRequest = new VectorEnvRequest(request.EnvId, (int)Math.Min(request.NumEnvs, int.MaxValue))
        {
            AutoresetMode = EnumCodec.Decode(request.AutoresetMode),
            Vectorization = VectorizationOf(request),
            Backend = EnumCodec.Decode(request.Backend),
            Kwargs = kwargs,
            MaxEpisodeSteps = maxSteps,
            RenderMode = renderMode,
            BatchSize = (int)Math.Min(request.BatchSize, int.MaxValue),
        };

        // The limits on copies, then the memory budget, before anything large is made.
        store.CheckCopies(vectorRequest.Copies);
        var bytes = factory.EstimateBytes(vectorRequest);
        return vectorRequest.BatchSize > 0
            ? store.CreateAsyncVector(() => factory.CreateAsync(vectorRequest), vectorRequest.Copies, owner, bytes)
            : store.CreateVector(() => factory.Create(vectorRequest), vectorRequest.Copies, owner, bytes);
    }

    /// <summary>
    /// The vectorization field, or the older <c>vector_kwargs["vectorization"]</c> (the only key that map takes);
    /// both set to different values is INVALID_ARGUMENT.
    /// </summary>
    private static Vectorization VectorizationOf(CreateEnvironmentRequest request)
    {
        var typed = EnumCodec.Decode(request.Vectorization);
        Vectorization? legacy = null;
        foreach (var (key, value) in request.VectorKwargs)
        {
            var accepted = string.Join(", ", EnumCodec.VectorizationNames);
            if (key != "vectorization")
            {
                throw new ArgumentException($"Unknown vector_kwargs key {Core.Formatting.Quote(key)}; accepted: vectorization ({accepted}), or use the vectorization field.");
            }

            legacy = value.KindCase == Value.KindOneofCase.StringValue
                ? EnumCodec.ParseVectorization(value.StringValue)
                : throw new ArgumentException($"vector_kwargs[\"vectorization\"] must be a string (one of {accepted}), got {ValueCodec.Describe(value)}.");
        }

        if (legacy is not { } older)
        {
            return typed;
        }

        if (typed != Vectorization.Unspecified && typed != older)
        {
            throw new ArgumentException(
                $"vectorization {Core.Formatting.Quote(EnumCodec.Name(typed))} and vector_kwargs[\"vectorization\"] {Core.Formatting.Quote(EnumCodec.Name(older))} disagree; set the vectorization field alone (vector_kwargs[\"vectorization\"] is its older spelling).");
        }

        return older;
    }

    private static int? MaxEpisodeSteps(CreateEnvironmentRequest request)
    {
        if (!request.HasMaxEpisodeSteps)
        {
            return null;
        }

        return request.MaxEpisodeSteps is >= 0 and <= int.MaxValue
            ? (int)request.MaxEpisodeSteps
            : throw new ArgumentException(
                $"max_episode_steps {request.MaxEpisodeSteps} is out of range; it must be in [0, {int.MaxValue}] (0 = no time limit).");
    }
}
