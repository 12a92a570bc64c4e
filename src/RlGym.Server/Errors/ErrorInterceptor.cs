using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using RlGym.Server.Telemetry;

namespace RlGym.Server.Errors;

/// <summary>
/// Turns every exception a handler throws into the status <see cref="ErrorMapping"/> chooses, and counts every call
/// that ends with an error status (<see cref="ServerMetrics.RequestFailed"/>).
/// </summary>
internal sealed class ErrorInterceptor(ILogger<ErrorInterceptor> logger, ServerMetrics metrics) : Interceptor
{
    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            metrics.RequestFailed(ex.StatusCode);
            throw;
        }
        catch (Exception ex)
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
        catch (RpcException ex)
        {
            metrics.RequestFailed(ex.StatusCode);
            throw;
        }
        catch (Exception ex)
        {
            throw Failed(ex, context);
        }
    }

    private RpcException Failed(Exception ex, ServerCallContext context)
    {
        var rpc = ErrorMapping.ToRpcException(ex, logger, context.Method, context.CancellationToken);
        metrics.RequestFailed(rpc.StatusCode);
        return rpc;
    }
}
