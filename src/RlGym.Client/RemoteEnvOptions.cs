using Grpc.Net.Client;

namespace RlGym.Client;

/// <summary>Where a <see cref="RemoteEnv"/> connects and how it talks to the server.</summary>
public sealed record RemoteEnvOptions
{
    /// <summary>
    /// The server: <c>http://HOST:PORT</c> (cleartext HTTP/2), <c>https://HOST:PORT</c>, or <c>unix:///path/to.sock</c>
    /// for a Unix domain socket. Ignored when <see cref="Channel"/> is set.
    /// </summary>
    public string Address { get; init; } = "http://127.0.0.1:50051";

    /// <summary>
    /// <see cref="RemoteTransport.Auto"/> (default): shared memory for <c>unix://</c> addresses on Linux where the server
    /// can attach it, else the Session stream; or <see cref="RemoteTransport.Shm"/>, <see cref="RemoteTransport.Stream"/>,
    /// <see cref="RemoteTransport.Unary"/>.
    /// </summary>
    public RemoteTransport Transport { get; init; } = RemoteTransport.Auto;

    /// <summary>
    /// Time allowed for each request (create, reset, step, render, close) to be answered; null waits forever.
    /// A request that runs out of time fails with <see cref="RemoteEnvException"/> (<c>DEADLINE_EXCEEDED</c>).
    /// </summary>
    public TimeSpan? Deadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Re-sending requests left without an answer, within a budget (30 s by default); <see cref="RetryOptions.None"/>
    /// disables it.
    /// </summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>An API key sent with every call in the <see cref="ApiKeyHeader"/> header; null sends none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The header that carries <see cref="ApiKey"/>.</summary>
    public string ApiKeyHeader { get; init; } = "x-api-key";

    /// <summary>Largest message accepted from the server, in bytes (gRPC's default is 4 MB).</summary>
    public int MaxReceiveMessageBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// An existing channel to use instead of opening one for <see cref="Address"/> (e.g. one channel shared by many
    /// environments). The environment does not dispose a channel it was given.
    /// </summary>
    public GrpcChannel? Channel { get; init; }
}
