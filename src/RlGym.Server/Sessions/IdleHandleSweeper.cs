using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace RlGym.Server.Sessions;

/// <summary>Periodically closes idle handles (<see cref="HandleStore.CloseIdle"/>), on the injected clock.</summary>
internal sealed class IdleHandleSweeper(HandleStore store, IOptions<RlGymServerOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timeout = options.Value.HandleIdleTimeout;
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        // A tenth of the timeout keeps the overshoot small without waking often.
        var period = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 10, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                store.CloseIdle();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
