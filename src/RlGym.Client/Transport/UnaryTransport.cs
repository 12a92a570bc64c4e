using Grpc.Core;
using RlGym.Protocol.V1;

namespace RlGym.Client.Transport;

/// <summary>One unary call per request.</summary>
internal sealed class UnaryTransport(CallInvoker invoker, Metadata? headers, TimeSpan? deadline) : IRemoteTransport
{
    private readonly Environments.EnvironmentsClient _client = new(invoker);

    public CreateEnvironmentResponse Create(CreateEnvironmentRequest request) => _client.CreateEnvironment(request, Options());

    public ResetResponse Reset(ResetRequest request) => _client.Reset(request, Options());

    public StepResponse Step(StepRequest request) => _client.Step(request, Options());

    public RenderResponse Render(RenderRequest request) => _client.Render(request, Options());

    public CloseEnvironmentResponse Close(CloseEnvironmentRequest request) => _client.CloseEnvironment(request, Options());

    public void Dispose()
    {
    }

    private CallOptions Options() => new(headers, deadline is { } d ? DateTime.UtcNow + d : null);
}
