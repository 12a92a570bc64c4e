using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using RlGym.Core;
using RlGym.Protocol.Conversions;

namespace RlGym.Server.Errors;

/// <summary>
/// The one place where exceptions become gRPC statuses, with the codes environments.proto defines. Client mistakes are
/// logged at debug level; anything unexpected is INTERNAL, logged as an error with an id, and answered with that id
/// only (no runtime details). Every status detail is cut to <see cref="MaxDetailLength"/> characters.
/// </summary>
internal static partial class ErrorMapping
{
    /// <summary>
    /// Longest status detail sent, in characters: far below the 8 KiB of metadata clients accept by default (the
    /// detail travels as the grpc-message trailer), whatever a message quotes.
    /// </summary>
    public const int MaxDetailLength = 1024;

    /// <summary>The status for <paramref name="exception"/>, logging it as its kind deserves.</summary>
    public static RpcException ToRpcException(Exception exception, ILogger logger, string method, CancellationToken callCancelled = default)
    {
        if (exception is RpcException rpc)
        {
            return rpc.Status.Detail.Length <= MaxDetailLength ? rpc : new RpcException(new Status(rpc.StatusCode, Bounded(rpc.Status.Detail)), rpc.Trailers);
        }

        // A wrapper (Parallel.For in an environment, a plugin's tasks) around client mistakes is answered as its
        // first inner exception when every inner one maps to the same status and that status is not INTERNAL.
        if (exception is AggregateException aggregate && Unwrap(aggregate, callCancelled) is { } inner)
        {
            return ToRpcException(inner, logger, method, callCancelled);
        }

        var code = CodeOf(exception, callCancelled);

        string detail;
        switch (code)
        {
            case StatusCode.Internal:
                var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
                LogUnexpected(logger, exception, method, id, Bounded(exception.Message));
                detail = $"The server failed unexpectedly (error {id}); its log has the details.";
                break;
            case StatusCode.ResourceExhausted when exception is OutOfMemoryException or InsufficientExecutionStackException:
                LogRejected(logger, method, code, exception.Message);
                detail = "The server ran out of memory for this request; send a smaller one, or close environments first.";
                break;
            case StatusCode.InvalidArgument when exception is InvalidProtocolBufferException:
                detail = $"The request is not a valid protobuf message of this method: {exception.Message}";
                LogRejected(logger, method, code, detail);
                break;
            default:
                detail = Bounded(ArgumentMessage(exception));
                LogRejected(logger, method, code, detail);
                break;
        }

        return new RpcException(new Status(code, detail));
    }

    /// <summary><paramref name="detail"/>, cut to <see cref="MaxDetailLength"/> characters.</summary>
    public static string Bounded(string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        if (detail.Length <= MaxDetailLength)
        {
            return detail;
        }

        var cut = char.IsHighSurrogate(detail[MaxDetailLength - 2]) ? MaxDetailLength - 2 : MaxDetailLength - 1;
        return string.Concat(detail.AsSpan(0, cut), "…");
    }

    /// <summary>The status code for <paramref name="exception"/>; INTERNAL for anything unexpected.</summary>
    private static StatusCode CodeOf(Exception exception, CancellationToken callCancelled) => exception switch
    {
        // A client that cancelled or went away (a reset stream surfaces as an IOException) is not a server error.
        // The cancellation token can lag the aborted stream, so the exception kinds count too.
        _ when callCancelled.IsCancellationRequested => StatusCode.Cancelled,
        // An unparsable message is an IOException too, but the client's fault, not its leaving.
        InvalidProtocolBufferException => StatusCode.InvalidArgument,
        System.IO.IOException or OperationCanceledException => StatusCode.Cancelled,
        UnknownEnvironmentException or UnknownHandleException => StatusCode.NotFound,
        ResetNeededException or CopyBusyException or SequenceMismatchException or BackendUnavailableException => StatusCode.FailedPrecondition,
        ServerLimitException or RequestLimitException or InsufficientExecutionStackException => StatusCode.ResourceExhausted,
        OutOfMemoryException => StatusCode.ResourceExhausted,
        AuthenticationRequiredException => StatusCode.Unauthenticated,
        AccessDeniedException => StatusCode.PermissionDenied,
        ServerShuttingDownException => StatusCode.Unavailable,
        NotSupportedException => StatusCode.Unimplemented,
        // After the specific cases: InvalidActionException, ProtocolException and bad kwargs are all ArgumentExceptions.
        ArgumentException => StatusCode.InvalidArgument,
        _ => StatusCode.Internal,
    };

    /// <summary>The first inner exception of <paramref name="aggregate"/> when all map to one status other than INTERNAL; else null.</summary>
    private static Exception? Unwrap(AggregateException aggregate, CancellationToken callCancelled)
    {
        var inner = aggregate.Flatten().InnerExceptions;
        if (inner.Count == 0)
        {
            return null;
        }

        var code = CodeOf(inner[0], callCancelled);
        return code != StatusCode.Internal && inner.All(e => CodeOf(e, callCancelled) == code) ? inner[0] : null;
    }

    /// <summary>An exception's message; an <see cref="ArgumentException"/>'s without the " (Parameter 'name')" .NET appends.</summary>
    private static string ArgumentMessage(Exception exception)
    {
        var message = exception.Message;
        if (exception is ArgumentException { ParamName: { } name })
        {
            var suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                return message[..^suffix.Length];
            }
        }

        return message;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed unexpectedly (error {ErrorId}): {Reason}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string errorId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} rejected with {Code}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, StatusCode code, string reason);
}
