using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RlGym.Server.Telemetry;

namespace RlGym.Server.Connections;

/// <summary>
/// Connections as a bounded resource. At most <see cref="RlGymServerOptions.MaxConnections"/> connections are open at
/// once over all client endpoints: <see cref="AdmittingListenerFactory"/> asks <see cref="TryAdmit"/> as each socket is
/// accepted and closes one more at once, before Kestrel dispatches it, so a burst of connects never holds more
/// descriptors than the limit allows. And a connection that has not sent its opening bytes (HTTP/2's 24-byte preface,
/// or HTTP/1.1's first byte) within <see cref="RlGymServerOptions.ConnectionPrefaceTimeout"/> is closed by the
/// middleware <see cref="Http2"/> / <see cref="Http1"/>. Both are logged at Warning at most once a minute, with the
/// count since the last entry.
/// </summary>
internal sealed partial class ConnectionGuard
{
    /// <summary>Bytes of the HTTP/2 client connection preface, <c>PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n</c>.</summary>
    public const int Http2PrefaceLength = 24;

    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly ILogger<ConnectionGuard> _logger;
    private readonly ServerMetrics _metrics;
    private readonly TimeSpan _prefaceTimeout;
    private readonly RateLimitedCount _refused;
    private readonly RateLimitedCount _timedOut;
    private int _open;

    public ConnectionGuard(IOptions<RlGymServerOptions> options, TimeProvider time, ILogger<ConnectionGuard> logger, ServerMetrics metrics)
    {
        _time = time;
        _logger = logger;
        _metrics = metrics;
        var value = options.Value;
        MaxConnections = value.MaxConnections is > 0 and var max ? max : FileDescriptors.DefaultMaxConnections();
        _prefaceTimeout = value.ConnectionPrefaceTimeout;
        _refused = new RateLimitedCount(time);
        _timedOut = new RateLimitedCount(time);
    }

    /// <summary>The connection limit in effect (configured, or derived from the file-descriptor limit).</summary>
    public int MaxConnections { get; }

    /// <summary>Connections open now (admitted and not yet disposed, including those still waiting for their preface).</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>
    /// Admits one more connection, or counts and (rate-limited) logs a refusal when <see cref="MaxConnections"/> are
    /// open. Every admitted connection is given back with <see cref="Release"/>.
    /// </summary>
    public bool TryAdmit()
    {
        if (Interlocked.Increment(ref _open) > MaxConnections)
        {
            Interlocked.Decrement(ref _open);
            if (_refused.Add() is { } refused)
            {
                LogRefused(_logger, refused, MaxConnections);
            }

            return false;
        }

        _metrics.ConnectionsChanged(1);
        return true;
    }

    /// <summary>Gives back a connection <see cref="TryAdmit"/> admitted.</summary>
    public void Release()
    {
        Interlocked.Decrement(ref _open);
        _metrics.ConnectionsChanged(-1);
    }

    /// <summary>Middleware for an HTTP/2 endpoint: the 24-byte preface within the timeout.</summary>
    public ConnectionDelegate Http2(ConnectionDelegate next) => Guard(next, Http2PrefaceLength);

    /// <summary>Middleware for an HTTP/1.1 endpoint (gRPC-Web): a first byte within the timeout.</summary>
    public ConnectionDelegate Http1(ConnectionDelegate next) => Guard(next, 1);

    private ConnectionDelegate Guard(ConnectionDelegate next, int openingBytes) => async context =>
    {
        if (_prefaceTimeout > TimeSpan.Zero && await ReceivedAsync(context, openingBytes).ConfigureAwait(false) is not true and var received)
        {
            context.Abort(new ConnectionAbortedException("The client sent no complete connection preface in time."));
            if (received is false && _timedOut.Add() is { } timedOut)
            {
                LogTimedOut(_logger, timedOut, _prefaceTimeout);
            }

            return;
        }

        await next(context).ConfigureAwait(false);
    };

    /// <summary>
    /// Waits until <paramref name="count"/> bytes have arrived (or the client closed its side) without consuming
    /// them, so Kestrel reads them next: true; false when the preface timeout ended first; null when the client
    /// went away first.
    /// </summary>
    private async Task<bool?> ReceivedAsync(ConnectionContext context, int count)
    {
        using var timeout = new CancellationTokenSource(_prefaceTimeout, _time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.ConnectionClosed);
        var input = context.Transport.Input;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(stop.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (buffer.Length >= count || result.IsCompleted || result.IsCanceled)
                {
                    // Nothing consumed and nothing examined: Kestrel's first read returns these bytes at once.
                    input.AdvanceTo(buffer.Start);
                    return true;
                }

                // Nothing consumed, all examined: the next read waits for more bytes.
                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (OperationCanceledException)
        {
            return timeout.IsCancellationRequested ? false : null;
        }
        catch (Exception e) when (e is IOException or ConnectionResetException or ConnectionAbortedException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Refused {Count} connections since the last report: the server's connection limit MaxConnections = {Max} is reached")]
    private static partial void LogRefused(ILogger logger, long count, int max);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Closed {Count} connections since the last report that sent no connection preface within ConnectionPrefaceTimeout = {Timeout}")]
    private static partial void LogTimedOut(ILogger logger, long count, TimeSpan timeout);

    /// <summary>Counts events and says, at most once a minute, how many there were since it last said so.</summary>
    private sealed class RateLimitedCount(TimeProvider time)
    {
        private readonly Lock _lock = new();
        private long _count;
        private DateTimeOffset _lastReport = DateTimeOffset.MinValue;

        /// <summary>Counts one event; the count to report (and resets it) when a report is due, else null.</summary>
        public long? Add()
        {
            lock (_lock)
            {
                _count++;
                var now = time.GetUtcNow();
                if (now - _lastReport < LogInterval)
                {
                    return null;
                }

                _lastReport = now;
                var count = _count;
                _count = 0;
                return count;
            }
        }
    }
}
