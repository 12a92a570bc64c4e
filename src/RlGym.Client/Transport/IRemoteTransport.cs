using RlGym.Protocol.V1;

namespace RlGym.Client.Transport;

/// <summary>
/// Carries one environment's requests to the server and blocks for the answer. A failure surfaces as the
/// <see cref="Grpc.Core.RpcException"/> the server (or the connection) ended the call with.
/// </summary>
internal interface IRemoteTransport : IDisposable
{
    CreateEnvironmentResponse Create(CreateEnvironmentRequest request);

    ResetResponse Reset(ResetRequest request);

    StepResponse Step(StepRequest request);

    RenderResponse Render(RenderRequest request);

    CloseEnvironmentResponse Close(CloseEnvironmentRequest request);
}
