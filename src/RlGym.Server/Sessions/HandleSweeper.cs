using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace RlGym.Server.Sessions;

/// <summary>
/// Periodically closes expired handles (<see cref="HandleStore.CloseExpired"/>: idle ones, and those whose client's
/// connection is gone), on the injected clock. It keeps running while the server drains before shutdown.
/// </summary>
internal sealed class HandleSweeper(HandleStore store, IOptions<RlGymServerOptions> options, TimeProvider time) : BackgroundService
{
    /// <summary>How often to sweep under <paramref name="options"/>; null when nothing expires.</summary>
    internal static TimeSpan? PeriodFor(RlGymServerOptions options)
    {
        TimeSpan? period = null;
        if (options.HandleIdleTimeout > TimeSpan.Zero)
        {
            // A tenth of the timeout keeps the overshoot small without waking often.
            period = TimeSpan.FromTicks(Math.Clamp(options.HandleIdleTimeout.Ticks / 10, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        }

        if (options.HandleLease > TimeSpan.Zero)
        {
            // A lease ends within about a second (a fifth of a short lease).
            var lease = TimeSpan.FromTicks(Math.Clamp(options.HandleLease.Ticks / 5, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerSecond));
            period = period < lease ? period : lease;
        }

        return period;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (PeriodFor(options.Value) is not { } period)
        {
            return;
        }

        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                store.CloseExpired();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
