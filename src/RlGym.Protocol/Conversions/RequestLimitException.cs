namespace RlGym.Protocol.Conversions;

/// <summary>
/// A request is well formed but larger than a limit allows (bytes, string length, elements); the message names the
/// limit and its value. Derives from <see cref="ArgumentException"/>; a server answers it with RESOURCE_EXHAUSTED.
/// </summary>
public sealed class RequestLimitException : ArgumentException
{
    /// <summary>Creates the exception with a message that names the limit and what was received.</summary>
    public RequestLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public RequestLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public RequestLimitException()
        : base("The request is larger than this server allows.")
    {
    }
}
