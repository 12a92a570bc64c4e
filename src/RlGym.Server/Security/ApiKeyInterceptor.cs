using Grpc.Core;
using Grpc.Core.Interceptors;

namespace RlGym.Server.Security;

/// <summary>
/// Authenticates every call to rlgym.v1.Environments and leaves the <see cref="Caller"/> in the call's user state;
/// health checks and reflection stay open, so probes and tools work without a key.
/// </summary>
internal sealed class ApiKeyInterceptor(ApiKeyAuthenticator authenticator) : Interceptor
{
    private const string ServicePrefix = "/rlgym.v1.Environments/";

    /// <summary>The caller <see cref="ApiKeyInterceptor"/> authenticated for <paramref name="context"/>.</summary>
    public static Caller CallerOf(ServerCallContext context) =>
        context.UserState.TryGetValue(typeof(Caller), out var caller) ? (Caller)caller : Caller.Anonymous;

    /// <inheritdoc />
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, context);
    }

    /// <inheritdoc />
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authenticate(ServerCallContext context)
    {
        if (context.Method.StartsWith(ServicePrefix, StringComparison.Ordinal))
        {
            context.UserState[typeof(Caller)] = authenticator.Authenticate(context.RequestHeaders);
        }
    }
}
