using Grpc.Core;
using Microsoft.Extensions.Options;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.Vectorized;
using RlGym.Gpu;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;
using RlGym.Server.Errors;
using RlGym.Server.Security;
using RlGym.Server.Sessions;

namespace RlGym.Server;

/// <summary>
/// The rlgym.v1.Environments service: maps messages and delegates to <see cref="HandleStore"/>,
/// <see cref="EnvironmentSession"/> and <see cref="EnvironmentCatalog"/>. Exceptions become statuses in
/// <see cref="Errors.ErrorInterceptor"/>.
/// </summary>
internal sealed class EnvironmentsService(
    EnvRegistry registry, EnvironmentCatalog catalog, HandleStore store, ClientConnections connections, IOptions<RlGymServerOptions> options)
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

            await responseStream.WriteAsync(response, stop).ConfigureAwait(false);
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
            if (request.VectorKwargs.Count > 0 || request.AutoresetMode != Protocol.V1.AutoresetMode.Unspecified)
            {
                throw new ArgumentException("vector_kwargs and autoreset_mode apply to vector environments (num_envs >= 1) only.");
            }

            if (request.Backend == Backend.Gpu)
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
        var copies = (int)Math.Min(request.NumEnvs, int.MaxValue);
        const string accepted = $"{VectorEnvs.Auto}, {VectorEnvs.Sync}, {VectorEnvs.Parallel}, {VectorEnvs.Soa}, {VectorEnvs.Gymnasium}, {VectorEnvs.Fast}";
        string? vectorization = null;
        foreach (var (key, value) in request.VectorKwargs)
        {
            if (key != "vectorization")
            {
                throw new ArgumentException($"Unknown vector_kwargs key {Core.Formatting.Quote(key)}; accepted: vectorization ({accepted}).");
            }

            vectorization = value.KindCase == Value.KindOneofCase.StringValue
                ? value.StringValue
                : throw new ArgumentException($"vector_kwargs[\"vectorization\"] must be a string (one of {accepted}), got {ValueCodec.Describe(value)}.");
        }

        var mode = request.AutoresetMode switch
        {
            Protocol.V1.AutoresetMode.SameStep => Core.Vector.AutoresetMode.SameStep,
            Protocol.V1.AutoresetMode.Disabled => Core.Vector.AutoresetMode.Disabled,
            Protocol.V1.AutoresetMode.Unspecified or Protocol.V1.AutoresetMode.NextStep => Core.Vector.AutoresetMode.NextStep,
            var other => throw new ArgumentException($"Unknown autoreset_mode {(int)other}; use NEXT_STEP, SAME_STEP or DISABLED."),
        };

        // The limits on copies, then the memory budget, before anything large is made: one copy made with the same
        // kwargs tells the size of each (and rejects bad kwargs at the cost of one copy).
        store.CheckCopies(copies);
        long bytes;
        using (var probe = registry.Make(request.EnvId, kwargs, renderMode: null, maxSteps))
        {
            bytes = MemoryEstimates.Vector(probe, copies);
        }

        if (GpuBackendFor(request, vectorization, mode, renderMode) is { } runtime)
        {
            return store.CreateVector(() => GpuVectorEnvs.Make(runtime, registry, request.EnvId, copies, mode, kwargs, maxSteps), copies, Backend.Gpu, owner, bytes);
        }

        return store.CreateVector(
            () => VectorEnvs.Make(registry, request.EnvId, copies, mode, vectorization ?? VectorEnvs.Auto, kwargs, maxSteps, renderMode),
            copies,
            owner: owner,
            estimatedBytes: bytes);
    }

    // BACKEND_GPU: the CUDA runtime or FAILED_PRECONDITION naming what was found. BACKEND_AUTO: the CUDA runtime when
    // one exists and the request leaves the choice open (no vectorization, next-step autoreset, an env with a GPU
    // variant); otherwise null, i.e. the CPU variants. The CUDA probe runs once per process, on first need.
    private GpuRuntime? GpuBackendFor(CreateEnvironmentRequest request, string? vectorization, Core.Vector.AutoresetMode mode, string? renderMode)
    {
        switch (request.Backend)
        {
            case Backend.Gpu:
                if (renderMode is not null)
                {
                    throw new ArgumentException(
                        $"render_mode {Core.Formatting.Quote(renderMode)} needs copies that render, which run on the CPU; it cannot be combined with BACKEND_GPU (use BACKEND_AUTO or BACKEND_CPU).");
                }

                if (vectorization is not null && vectorization != VectorEnvs.Auto)
                {
                    throw new ArgumentException(
                        $"vector_kwargs[\"vectorization\"] = {Core.Formatting.Quote(vectorization)} picks a CPU implementation; it cannot be combined with BACKEND_GPU (leave it out, or use BACKEND_CPU).");
                }

                return GpuRuntime.TryGetCuda(out var found)
                    ?? throw new BackendUnavailableException(
                        $"BACKEND_GPU was requested but there is no CUDA device; found: {found}. Use BACKEND_AUTO or BACKEND_CPU for the CPU variants.");
            case Backend.Unspecified or Backend.Auto:
                if ((vectorization ?? VectorEnvs.Auto) != VectorEnvs.Auto || mode != Core.Vector.AutoresetMode.NextStep
                    || renderMode is not null)
                {
                    return null;
                }

                var cuda = GpuRuntime.TryGetCuda(out _);
                return cuda is not null && GpuVectorEnvs.Supports(registry, request.EnvId) ? cuda : null;
            default:
                return null;
        }
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
