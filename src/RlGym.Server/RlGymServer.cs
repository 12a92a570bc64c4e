using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using RlGym.Core.Registration;
using RlGym.Server.Backends;
using RlGym.Server.Connections;
using RlGym.Server.Dashboard;
using RlGym.Server.Errors;
using RlGym.Server.Security;
using RlGym.Server.Sessions;
using RlGym.Server.Telemetry;

namespace RlGym.Server;

/// <summary>
/// Builds the RlGym gRPC server: Kestrel with a cleartext HTTP/2 endpoint (and optionally a Unix socket and a gRPC-Web
/// HTTP/1.1 port, with CORS for the configured origins, and the browser dashboard at <c>/</c> of that port), the
/// rlgym.v1.Environments service, grpc.health.v1 and server reflection, and OpenTelemetry metrics (Prometheus text on a
/// metrics port, OTLP when configured).
/// </summary>
/// <example>
/// <code>
/// var app = RlGymServer.Create(args, registry, o => o.Port = 0);
/// await app.StartAsync();
/// Uri address = RlGymServer.GetAddress(app);
/// </code>
/// </example>
public static partial class RlGymServer
{
    /// <summary>The service name health checks report for the Environments service.</summary>
    public const string HealthServiceName = "rlgym.v1.Environments";

    /// <summary>The CORS policy of the gRPC-Web endpoints, built from <see cref="RlGymServerOptions.CorsOrigins"/>.</summary>
    public const string CorsPolicyName = "rlgym-grpc-web";

    /// <summary>Request headers a gRPC-Web client sends (the API key header is added to them).</summary>
    private static readonly string[] GrpcWebRequestHeaders = ["content-type", "x-grpc-web", "x-user-agent", "grpc-timeout", "authorization"];

    /// <summary>Response headers a gRPC-Web client must be able to read.</summary>
    private static readonly string[] GrpcWebExposedHeaders = ["grpc-status", "grpc-message", "grpc-status-details-bin"];

    /// <summary>The <c>ConnectionContext.Items</c> key marking connections accepted on the metrics port.</summary>
    private static readonly object MetricsConnection = new();

    /// <summary>The <c>ConnectionContext.Items</c> key marking connections accepted on the gRPC-Web port.</summary>
    private static readonly object GrpcWebConnection = new();

    /// <summary>
    /// A builder with every RlGym service registered and Kestrel configured from <see cref="RlGymServerOptions"/>
    /// (configuration section <c>RlGym</c>, then <paramref name="configure"/>). Add to it (e.g. replace the
    /// <see cref="IGpuRuntimeProvider"/>), then call <see cref="Build"/>.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, EnvRegistry registry, Action<RlGymServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var builder = WebApplication.CreateBuilder(args);
        var optionsBuilder = builder.Services.AddOptions<RlGymServerOptions>().Bind(builder.Configuration.GetSection(RlGymServerOptions.SectionName));
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.Validate(o => o.MaxHandles > 0 && o.MaxCopiesPerHandle > 0 && o.MaxTotalCopies > 0, "RlGym limits must be positive.");
        optionsBuilder.Validate(o => o.ApiKeys.All(k => !string.IsNullOrWhiteSpace(k.Key)), "Every RlGym:ApiKeys entry needs a non-empty Key.");
        optionsBuilder.Validate(o => o.ApiKeys.Select(k => k.Key).Distinct(StringComparer.Ordinal).Count() == o.ApiKeys.Count, "RlGym:ApiKeys lists the same Key twice.");
        optionsBuilder.Validate(o => !string.IsNullOrWhiteSpace(o.ApiKeyHeader), "RlGym:ApiKeyHeader must name a header.");
        optionsBuilder.Validate(o => o.MaxConnections is null or >= 0 && o.MaxHandleMemoryBytes is null or >= 0, "RlGym:MaxConnections and RlGym:MaxHandleMemoryBytes must not be negative (0 or unset derives them).");
        optionsBuilder.Validate(o => o.MetricsPort is null or (> 0 and <= 65535) && o.MetricsPort != o.Port && (o.MetricsPort is null || o.MetricsPort != o.GrpcWebPort),
            "RlGym:MetricsPort must be a port in [1, 65535] other than the gRPC and gRPC-Web ports.");
        optionsBuilder.Validate(o => o.CorsOrigins.Count == 0 || o.GrpcWebPort is not null,
            "RlGym:CorsOrigins lets browsers call the gRPC-Web port; set RlGym:GrpcWebPort (--grpc-web-port) too.");
        optionsBuilder.Validate(o => o.CorsOrigins.All(IsOrigin),
            "Every RlGym:CorsOrigins entry must be an origin such as https://lab.example.org or http://localhost:5173 (scheme, host, optional port; no path), or *.");
        optionsBuilder.Validate(o => o.MaxArgumentBytes > 0 && o.MaxStringBytes > 0 && o.MaxValueDepth > 0, "RlGym:MaxArgumentBytes, MaxStringBytes and MaxValueDepth must be positive.");

        builder.Services.AddSingleton(registry);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EnvironmentCatalog>();
        builder.Services.AddSingleton<IGpuRuntimeProvider, CudaRuntimeProvider>();
        builder.Services.AddSingleton<IVectorEnvFactory, VectorEnvFactory>();
        builder.Services.AddSingleton<HandleStore>();
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddSingleton<ClientConnections>();
        builder.Services.AddSingleton<ConnectionGuard>();
        AdmitConnectionsAtAccept(builder.Services);
        builder.Services.AddSingleton<ApiKeyAuthenticator>();
        builder.Services.AddHostedService<HandleSweeper>();
        builder.Services.AddHostedService<ShutdownDrain>();
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<RlGymServerOptions>>(
            (host, rl) => host.ShutdownTimeout = (rl.Value.ShutdownGracePeriod > TimeSpan.Zero ? rl.Value.ShutdownGracePeriod : TimeSpan.Zero) + ShutdownDrain.StopAllowance);

        builder.Services.AddGrpc();
        // grpc-dotnet answers a request that does not parse UNKNOWN before any interceptor runs: bind the generated
        // services with deserializers that answer INVALID_ARGUMENT instead (ParseErrorsServiceMethodProvider).
        builder.Services.RemoveAll(typeof(Grpc.AspNetCore.Server.Model.IServiceMethodProvider<>));
        builder.Services.AddSingleton(typeof(Grpc.AspNetCore.Server.Model.IServiceMethodProvider<>), typeof(ParseErrorsServiceMethodProvider<>));
        builder.Services.AddOptions<Grpc.AspNetCore.Server.GrpcServiceOptions>().Configure<IOptions<RlGymServerOptions>>((grpc, rl) =>
        {
            grpc.MaxReceiveMessageSize = rl.Value.MaxReceiveMessageBytes;
            grpc.MaxSendMessageSize = rl.Value.MaxSendMessageBytes;
            grpc.Interceptors.Add<ErrorInterceptor>();
            grpc.Interceptors.Add<ApiKeyInterceptor>();
        });
        builder.Services.AddGrpcReflection();
        // The only health check is DrainHealthCheck, Unhealthy by design while draining; the health check service
        // would log that as an error on every probe.
        builder.Logging.AddFilter(typeof(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService).Namespace + ".DefaultHealthCheckService", LogLevel.Critical);
        // grpc-dotnet logs every call answered with an error status at Information, detail and all: a client can
        // fill the log with failing calls. ErrorMapping logs client errors at Debug and server faults at Error.
        builder.Logging.AddFilter("Grpc.AspNetCore.Server.ServerCallHandler", LogLevel.Warning);
        builder.Services.AddGrpcHealthChecks(o => o.Services.Map(HealthServiceName, _ => true)).AddCheck<DrainHealthCheck>("rlgym");
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<RlGymServerOptions>>((cors, rl) => cors.AddPolicy(CorsPolicyName, policy =>
        {
            var origins = rl.Value.CorsOrigins.Select(o => o.TrimEnd('/')).ToArray();
            _ = origins.Contains("*") ? policy.AllowAnyOrigin() : policy.WithOrigins(origins);
            policy.WithMethods("POST")
                .WithHeaders([.. GrpcWebRequestHeaders, rl.Value.ApiKeyHeader])
                .WithExposedHeaders(GrpcWebExposedHeaders)
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        }));
        AddMetrics(builder, configure);

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var options = kestrel.ApplicationServices.GetRequiredService<IOptions<RlGymServerOptions>>().Value;
            ConfigureKestrel(kestrel, options, kestrel.ApplicationServices.GetRequiredService<ClientConnections>(),
                kestrel.ApplicationServices.GetRequiredService<ConnectionGuard>());
        });
        return builder;
    }

    /// <summary>Builds the app from <paramref name="builder"/> and maps the gRPC services (and gRPC-Web when enabled).</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        var options = app.Services.GetRequiredService<IOptions<RlGymServerOptions>>().Value;
        if (!string.IsNullOrEmpty(options.PluginsPath))
        {
            Plugins.PluginLoader.Load(options.PluginsPath, app.Services.GetRequiredService<EnvRegistry>(),
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Plugins.PluginLoader).FullName!));
        }

        if (options.MetricsPort is not null)
        {
            // Only connections accepted on the metrics port reach the exporter; anything else there is 404.
            app.MapWhen(
                context => AcceptedOn(context, MetricsConnection),
                metrics => metrics.UseOpenTelemetryPrometheusScrapingEndpoint());
        }

        if (options.GrpcWebPort is not null && options.Dashboard)
        {
            // The page is for browsers, which reach the server on the gRPC-Web port; its calls go back there, same origin.
            app.MapWhen(
                context => AcceptedOn(context, GrpcWebConnection) && DashboardFiles.Serves(context.Request.Path),
                dashboard => dashboard.Run(DashboardFiles.ServeAsync));
        }

        var cors = options.GrpcWebPort is not null && options.CorsOrigins.Count > 0;
        if (options.GrpcWebPort is not null)
        {
            app.UseGrpcWeb();
        }

        if (cors)
        {
            app.UseCors();
        }

        app.Use(app.Services.GetRequiredService<ServerMetrics>().CountFailedCalls);
        var environments = app.MapGrpcService<EnvironmentsService>();
        var health = app.MapGrpcHealthChecksService();
        if (options.GrpcWebPort is not null)
        {
            environments.EnableGrpcWeb();
            health.EnableGrpcWeb();
        }

        if (cors)
        {
            environments.RequireCors(CorsPolicyName);
            health.RequireCors(CorsPolicyName);
        }

        app.MapGrpcReflectionService();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RlGymServer).FullName!);
            foreach (var address in GetAddresses(app))
            {
                LogListening(logger, address);
            }
        });
        return app;
    }

    /// <summary><see cref="CreateBuilder"/> then <see cref="Build"/>.</summary>
    public static WebApplication Create(string[] args, EnvRegistry registry, Action<RlGymServerOptions>? configure = null) =>
        Build(CreateBuilder(args, registry, configure));

    /// <summary>Every address the started app listens on, e.g. <c>http://127.0.0.1:50051</c> and <c>http://unix:/tmp/rlgym.sock</c>.</summary>
    public static IReadOnlyList<string> GetAddresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var feature = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        return feature?.Addresses.ToArray() ?? [];
    }

    /// <summary>The gRPC (HTTP/2, TCP) address of the started app, with the port actually bound (useful with port 0).</summary>
    /// <exception cref="InvalidOperationException">The app has not been started.</exception>
    public static Uri GetAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<RlGymServerOptions>>().Value;
        var tcp = GetAddresses(app)
            .Where(a => a.StartsWith("http://", StringComparison.Ordinal) && !a.StartsWith("http://unix:", StringComparison.Ordinal))
            .Select(a => new Uri(a))
            .ToArray();
        var grpc = tcp.FirstOrDefault(u => (options.GrpcWebPort is not { } web || web == 0 || u.Port != web) && u.Port != options.MetricsPort)
            ?? throw new InvalidOperationException("The server is not listening yet; call StartAsync first.");
        // A wildcard bind is reported as http://[::]:port or http://0.0.0.0:port; clients connect through loopback.
        return grpc.Host is "[::]" or "0.0.0.0" ? new UriBuilder(grpc) { Host = "127.0.0.1" }.Uri : grpc;
    }

    private static void ConfigureKestrel(KestrelServerOptions kestrel, RlGymServerOptions options, ClientConnections connections, ConnectionGuard guard)
    {
        // Large batched messages: windows of several MB keep a 64 MiB message from stalling on flow control.
        kestrel.Limits.Http2.InitialConnectionWindowSize = 16 * 1024 * 1024;
        kestrel.Limits.Http2.InitialStreamWindowSize = 8 * 1024 * 1024;
        kestrel.Limits.Http2.MaxFrameSize = (16 * 1024 * 1024) - 1;
        kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;

        // Kestrel's 30 MB request body cap would cut unary messages below MaxReceiveMessageBytes (and a Session
        // stream after 30 MB in total); gRPC's per-message limit is the one that applies.
        kestrel.Limits.MaxRequestBodySize = null;

        // Handles are leased to the gRPC connections of their clients (HandleLease): those endpoints tell
        // ClientConnections when a connection opens and closes. Kestrel closes a connection that has had no request
        // for KeepAliveTimeout (130 s), which would end the lease of a living but idle client: keep connections for at
        // least as long as handles may stay idle.
        // Connections are a bounded resource (ConnectionGuard: MaxConnections over all client endpoints, checked at
        // accept by AdmittingListenerFactory, and silent sockets closed after ConnectionPrefaceTimeout); dead peers are found by keep-alive pings, which living clients
        // answer however idle they are.
        if (options.KeepAlivePingDelay > TimeSpan.Zero)
        {
            kestrel.Limits.Http2.KeepAlivePingDelay = options.KeepAlivePingDelay;
            kestrel.Limits.Http2.KeepAlivePingTimeout = options.KeepAlivePingTimeout > TimeSpan.Zero ? options.KeepAlivePingTimeout : Timeout.InfiniteTimeSpan;
        }

        Action<ListenOptions> grpc = listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.Use(guard.Http2);
        };
        if (options.HandleLease > TimeSpan.Zero)
        {
            grpc += listen => listen.Use(connections.Track);
            if (options.HandleIdleTimeout <= TimeSpan.Zero)
            {
                kestrel.Limits.KeepAliveTimeout = Timeout.InfiniteTimeSpan;
            }
            else if (options.HandleIdleTimeout > kestrel.Limits.KeepAliveTimeout)
            {
                kestrel.Limits.KeepAliveTimeout = options.HandleIdleTimeout;
            }
        }

        // Cleartext gRPC needs HTTP/2 only: with Http1AndHttp2 and no TLS, Kestrel answers HTTP/1.1 (see PITFALLS).
        Listen(kestrel, options.Host, options.Port, grpc);
        if (options.GrpcWebPort is { } webPort)
        {
            // Untracked: browsers open and close HTTP/1.1 connections as they like, so a gRPC-Web connection
            // closing says nothing about its page; handles used over gRPC-Web rely on the idle timeout.
            Listen(kestrel, options.Host, webPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(guard.Http1);
                Mark(listen, GrpcWebConnection);
            });
        }

        if (options.MetricsPort is { } metricsPort)
        {
            // Unguarded and untracked: a scraper is not a client, and its connections are not counted as ones.
            Listen(kestrel, options.Host, metricsPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                Mark(listen, MetricsConnection);
            });
        }

        if (!string.IsNullOrEmpty(options.UnixSocketPath))
        {
            UnixSocketFile.Prepare(options.UnixSocketPath);
            kestrel.ListenUnixSocket(options.UnixSocketPath, grpc);
        }
    }

    /// <summary>
    /// Puts <see cref="AdmittingListenerFactory"/> in place of Kestrel's socket transport, which it wraps: the connection
    /// limit is checked as sockets are accepted.
    /// </summary>
    private static void AdmitConnectionsAtAccept(IServiceCollection services)
    {
        services.AddSingleton<SocketTransportFactory>();
        var admitting = ServiceDescriptor.Singleton<IConnectionListenerFactory, AdmittingListenerFactory>();
        var index = services.ToList().FindIndex(d => d.ServiceType == typeof(IConnectionListenerFactory) && d.ImplementationType == typeof(SocketTransportFactory));
        if (index >= 0)
        {
            services[index] = admitting;
        }
        else
        {
            services.Add(admitting);
        }
    }

    /// <summary>
    /// OpenTelemetry metrics from <see cref="ServerMetrics.MeterName"/>: the Prometheus exporter when
    /// <see cref="RlGymServerOptions.MetricsPort"/> is set, OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is (the
    /// exporter reads the other <c>OTEL_*</c> variables itself); neither, and nothing listens to the instruments.
    /// </summary>
    private static void AddMetrics(WebApplicationBuilder builder, Action<RlGymServerOptions>? configure)
    {
        // Exporters must be registered before the container is built, so the options are read here, as they will be.
        var options = new RlGymServerOptions();
        builder.Configuration.GetSection(RlGymServerOptions.SectionName).Bind(options);
        configure?.Invoke(options);
        var prometheus = options.MetricsPort is not null;
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!prometheus && !otlp)
        {
            return;
        }

        var serviceNamed = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => _ = serviceNamed ? resource : resource.AddService("rlgym"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ServerMetrics.MeterName);
                if (prometheus)
                {
                    // A scrape sees the counts of that moment (the exporter caches responses for 300 ms by default).
                    metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
    }

    /// <summary>Whether <paramref name="origin"/> is <c>*</c> or a browser origin: http(s), host, optional port, nothing else.</summary>
    private static bool IsOrigin(string origin) =>
        origin == "*"
        || (Uri.TryCreate(origin.TrimEnd('/'), UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https"
            && uri.PathAndQuery == "/" && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo));

    /// <summary>Marks every connection <paramref name="listen"/> accepts with <paramref name="key"/> (see <see cref="AcceptedOn"/>).</summary>
    private static void Mark(ListenOptions listen, object key) => listen.Use(next => connection =>
    {
        connection.Items[key] = true;
        return next(connection);
    });

    /// <summary>Whether the request came on a connection <see cref="Mark"/> marked with <paramref name="key"/>.</summary>
    private static bool AcceptedOn(HttpContext context, object key) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(key) is true;

    private static void Listen(KestrelServerOptions kestrel, string host, int port, Action<ListenOptions> configure)
    {
        switch (host)
        {
            case "*" or "0.0.0.0" or "+":
                kestrel.ListenAnyIP(port, configure);
                break;
            case "localhost":
                kestrel.Listen(IPAddress.Loopback, port, configure);
                break;
            default:
                var address = IPAddress.TryParse(host, out var parsed)
                    ? parsed
                    : throw new OptionsValidationException(RlGymServerOptions.SectionName, typeof(RlGymServerOptions),
                        [$"RlGym:Host '{host}' is not an IP address; use an address such as 127.0.0.1, localhost or 0.0.0.0."]);
                kestrel.Listen(address, port, configure);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {Address}")]
    private static partial void LogListening(ILogger logger, string address);
}
