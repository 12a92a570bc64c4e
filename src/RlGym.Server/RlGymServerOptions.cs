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

    /// <summary>
    /// When set, also listen on this Unix domain socket path (HTTP/2). A socket left there by an earlier run is replaced;
    /// any other file there stops the server from starting (it is never deleted).
    /// </summary>
    public string? UnixSocketPath { get; set; }

    /// <summary>When set, serve gRPC-Web (HTTP/1.1, for browsers; unary calls only) on this port of <see cref="Host"/>.</summary>
    public int? GrpcWebPort { get; set; }

    /// <summary>
    /// Origins whose browser pages may call the gRPC-Web port (CORS), e.g. <c>https://lab.example.org</c> or
    /// <c>http://localhost:5173</c>: scheme, host and port, no path. <c>*</c> allows every origin. Empty (the default)
    /// allows none: a preflight gets no <c>Access-Control-Allow-Origin</c>. Needs <see cref="GrpcWebPort"/>.
    /// </summary>
    public IList<string> CorsOrigins { get; set; } = [];

    /// <summary>
    /// Serve the browser dashboard at <c>http://Host:GrpcWebPort/</c> (with <see cref="GrpcWebPort"/> only): a static
    /// page that lists the environments, plays one and shows the server's live figures over gRPC-Web. With
    /// <see cref="ApiKeys"/> the page is still served, but its calls need a key. Default true.
    /// </summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>
    /// When set, serve the server's metrics in Prometheus text format at <c>http://Host:MetricsPort/metrics</c>
    /// (HTTP/1.1, on this port of <see cref="Host"/> only; see <c>docs/containers.md</c>). OpenTelemetry also exports
    /// them over OTLP when the environment variable <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, port or not.
    /// </summary>
    public int? MetricsPort { get; set; }

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

    /// <summary>
    /// Most client connections open at once, over all endpoints; one more is closed at once (the client sees
    /// UNAVAILABLE and may retry). Null or 0 (the default) derives it from the process's file-descriptor limit
    /// (RLIMIT_NOFILE, <c>ulimit -n</c>): that limit less the descriptors open at start less 1/4 of it (at least 128),
    /// so the server never runs out of descriptors; 4096 where the limit cannot be read.
    /// </summary>
    public int? MaxConnections { get; set; }

    /// <summary>
    /// How long a new connection may take to send its opening bytes (HTTP/2's 24-byte preface; the first byte on the
    /// gRPC-Web port) before it is closed: silent sockets do not hold descriptors. Zero or less disables. Default 10 s.
    /// </summary>
    public TimeSpan ConnectionPrefaceTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After this long without a frame from the client, the server sends an HTTP/2 PING; a client that does not answer
    /// within <see cref="KeepAlivePingTimeout"/> is gone (its machine vanished, its network was cut) and its connection
    /// is closed, which starts its handles' lease. Living clients answer by themselves, idle or not. Zero or less
    /// disables. Default 30 s.
    /// </summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a client has to answer a keep-alive PING (see <see cref="KeepAlivePingDelay"/>). Default 20 s.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Most bytes one map of plain values may decode to: CreateEnvironment's kwargs and vector_kwargs, Reset's options
    /// (tensor data, strings and keys, plus 16 bytes per value). More is RESOURCE_EXHAUSTED. Default 4 MiB.
    /// </summary>
    public long MaxArgumentBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>Longest string or dict key in kwargs and options, in UTF-8 bytes; longer is RESOURCE_EXHAUSTED. Default 64 KiB.</summary>
    public int MaxStringBytes { get; set; } = 64 * 1024;

    /// <summary>Deepest nesting of dicts, tuples and lists in kwargs and options; deeper is INVALID_ARGUMENT. Default 32.</summary>
    public int MaxValueDepth { get; set; } = 32;

    /// <summary>
    /// Most memory all open handles may take together, by each environment's estimate (state per copy times copies,
    /// tables such as FrozenLake's transitions); CreateEnvironment beyond it is RESOURCE_EXHAUSTED naming this budget.
    /// Null or 0 (the default) allows half the memory available to the process (the machine's, or the container's
    /// limit).
    /// </summary>
    public long? MaxHandleMemoryBytes { get; set; }

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
    /// How long a shared-memory attachment (AttachSharedMemory) waits for its client to connect to the doorbell and
    /// send the token; past it the segment is freed. Default 10 s.
    /// </summary>
    public TimeSpan SharedMemoryAttachTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a shared-memory doorbell thread polls for the next frame after answering one before it sleeps: a
    /// lock-step client rings again within microseconds, and waking a sleeping thread costs more than a small step.
    /// The poll occupies a core for at most this long per step; zero sleeps at once. Default 50 µs.
    /// </summary>
    public TimeSpan SharedMemorySpin { get; set; } = TimeSpan.FromMicroseconds(50);

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
