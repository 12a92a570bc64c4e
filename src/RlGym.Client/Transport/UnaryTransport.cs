using Grpc.Core;
using RlGym.Protocol.V1;

namespace RlGym.Client.Transport;

/// <summary>One unary call per request; the deadline is a <see cref="CallDeadline"/>.</summary>
internal sealed class UnaryTransport(CallInvoker invoker, Metadata? headers, TimeSpan? deadline) : IRemoteTransport
{
    private readonly Environments.EnvironmentsClient _client = new(invoker);
    private readonly CallDeadline _deadline = new(deadline);

    public CreateEnvironmentResponse Create(CreateEnvironmentRequest request) =>
        Invoke(static (client, r, options) => client.CreateEnvironment(r, options), request);

    public ResetResponse Reset(ResetRequest request) => Invoke(static (client, r, options) => client.Reset(r, options), request);

    public StepResponse Step(StepRequest request) => Invoke(static (client, r, options) => client.Step(r, options), request);

    public RenderResponse Render(RenderRequest request) => Invoke(static (client, r, options) => client.Render(r, options), request);

    public CloseEnvironmentResponse Close(CloseEnvironmentRequest request) =>
        Invoke(static (client, r, options) => client.CloseEnvironment(r, options), request);

    /// <summary>DescribeEnvironment (not part of <see cref="IRemoteTransport"/>: it needs no handle).</summary>
    public EnvironmentDescription Describe(DescribeEnvironmentRequest request) =>
        Invoke(static (client, r, options) => client.DescribeEnvironment(r, options), request);

    /// <summary>AttachSharedMemory (not part of <see cref="IRemoteTransport"/>: a unary call whatever the transport).</summary>
    public AttachSharedMemoryResponse AttachSharedMemory(AttachSharedMemoryRequest request) =>
        Invoke(static (client, r, options) => client.AttachSharedMemory(r, options), request);

    public void Dispose() => _deadline.Dispose();

    private TResponse Invoke<TRequest, TResponse>(Func<Environments.EnvironmentsClient, TRequest, CallOptions, TResponse> call, TRequest request)
    {
        try
        {
            var response = call(_client, request, new CallOptions(headers, cancellationToken: _deadline.Arm()));
            _deadline.Disarm();
            return response;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && _deadline.Expired)
        {
            throw _deadline.Exceeded(typeof(TRequest).Name);
        }
        catch (RpcException e) when (RemoteErrors.IsConnectionLoss(e))
        {
            throw RemoteErrors.ConnectionLost(typeof(TRequest).Name, e.Status.DebugException!);
        }
    }
}
