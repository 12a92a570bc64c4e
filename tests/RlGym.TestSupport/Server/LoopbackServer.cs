using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using RlGym.Core.Registration;
using RlGym.Server;
using Proto = RlGym.Protocol.V1;

namespace RlGym.TestSupport.Server;

/// <summary>
/// The real RlGym server app on a real Kestrel socket at 127.0.0.1, port 0 (a free port), for tests of anything that
/// talks gRPC to it. Errors the server logs are collected; disposing fails (throws) when any was not expected with
/// <see cref="ExpectErrors"/>, so a test cannot pass while the server logged an unexpected error.
/// </summary>
/// <example>
/// <code>
/// await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry());
/// var client = server.CreateClient();
/// var created = await client.CreateEnvironmentAsync(new() { EnvId = "Corridor-v0" });
/// </code>
/// </example>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CollectingLoggerProvider _logs;
    private readonly List<GrpcChannel> _channels = [];
    private readonly List<Func<string, bool>> _expected = [];
    private readonly Lock _lock = new();

    private LoopbackServer(WebApplication app, CollectingLoggerProvider logs)
    {
        _app = app;
        _logs = logs;
        Address = RlGymServer.GetAddress(app);
        Addresses = RlGymServer.GetAddresses(app);
    }

    /// <summary>The gRPC address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address { get; }

    /// <summary>Every address the server listens on (gRPC first; gRPC-Web and Unix sockets when configured).</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>The running app (its services: <c>App.Services</c>).</summary>
    public WebApplication App => _app;

    /// <summary>Errors the server logged so far.</summary>
    public IReadOnlyList<string> LoggedErrors => _logs.Errors;

    /// <summary>Everything the server logged at information level or above so far.</summary>
    public IReadOnlyList<string> LoggedMessages => _logs.Messages;

    /// <summary>
    /// Starts the server. <paramref name="configure"/> adjusts the options (Host and Port are then forced to
    /// 127.0.0.1:0; ShutdownGracePeriod defaults to zero, so disposing does not wait for handles left open); <paramref name="configureBuilder"/> may replace services, e.g. the <see cref="TimeProvider"/>.
    /// </summary>
    public static async Task<LoopbackServer> StartAsync(
        EnvRegistry registry,
        Action<RlGymServerOptions>? configure = null,
        Action<WebApplicationBuilder>? configureBuilder = null)
    {
        var logs = new CollectingLoggerProvider();
        var builder = RlGymServer.CreateBuilder([], registry, options =>
        {
            // Tests leave handles open and stop the server at once; a test of the drain sets its own grace period.
            options.ShutdownGracePeriod = TimeSpan.Zero;
            configure?.Invoke(options);
            options.Host = "127.0.0.1";
            options.Port = 0;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        configureBuilder?.Invoke(builder);
        var app = RlGymServer.Build(builder);
        await app.StartAsync().ConfigureAwait(false);
        return new LoopbackServer(app, logs);
    }

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago, for a second endpoint (gRPC-Web, metrics).</summary>
    public static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A channel to <see cref="Address"/> (disposed with the server); default limits unless <paramref name="options"/> says otherwise.</summary>
    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null)
    {
        var channel = GrpcChannel.ForAddress(Address, options ?? new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxSendMessageSize = 64 * 1024 * 1024,
        });
        lock (_lock)
        {
            _channels.Add(channel);
        }

        return channel;
    }

    /// <summary>A generated Environments client on a new channel.</summary>
    public Proto.Environments.EnvironmentsClient CreateClient() => new(CreateChannel());

    /// <summary>Waits (20 s at most) until health says NOT_SERVING, as it does once a shutdown's drain has begun.</summary>
    public async Task WaitUntilNotServingAsync()
    {
        var health = new Health.HealthClient(CreateChannel());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await health.CheckAsync(new HealthCheckRequest { Service = RlGymServer.HealthServiceName })).Status
            != HealthCheckResponse.Types.ServingStatus.NotServing)
        {
            Xunit.Assert.True(DateTime.UtcNow < deadline, "health never turned NOT_SERVING after StopAsync began");
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Marks logged errors matching <paramref name="match"/> as expected (e.g. a test of the INTERNAL path).</summary>
    public void ExpectErrors(Func<string, bool> match)
    {
        lock (_lock)
        {
            _expected.Add(match);
        }
    }

    /// <summary>Logged errors no <see cref="ExpectErrors"/> predicate matches.</summary>
    public IReadOnlyList<string> UnexpectedErrors()
    {
        lock (_lock)
        {
            return LoggedErrors.Where(e => !_expected.Any(match => match(e))).ToArray();
        }
    }

    /// <summary>Stops the server and disposes the channels; throws when the server logged unexpected errors.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            foreach (var channel in _channels)
            {
                channel.Dispose();
            }

            _channels.Clear();
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        var unexpected = UnexpectedErrors();
        if (unexpected.Count > 0)
        {
            throw new InvalidOperationException("The server logged unexpected errors:" + Environment.NewLine + string.Join(Environment.NewLine, unexpected));
        }
    }
}
