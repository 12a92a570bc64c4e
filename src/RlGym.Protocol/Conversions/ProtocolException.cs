namespace RlGym.Protocol.Conversions;

/// <summary>
/// A message that does not follow the rlgym.v1 contract: a malformed tensor, a value of the wrong kind, dtype or
/// shape for its space, an unknown enum value. Derives from <see cref="ArgumentException"/>, so a server answers it
/// with INVALID_ARGUMENT; the message says what was received and what is allowed.
/// </summary>
public sealed class ProtocolException : ArgumentException
{
    /// <summary>Creates the exception with a message that says what was wrong and what is allowed.</summary>
    public ProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ProtocolException()
        : base("The message does not follow the rlgym.v1 protocol.")
    {
    }
}
