using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RlGym.Core.Registration;
using RlGym.Server;

namespace RlGym.Cli;

/// <summary>A started RlGym server (for <c>serve</c> and <c>bench</c>), stopped when disposed.</summary>
internal sealed class ServerRunner : IAsyncDisposable
{
    private ServerRunner(WebApplication app)
    {
        App = app;
        Address = RlGymServer.GetAddress(app).ToString().TrimEnd('/');
    }

    /// <summary>The running app.</summary>
    public WebApplication App { get; }

    /// <summary>The gRPC (HTTP/2) address, e.g. <c>http://127.0.0.1:50051</c>, with the port actually bound.</summary>
    public string Address { get; }

    /// <summary>Builds and starts a server for <paramref name="registry"/>.</summary>
    /// <param name="registry">The environments to serve.</param>
    /// <param name="configure">Overrides applied after appsettings.json and environment variables.</param>
    /// <param name="minimumLogLevel">
    /// Least severe log entry written. ASP.NET Core logs every request at Information, which costs more than a
    /// CartPole step, so <c>Microsoft.AspNetCore</c> is held at Warning at least.
    /// </param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<ServerRunner> StartAsync(
        EnvRegistry registry, Action<RlGymServerOptions> configure, LogLevel minimumLogLevel, CancellationToken cancellationToken)
    {
        var builder = RlGymServer.CreateBuilder([], registry, configure);
        builder.Logging.SetMinimumLevel(minimumLogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", minimumLogLevel > LogLevel.Warning ? minimumLogLevel : LogLevel.Warning);

        // A start that fails (a port in use) is thrown to the command, which prints it as one line; the host's own
        // "Hosting failed to start" entry would print it again with a stack trace. Critical entries (a background
        // service stopping the host) still show.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        var app = RlGymServer.Build(builder);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new ServerRunner(app);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Options for an in-process server on a free loopback port.</summary>
    public static void Loopback(RlGymServerOptions options)
    {
        options.Host = "127.0.0.1";
        options.Port = 0;
    }

    /// <summary>
    /// Every address the server listens on, as clients write them: <c>unix:///path</c> for sockets, and the gRPC-Web
    /// port marked <c>(gRPC-Web)</c> or <c>(gRPC-Web, dashboard at /)</c>, the metrics port <c>(metrics)</c>.
    /// </summary>
    public IReadOnlyList<string> ListeningAddresses()
    {
        var options = App.Services.GetRequiredService<IOptions<RlGymServerOptions>>().Value;
        var webPort = options.GrpcWebPort;
        var web = options.Dashboard ? " (gRPC-Web, dashboard at /)" : " (gRPC-Web)";
        return RlGymServer.GetAddresses(App)
            .Select(a => a.StartsWith("http://unix:", StringComparison.Ordinal)
                ? "unix://" + a["http://unix:".Length..]
                : a.TrimEnd('/') + (webPort is { } port && new Uri(a).Port == port ? web
                    : new Uri(a).Port == options.MetricsPort ? " (metrics)" : ""))
            .ToArray();
    }

    /// <summary>Waits until <paramref name="cancellationToken"/> is cancelled or the host is told to stop (SIGTERM), then stops.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => App.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server (letting in-flight calls finish within the grace period) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
    }
}
