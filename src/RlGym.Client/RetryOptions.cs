namespace RlGym.Client;

/// <summary>
/// How a <see cref="RemoteEnv"/> retries a request that failed transiently (<c>UNAVAILABLE</c>, or a Session stream
/// that ended before answering). Resets and steps are retried with their original sequence number, so the server
/// answers a request it already applied from its stored result instead of applying it twice.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Wait before the first retry; later waits grow exponentially (with jitter).</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound on any single wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>No retries: every failure surfaces at once.</summary>
    public static RetryOptions None { get; } = new() { MaxRetries = 0 };
}
