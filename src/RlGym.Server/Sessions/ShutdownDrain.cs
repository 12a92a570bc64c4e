using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RlGym.Server.Sessions;

/// <summary>
/// Graceful shutdown. When the host starts stopping (SIGTERM, <c>docker stop</c>, a Kubernetes pod deletion), before
/// Kestrel stops listening: the server refuses new handles with UNAVAILABLE (clients create them on another replica),
/// health turns NOT_SERVING, and open handles keep working until every one is closed or
/// <see cref="RlGymServerOptions.ShutdownGracePeriod"/> ends. Handles whose client's connection is gone are not
/// waited for: <see cref="HandleSweeper"/> closes them without waiting out their lease. Then Session streams still open
/// end with UNAVAILABLE and the host stops Kestrel, which lets calls in flight finish.
/// </summary>
internal sealed partial class ShutdownDrain(
    HandleStore store, IOptions<RlGymServerOptions> options, TimeProvider time, ILogger<ShutdownDrain> logger, HealthServiceImpl health) : IHostedLifecycleService
{
    /// <summary>Time Kestrel gets after the drain to finish calls in flight, on top of the grace period.</summary>
    public static readonly TimeSpan StopAllowance = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long Session streams ended by the drain get to send their UNAVAILABLE status, and then how long their
    /// clients get to read it, before Kestrel's GOAWAY closes the connections: .NET's HttpClient drops a duplex
    /// stream's unread trailers when the connection closes under it, and the client would see INTERNAL instead.
    /// </summary>
    public static readonly TimeSpan StreamEndWait = TimeSpan.FromSeconds(2);

    /// <inheritdoc cref="StreamEndWait"/>
    public static readonly TimeSpan StreamEndLinger = TimeSpan.FromMilliseconds(250);

    /// <inheritdoc />
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (store.IsDraining)
        {
            return;
        }

        var grace = options.Value.ShutdownGracePeriod;
        var emptied = store.BeginDrain();

        // Check asks the health checks (DrainHealthCheck) each time; Watch streams hear only what is published, and
        // the publisher runs every 30 s: tell them now, so a watching load balancer stops routing at once.
        health.SetStatus("", HealthCheckResponse.Types.ServingStatus.NotServing);
        health.SetStatus(RlGymServer.HealthServiceName, HealthCheckResponse.Types.ServingStatus.NotServing);
        LogDraining(logger, store.Count, grace);
        var graceOver = true;
        try
        {
            await emptied.WaitAsync(grace > TimeSpan.Zero ? grace : TimeSpan.Zero, time, cancellationToken).ConfigureAwait(false);
            graceOver = false;
            LogDrained(logger);
        }
        catch (TimeoutException)
        {
            LogGraceOver(logger, store.Count, grace);
        }
        catch (OperationCanceledException)
        {
            LogStopForced(logger, store.Count);
        }
        finally
        {
            store.EndDrain(graceOver);
        }

        await LetStreamsEndAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task LetStreamsEndAsync(CancellationToken cancellationToken)
    {
        if (store.OpenStreams == 0)
        {
            return;
        }

        try
        {
            var deadline = time.GetUtcNow() + StreamEndWait;
            while (store.OpenStreams > 0 && time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), time, cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(StreamEndLinger, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout is over: stop now.
        }
    }

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: refusing new environments; {Open} open handles may finish within {Grace}")]
    private static partial void LogDraining(ILogger logger, int open, TimeSpan grace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: every handle is closed")]
    private static partial void LogDrained(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutting down: the host stopped waiting before the grace period ended, with {Open} handles still open; they are closed now")]
    private static partial void LogStopForced(ILogger logger, int open);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutting down: the grace period of {Grace} ended with {Open} handles still open; they are closed now")]
    private static partial void LogGraceOver(ILogger logger, int open, TimeSpan grace);
}
