using Grpc.Core;

namespace RlGym.Client.Transport;

/// <summary>
/// A per-request deadline enforced by cancelling the call rather than sent as a gRPC deadline (which makes both ends
/// arm a timer per call: tens of microseconds of CPU per step). One token source is re-armed for every request.
/// </summary>
internal sealed class CallDeadline(TimeSpan? limit) : IDisposable
{
    private CancellationTokenSource? _timeout;

    /// <summary>True when the current request ran out of time.</summary>
    public bool Expired => _timeout is { IsCancellationRequested: true };

    /// <summary>Starts the clock for one request; the token cancels when the limit passes (never without a limit).</summary>
    public CancellationToken Arm()
    {
        if (limit is not { } time)
        {
            return CancellationToken.None;
        }

        _timeout ??= new CancellationTokenSource();
        _timeout.CancelAfter(time);
        return _timeout.Token;
    }

    /// <summary>Stops the clock after an answer; a source that cannot be reset is dropped and made anew next time.</summary>
    public void Disarm()
    {
        if (_timeout is { } timeout && !timeout.TryReset())
        {
            Dispose();
        }
    }

    /// <summary>The DEADLINE_EXCEEDED status for a request that ran out of time; the clock is dropped.</summary>
    public RpcException Exceeded(string what)
    {
        Dispose();
        return new RpcException(new Status(StatusCode.DeadlineExceeded, $"The server did not answer {what} within {limit}."));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _timeout?.Dispose();
        _timeout = null;
    }
}
