using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace RlGym.Server.Errors;

/// <summary>
/// Turns every exception a handler throws into the status <see cref="ErrorMapping"/> chooses (failed calls are counted
/// where every call's status is seen, before a handler runs too: <see cref="Telemetry.ServerMetrics.CountFailedCalls"/>).
/// </summary>
internal sealed class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Failed(ex, context);
        }
    }

    /// <inheritdoc />
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Failed(ex, context);
        }
    }

    private RpcException Failed(Exception ex, ServerCallContext context) =>
        ErrorMapping.ToRpcException(ex, logger, context.Method, context.CancellationToken);
}
