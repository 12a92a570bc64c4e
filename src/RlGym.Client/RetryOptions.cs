namespace RlGym.Client;

/// <summary>
/// How a <see cref="RemoteEnv"/> (or <see cref="RemoteVectorEnv"/>) re-sends a request whose fate is unknown: no answer
/// came (<c>UNAVAILABLE</c>, a connection lost under the call, a Session stream that ended before answering, or the
/// client's own <see cref="RemoteEnvOptions.Deadline"/> passing). Such a request is re-sent, reconnecting as needed,
/// after waits of <see cref="Backoff"/> doubling up to <see cref="MaxBackoff"/> (each drawn between half and all of
/// that), until it is answered or <see cref="Budget"/> has passed. Resets and steps keep their sequence number, so the
/// server answers a request it already applied from its stored result instead of applying it twice. A reset or step
/// still unanswered when the budget runs out throws, but stays pending: the next reset or step first re-sends it (with
/// a fresh budget) and then goes on with the next number, so the environment works again once the server is
/// reachable. Errors the server answered (a bad action, a step before reset) are never retried.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>
    /// Wall time for re-sending one request, from its first failure (so an attempt that hung until its deadline is still
    /// re-sent); once it has passed, the connection error surfaces. An attempt already under way runs until answered or
    /// until its deadline.
    /// </summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Re-sends after the first attempt at most (within <see cref="Budget"/>); 0 disables retrying.</summary>
    public int MaxRetries { get; init; } = int.MaxValue;

    /// <summary>Wait before the first re-send; later waits double (with jitter).</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Upper bound on any single wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// No retries: every failure surfaces at once. A reset or step left unanswered is still re-sent (once) before the
    /// next one, so the sequence numbers stay in step.
    /// </summary>
    public static RetryOptions None { get; } = new() { MaxRetries = 0, Budget = TimeSpan.Zero };
}
