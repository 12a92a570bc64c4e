using Grpc.Core;
using RlGym.Core.Registration;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;
using RlGym.Server.Sessions;

namespace RlGym.Server;

/// <summary>
/// The rlgym.v1.Environments service: maps messages and delegates to <see cref="HandleStore"/>,
/// <see cref="EnvironmentSession"/> and <see cref="EnvironmentCatalog"/>. Exceptions become statuses in
/// <see cref="Errors.ErrorInterceptor"/>.
/// </summary>
internal sealed class EnvironmentsService(EnvRegistry registry, EnvironmentCatalog catalog, HandleStore store) : RlGym.Protocol.V1.Environments.EnvironmentsBase
{
    /// <inheritdoc />
    public override Task<ListEnvironmentsResponse> ListEnvironments(ListEnvironmentsRequest request, ServerCallContext context) =>
        Task.FromResult(catalog.List());

    /// <inheritdoc />
    public override Task<EnvironmentDescription> DescribeEnvironment(DescribeEnvironmentRequest request, ServerCallContext context) =>
        Task.FromResult(catalog.Describe(request.EnvId));

    /// <inheritdoc />
    public override Task<CreateEnvironmentResponse> CreateEnvironment(CreateEnvironmentRequest request, ServerCallContext context) =>
        CreateAsync(request);

    /// <inheritdoc />
    public override Task<ResetResponse> Reset(ResetRequest request, ServerCallContext context) =>
        store.Get(request.Handle).ResetAsync(request, context.CancellationToken);

    /// <inheritdoc />
    public override Task<StepResponse> Step(StepRequest request, ServerCallContext context) =>
        store.Get(request.Handle).StepAsync(request, context.CancellationToken);

    /// <inheritdoc />
    public override Task<RenderResponse> Render(RenderRequest request, ServerCallContext context) =>
        store.Get(request.Handle).RenderAsync(request, context.CancellationToken);

    /// <inheritdoc />
    public override async Task<CloseEnvironmentResponse> CloseEnvironment(CloseEnvironmentRequest request, ServerCallContext context)
    {
        await store.CloseAsync(request.Handle, context.CancellationToken).ConfigureAwait(false);
        return new CloseEnvironmentResponse();
    }

    /// <inheritdoc />
    public override async Task Session(IAsyncStreamReader<SessionRequest> requestStream, IServerStreamWriter<SessionResponse> responseStream, ServerCallContext context)
    {
        // In order, one at a time: the first failure escapes and ends the stream with its status.
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
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

            await responseStream.WriteAsync(response, context.CancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CreateEnvironmentResponse> CreateAsync(CreateEnvironmentRequest request)
    {
        if (request.Backend == Backend.Gpu)
        {
            throw new NotSupportedException("The GPU backend (BACKEND_GPU) is not implemented by this server; use BACKEND_CPU or BACKEND_AUTO.");
        }

        if (request.NumEnvs >= 1)
        {
            // Over-limit requests are RESOURCE_EXHAUSTED even before vector environments exist.
            store.CheckCopies((int)Math.Min(request.NumEnvs, int.MaxValue));
            throw new NotSupportedException("vector environments (num_envs >= 1) are not implemented yet; use num_envs = 0.");
        }

        if (request.VectorKwargs.Count > 0 || request.AutoresetMode != AutoresetMode.Unspecified)
        {
            throw new ArgumentException("vector_kwargs and autoreset_mode apply to vector environments (num_envs >= 1) only.");
        }

        var kwargs = ValueCodec.DecodeMap(request.Kwargs);
        var renderMode = string.IsNullOrEmpty(request.RenderMode) ? null : request.RenderMode;
        int? maxSteps = null;
        if (request.HasMaxEpisodeSteps)
        {
            maxSteps = request.MaxEpisodeSteps is >= 0 and <= int.MaxValue
                ? (int)request.MaxEpisodeSteps
                : throw new ArgumentException(
                    $"max_episode_steps {request.MaxEpisodeSteps} is out of range; it must be in [0, {int.MaxValue}] (0 = no time limit).");
        }

        var session = store.Create(() => registry.Make(request.EnvId, kwargs, renderMode, maxSteps), copies: 1);
        try
        {
            return Describe(session);
        }
        catch
        {
            // A handle the client never learns about would leak until it expires.
            await store.CloseAsync(session.Handle, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private CreateEnvironmentResponse Describe(EnvironmentSession session)
    {
        var env = session.Env;
        return new CreateEnvironmentResponse
        {
            Handle = session.Handle,
            ObservationSpace = SpaceCodec.Encode(env.ObservationSpace),
            ActionSpace = SpaceCodec.Encode(env.ActionSpace),
            Spec = SpecCodec.Encode(env.Spec ?? throw new InvalidOperationException($"{env} was made without a spec.")),
            Metadata = SpecCodec.Encode(env.Metadata),
            NumEnvs = 0,
            Backend = Backend.Cpu,
            RenderMode = env.RenderMode ?? "",
        };
    }
}
