using Grpc.Core;

namespace RlGym.Client.Transport;

/// <summary>
/// Runs an attempt again while it fails without an answer (<see cref="RemoteErrors.IsUnanswered"/>), after
/// exponentially growing, jittered waits, until it is answered or <see cref="RetryOptions.Budget"/> has passed since its
/// first failure; then the last failure surfaces. Any other failure surfaces at once.
/// </summary>
internal sealed class Retrier(RetryOptions options, TimeProvider time, Random random)
{
    private long _retries;

    /// <summary>Re-sends so far, over all requests (tests and diagnostics).</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>
    /// Runs <paramref name="attempt"/> with <paramref name="state"/> until it is answered or the budget is spent
    /// (<see cref="RetryOptions.Budget"/>, or <paramref name="budget"/> when that is shorter).
    /// </summary>
    public TResponse Run<TState, TResponse>(Func<TState, TResponse> attempt, TState state, TimeSpan? budget = null)
    {
        long? firstFailure = null;
        for (var retry = 0; ; retry++)
        {
            try
            {
                return attempt(state);
            }
            catch (RpcException e) when (RemoteErrors.IsUnanswered(e))
            {
                // The budget runs from the first failure, so an attempt that hung until its deadline is still re-sent.
                firstFailure ??= time.GetTimestamp();
                if (NextWait(retry, time.GetElapsedTime(firstFailure.Value), budget) is not { } wait)
                {
                    throw;
                }

                Interlocked.Increment(ref _retries);
                if (wait > TimeSpan.Zero)
                {
                    Task.Delay(wait, time).GetAwaiter().GetResult();
                }
            }
        }
    }

    /// <summary>
    /// The wait before re-send number <paramref name="retry"/> + 1 (0 for the first): <see cref="RetryOptions.Backoff"/>
    /// doubled per earlier re-send, at most <see cref="RetryOptions.MaxBackoff"/>, times a random factor in [0.5, 1),
    /// and never past the budget (<paramref name="budget"/> when shorter); null when no re-send is left (retries or budget
    /// used up).
    /// </summary>
    internal TimeSpan? NextWait(int retry, TimeSpan elapsed, TimeSpan? budget = null)
    {
        var left = (budget is { } shorter && shorter < options.Budget ? shorter : options.Budget) - elapsed;
        if (retry >= options.MaxRetries || left <= TimeSpan.Zero)
        {
            return null;
        }

        var ceiling = options.Backoff * Math.Pow(2, Math.Min(retry, 30));
        if (ceiling > options.MaxBackoff)
        {
            ceiling = options.MaxBackoff;
        }

        var wait = ceiling * (0.5 + (0.5 * random.NextDouble()));
        return wait < left ? wait : left;
    }
}
