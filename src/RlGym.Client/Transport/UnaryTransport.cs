using Grpc.Core;
using RlGym.Protocol.V1;

namespace RlGym.Client.Transport;

/// <summary>One unary call per request.</summary>
/// <remarks>
/// The deadline is enforced here by cancelling the call, not sent as a gRPC deadline: a gRPC deadline makes both ends
/// arm a timer per call, which measured at tens of microseconds of CPU per step against a CartPole server.
/// </remarks>
internal sealed class UnaryTransport(CallInvoker invoker, Metadata? headers, TimeSpan? deadline) : IRemoteTransport
{
    private readonly Environments.EnvironmentsClient _client = new(invoker);
    private CancellationTokenSource? _timeout;

    public CreateEnvironmentResponse Create(CreateEnvironmentRequest request) =>
        Invoke(static (client, r, options) => client.CreateEnvironment(r, options), request);

    public ResetResponse Reset(ResetRequest request) => Invoke(static (client, r, options) => client.Reset(r, options), request);

    public StepResponse Step(StepRequest request) => Invoke(static (client, r, options) => client.Step(r, options), request);

    public RenderResponse Render(RenderRequest request) => Invoke(static (client, r, options) => client.Render(r, options), request);

    public CloseEnvironmentResponse Close(CloseEnvironmentRequest request) =>
        Invoke(static (client, r, options) => client.CloseEnvironment(r, options), request);

    public void Dispose()
    {
        _timeout?.Dispose();
        _timeout = null;
    }

    private TResponse Invoke<TRequest, TResponse>(Func<Environments.EnvironmentsClient, TRequest, CallOptions, TResponse> call, TRequest request)
    {
        var token = CancellationToken.None;
        if (deadline is { } limit)
        {
            _timeout ??= new CancellationTokenSource();
            _timeout.CancelAfter(limit);
            token = _timeout.Token;
        }

        try
        {
            var response = call(_client, request, new CallOptions(headers, cancellationToken: token));
            if (_timeout is { } timeout && !timeout.TryReset())
            {
                Dispose();
            }

            return response;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && _timeout is { IsCancellationRequested: true })
        {
            Dispose();
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, $"The server did not answer {typeof(TRequest).Name} within {deadline}."));
        }
    }
}
