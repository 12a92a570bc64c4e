namespace RlGym.Server;

/// <summary>
/// Settings of the RlGym gRPC server, bound from the configuration section <c>RlGym</c> (appsettings.json, or
/// environment variables such as <c>RlGym__Port=50052</c> and <c>RlGym__MaxHandles=4096</c>).
/// </summary>
public sealed record RlGymServerOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "RlGym";

    /// <summary>Address to listen on: an IP address, <c>localhost</c>, or <c>0.0.0.0</c> / <c>*</c> for every interface.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port for gRPC (cleartext HTTP/2); 0 picks a free port (see <see cref="RlGymServer.GetAddress"/>).</summary>
    public int Port { get; set; } = 50051;

    /// <summary>When set, also listen on this Unix domain socket path (HTTP/2); an existing file there is replaced.</summary>
    public string? UnixSocketPath { get; set; }

    /// <summary>When set, serve gRPC-Web (HTTP/1.1, for browsers; unary calls only) on this port of <see cref="Host"/>.</summary>
    public int? GrpcWebPort { get; set; }

    /// <summary>
    /// When set, every plugin under this folder is loaded and its environments served next to the built-ins (see
    /// <c>docs/authoring.md</c>); a plugin that fails to load or to pass the environment check is logged and left out.
    /// </summary>
    public string? PluginsPath { get; set; }

    /// <summary>Most environment handles open at once; CreateEnvironment beyond it is RESOURCE_EXHAUSTED.</summary>
    public int MaxHandles { get; set; } = 1024;

    /// <summary>Most copies one vector environment may have (num_envs); more is RESOURCE_EXHAUSTED.</summary>
    public int MaxCopiesPerHandle { get; set; } = 65_536;

    /// <summary>Most copies over all open handles (a single environment counts as one); more is RESOURCE_EXHAUSTED.</summary>
    public int MaxTotalCopies { get; set; } = 1_048_576;

    /// <summary>Largest request message accepted, in bytes; a larger one is RESOURCE_EXHAUSTED. Default 64 MiB.</summary>
    public int MaxReceiveMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Largest response message sent, in bytes; a larger one fails with RESOURCE_EXHAUSTED. Default 64 MiB.</summary>
    public int MaxSendMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Handles unused for this long are closed (NOT_FOUND afterwards); <see cref="TimeSpan.Zero"/> keeps them forever.</summary>
    public TimeSpan HandleIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a handle outlives the client connection (HTTP/2, TCP or Unix socket) of its latest request. While
    /// that connection is open only <see cref="HandleIdleTimeout"/> applies; once it closes, a request for the handle
    /// on another connection within this lease keeps the handle (the clients' reconnect path), otherwise it is closed
    /// (NOT_FOUND afterwards), within about a second after the lease ends, and at once while the server drains before
    /// shutdown. Handles last used over gRPC-Web, whose browsers open and close connections freely, have no lease.
    /// <see cref="TimeSpan.Zero"/> or less disables leases: handles live until closed or idle. Default 10 s.
    /// </summary>
    public TimeSpan HandleLease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// On shutdown (SIGTERM), how long open handles may keep working while new ones are refused with UNAVAILABLE and
    /// health reports NOT_SERVING; the server stops as soon as every handle is closed, and at the latest after this
    /// period (plus a few seconds for calls in flight). Zero stops at once.
    /// </summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// API keys the server accepts; empty (the default) serves everyone. With keys, every rlgym.v1.Environments call
    /// must carry one in <see cref="ApiKeyHeader"/> (UNAUTHENTICATED otherwise), a key limited to some environments
    /// gets PERMISSION_DENIED for the others, and a handle answers only the key that created it. Health checks and
    /// reflection stay open.
    /// </summary>
    public IList<Security.ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>The request header that carries the API key.</summary>
    public string ApiKeyHeader { get; set; } = "x-api-key";
}
