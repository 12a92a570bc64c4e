using Grpc.Core;

namespace RlGym.Client;

/// <summary>
/// A server error without a closer .NET counterpart (e.g. <c>RESOURCE_EXHAUSTED</c>, <c>UNAUTHENTICATED</c>,
/// <c>UNAVAILABLE</c> after the retries ran out). The message is the server's.
/// </summary>
public sealed class RemoteEnvException : Exception
{
    /// <summary>An error with the server's status code and message.</summary>
    public RemoteEnvException(StatusCode statusCode, string message, Exception? innerException = null)
        : base(message, innerException) => StatusCode = statusCode;

    /// <summary>The gRPC status code the server answered with.</summary>
    public StatusCode StatusCode { get; }
}
