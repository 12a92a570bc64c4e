using System.CommandLine;
using Microsoft.Extensions.Logging;
using RlGym.Environments;
using RlGym.Server;
using RlGym.Server.Security;

namespace RlGym.Cli.Commands;

/// <summary>
/// <c>rlgym serve [--host 127.0.0.1] [--port 50051] [--uds PATH] [--grpc-web-port N] [--no-dashboard] [--plugins DIR] [--api-key KEY ...]
/// [--handle-lease SECONDS] [--max-connections N] [--connection-timeout SECONDS] [--metrics-port N] [--cors-origin ORIGIN ...]</c>: serves every
/// built-in environment, and those of the plugins in DIR, over gRPC (plus grpc.health.v1 and reflection) until Ctrl+C or SIGTERM;
/// with --grpc-web-port also over gRPC-Web, with the browser dashboard at <c>http://HOST:N/</c> unless --no-dashboard. Settings come from
/// appsettings.json and environment variables (section <c>RlGym</c>, e.g. <c>RlGym__Port=50052</c>); an option given
/// here overrides them. Prints <c>Listening on ADDRESS</c> for each address once the server accepts calls; a server that
/// cannot start (a port in use, a file that is not a socket at the --uds path) prints why and exits with code 1.
/// </summary>
internal sealed class ServeCommand : Command
{
    private readonly Option<string> _host = new("--host") { Description = "IP address to listen on (0.0.0.0 for every interface). Default 127.0.0.1." };
    private readonly Option<int> _port = new("--port") { Description = "TCP port for gRPC (HTTP/2); 0 picks a free one. Default 50051.", CustomParser = CliValues.Port };
    private readonly Option<string> _uds = new("--uds")
    {
        Description = "Also listen on this Unix domain socket path (a stale socket there is replaced; any other file is an error).",
    };

    private readonly Option<int> _maxConnections = new("--max-connections")
    {
        Description = "Most client connections at once (configuration RlGym:MaxConnections); more are closed at once. "
            + "Default: derived from the file-descriptor limit (ulimit -n).",
        CustomParser = CliValues.Count,
    };

    private readonly Option<double> _connectionTimeout = new("--connection-timeout")
    {
        Description = "Seconds a new connection may take to send its HTTP/2 preface before it is closed "
            + "(configuration RlGym:ConnectionPrefaceTimeout); 0 disables. Default 10.",
        CustomParser = CliValues.NonNegativeSeconds,
    };
    private readonly Option<string> _plugins = new("--plugins") { Description = "Also serve the environments of the plugins in this folder (configuration RlGym:PluginsPath)." };
    private readonly Option<int> _grpcWebPort = new("--grpc-web-port")
    {
        Description = "Also serve gRPC-Web (HTTP/1.1, unary calls) on this port, and the browser dashboard at http://HOST:N/.",
        CustomParser = CliValues.Port,
    };

    private readonly Option<bool> _noDashboard = new("--no-dashboard")
    {
        Description = "Do not serve the browser dashboard on the gRPC-Web port (configuration RlGym:Dashboard=false).",
    };

    private readonly Option<int> _metricsPort = new("--metrics-port")
    {
        Description = "Serve Prometheus metrics at http://HOST:N/metrics (configuration RlGym:MetricsPort; see docs/containers.md).",
        CustomParser = CliValues.Port,
    };

    private readonly Option<string[]> _corsOrigins = new("--cors-origin")
    {
        Description = "Let browser pages from this origin (e.g. http://localhost:5173, or *) call the gRPC-Web port; repeat for several "
            + "(configuration RlGym:CorsOrigins). Default: none.",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<double> _handleLease = new("--handle-lease")
    {
        Description = "Seconds a handle outlives its client's connection before it is closed (configuration RlGym:HandleLease); 0 disables. Default 10.",
        CustomParser = CliValues.NonNegativeSeconds,
    };

    private readonly Option<string[]> _apiKeys = new("--api-key")
    {
        Description = "Require this API key (header x-api-key) on every environment call; repeat for several keys. "
            + "Keys limited to some environments are configured as RlGym:ApiKeys (see docs/protocol.md).",
        AllowMultipleArgumentsPerToken = false,
    };

    public ServeCommand()
        : base("serve", "Serve the built-in environments over gRPC until Ctrl+C.")
    {
        Add(_host);
        Add(_port);
        Add(_uds);
        Add(_grpcWebPort);
        Add(_noDashboard);
        Add(_corsOrigins);
        Add(_metricsPort);
        Add(_plugins);
        Add(_apiKeys);
        Add(_handleLease);
        Add(_maxConnections);
        Add(_connectionTimeout);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        ServerRunner server;
        try
        {
            server = await ServerRunner.StartAsync(
                BuiltInEnvironments.CreateRegistry(), options => Override(parseResult, options), LogLevel.Information, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (CliErrors.IsUserError(e) && !cancellationToken.IsCancellationRequested)
        {
            return CliErrors.Report(e, parseResult, parseResult.InvocationConfiguration.Error);
        }

        await using var running = server;
        foreach (var address in server.ListeningAddresses())
        {
            output.WriteLine($"Listening on {address}");
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Options given on the command line win over configuration; absent ones leave it alone.</summary>
    private void Override(ParseResult parseResult, RlGymServerOptions options)
    {
        if (parseResult.GetResult(_host) is not null)
        {
            options.Host = parseResult.GetValue(_host)!;
        }

        if (parseResult.GetResult(_port) is not null)
        {
            options.Port = parseResult.GetValue(_port);
        }

        if (parseResult.GetResult(_uds) is not null)
        {
            options.UnixSocketPath = parseResult.GetValue(_uds);
        }

        if (parseResult.GetResult(_plugins) is not null)
        {
            options.PluginsPath = parseResult.GetValue(_plugins);
        }

        if (parseResult.GetResult(_grpcWebPort) is not null)
        {
            options.GrpcWebPort = parseResult.GetValue(_grpcWebPort);
        }

        if (parseResult.GetValue(_noDashboard))
        {
            options.Dashboard = false;
        }

        if (parseResult.GetResult(_metricsPort) is not null)
        {
            options.MetricsPort = parseResult.GetValue(_metricsPort);
        }

        foreach (var origin in parseResult.GetValue(_corsOrigins) ?? [])
        {
            options.CorsOrigins.Add(origin);
        }

        if (parseResult.GetResult(_handleLease) is not null)
        {
            options.HandleLease = TimeSpan.FromSeconds(parseResult.GetValue(_handleLease));
        }

        if (parseResult.GetResult(_maxConnections) is not null)
        {
            options.MaxConnections = parseResult.GetValue(_maxConnections);
        }

        if (parseResult.GetResult(_connectionTimeout) is not null)
        {
            options.ConnectionPrefaceTimeout = TimeSpan.FromSeconds(parseResult.GetValue(_connectionTimeout));
        }

        foreach (var key in parseResult.GetValue(_apiKeys) ?? [])
        {
            options.ApiKeys.Add(new ApiKeyOptions { Key = key });
        }
    }
}
