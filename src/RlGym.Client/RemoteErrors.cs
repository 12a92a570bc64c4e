using Grpc.Core;
using RlGym.Core;

namespace RlGym.Client;

/// <summary>Turns a server status into the exception a local environment would have thrown.</summary>
internal static class RemoteErrors
{
    /// <summary>Which request failed: the same status means different things for different requests.</summary>
    public enum Operation
    {
        Create,
        Reset,
        Step,
        Render,
        Close,
        Describe,
        Attach,
    }

    public static Exception Translate(RpcException error, Operation operation)
    {
        var message = string.IsNullOrEmpty(error.Status.Detail) ? $"{operation} failed with {error.StatusCode}." : error.Status.Detail;
        return (error.StatusCode, operation) switch
        {
            (StatusCode.InvalidArgument, Operation.Step) => new InvalidActionException(message),
            (StatusCode.InvalidArgument, _) => new ArgumentException(message),
            (StatusCode.NotFound, Operation.Create or Operation.Describe) => new UnknownEnvironmentException(message),
            (StatusCode.NotFound, _) => new KeyNotFoundException(message),
            (StatusCode.FailedPrecondition, Operation.Step or Operation.Render) => new ResetNeededException(message),
            (StatusCode.FailedPrecondition, _) => new InvalidOperationException(message),
            _ => new RemoteEnvException(error.StatusCode, message, error),
        };
    }

    /// <summary>
    /// Whether <paramref name="error"/> is Grpc.Net.Client reporting a connection the server closed under a call (a
    /// restart, or a draining server's GOAWAY racing the call's status) as INTERNAL with the HTTP error inside.
    /// </summary>
    public static bool IsConnectionLoss(RpcException error) =>
        error.StatusCode == StatusCode.Internal && error.Status.DebugException is IOException or HttpRequestException;

    /// <summary>
    /// A lost connection as the UNAVAILABLE it is for a caller: transient, retried, and (for sequence numbers) a request
    /// that may have been applied.
    /// </summary>
    public static RpcException ConnectionLost(string during, Exception cause) =>
        new(new Status(StatusCode.Unavailable, $"The connection to the server was lost during {during}: {cause.Message}", cause));

    /// <summary>
    /// Failures without an answer, so the request's fate is unknown (the server may or may not have applied it), and the
    /// ones worth re-sending: the server or the connection was unavailable, the stream dropped (both UNAVAILABLE), or the
    /// client's own deadline passed (DEADLINE_EXCEEDED).
    /// </summary>
    public static bool IsUnanswered(RpcException error) => error.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded;
}
