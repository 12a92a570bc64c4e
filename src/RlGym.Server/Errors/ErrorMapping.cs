using Grpc.Core;
using Microsoft.Extensions.Logging;
using RlGym.Core;

namespace RlGym.Server.Errors;

/// <summary>
/// The one place where exceptions become gRPC statuses, with the codes environments.proto defines. Client mistakes are
/// logged at debug level; anything unexpected is INTERNAL and logged as an error.
/// </summary>
internal static partial class ErrorMapping
{
    /// <summary>The status for <paramref name="exception"/>, logging it as its kind deserves.</summary>
    public static RpcException ToRpcException(Exception exception, ILogger logger, string method, CancellationToken callCancelled = default)
    {
        if (exception is RpcException rpc)
        {
            return rpc;
        }

        var code = exception switch
        {
            // A client that cancelled or went away (a reset stream surfaces as an IOException) is not a server error.
            // The cancellation token can lag the aborted stream, so the exception kinds count too.
            _ when callCancelled.IsCancellationRequested => StatusCode.Cancelled,
            System.IO.IOException or OperationCanceledException => StatusCode.Cancelled,
            UnknownEnvironmentException or UnknownHandleException => StatusCode.NotFound,
            ResetNeededException or SequenceMismatchException or BackendUnavailableException => StatusCode.FailedPrecondition,
            ServerLimitException => StatusCode.ResourceExhausted,
            AuthenticationRequiredException => StatusCode.Unauthenticated,
            AccessDeniedException => StatusCode.PermissionDenied,
            ServerShuttingDownException => StatusCode.Unavailable,
            NotSupportedException => StatusCode.Unimplemented,
            // After the specific cases: InvalidActionException, ProtocolException and bad kwargs are all ArgumentExceptions.
            ArgumentException => StatusCode.InvalidArgument,
            _ => StatusCode.Internal,
        };

        if (code == StatusCode.Internal)
        {
            LogUnexpected(logger, exception, method, exception.Message);
        }
        else
        {
            LogRejected(logger, method, code, exception.Message);
        }

        return new RpcException(new Status(code, exception.Message));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed unexpectedly: {Reason}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} rejected with {Code}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, StatusCode code, string reason);
}
