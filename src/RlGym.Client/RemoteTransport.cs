namespace RlGym.Client;

/// <summary>How a <see cref="RemoteEnv"/> carries its requests to the server.</summary>
public enum RemoteTransport
{
    /// <summary>
    /// One bidirectional <c>Session</c> stream per environment, opened on first use and reopened after it ends:
    /// the low-latency path.
    /// </summary>
    Stream,

    /// <summary>One unary call per request (works through proxies and gRPC-Web gateways that cannot stream).</summary>
    Unary,
}
