namespace RlGym.Client;

/// <summary>How a <see cref="RemoteEnv"/> carries its requests to the server.</summary>
public enum RemoteTransport
{
    /// <summary>
    /// One bidirectional <c>Session</c> stream per environment, opened on first use and reopened after it ends:
    /// the low-latency gRPC path.
    /// </summary>
    Stream,

    /// <summary>One unary call per request (works through proxies and gRPC-Web gateways that cannot stream).</summary>
    Unary,

    /// <summary>
    /// Shared memory (<see cref="Shm"/>) for <c>unix://</c> addresses on Linux where the server can attach it, else the
    /// Session stream (<see cref="Stream"/>).
    /// </summary>
    Auto,

    /// <summary>
    /// Shared memory with the server on the same host (AttachSharedMemory): resets and steps ring a doorbell and read
    /// their results from a mapped segment, other requests use the Session stream. Fails at creation where it cannot
    /// be attached (another host or user, Dict/Tuple spaces, not Linux). A lost doorbell re-sends its request over the
    /// stream with the same sequence number, and the environment stays on the stream.
    /// </summary>
    Shm,
}
