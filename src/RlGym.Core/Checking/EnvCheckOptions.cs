namespace RlGym.Core.Checking;

/// <summary>Settings of <see cref="EnvChecker"/>; the defaults suit every built-in environment.</summary>
public sealed record EnvCheckOptions
{
    /// <summary>Seed for resets and for the action space that picks random actions.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Steps of the random-action run (episodes are reset as they end).</summary>
    public int RandomSteps { get; init; } = 200;

    /// <summary>Steps compared between two fresh environments in the determinism check.</summary>
    public int DeterminismSteps { get; init; } = 100;

    /// <summary>Steps rendered after reset in each render-mode check.</summary>
    public int RenderSteps { get; init; } = 3;

    /// <summary>
    /// The time limit the own-time-limit check assumes when the environment has no spec (or its spec has none); null
    /// skips that check in that case.
    /// </summary>
    public int? MaxEpisodeSteps { get; init; }

    /// <summary>
    /// Whether to check that the bare environment does not truncate by itself. Turn it off where the bare environment
    /// cannot be reached (a remote environment is wrapped by the server's time limit).
    /// </summary>
    public bool CheckOwnTimeLimit { get; init; } = true;

    /// <summary>The bare environment is run for this many times the time limit without ever reporting truncation.</summary>
    public int TimeLimitFactor { get; init; } = 2;

    /// <summary>When set, every <c>rgb_array</c> frame must have this height and width.</summary>
    public (int Height, int Width)? ExpectedFrameSize { get; init; }

    /// <summary>Copies of the soa variant compared with scalar environments (copy i against one seeded <c>Seed + i</c>).</summary>
    public int VariantCopies { get; init; } = 8;

    /// <summary>
    /// Steps of the soa comparison, random actions, ended copies autoresetting (next-step); raised to the time limit
    /// plus two where that is longer, so that the autoreset after a truncation is compared too.
    /// </summary>
    public int VariantSteps { get; init; } = 300;

    /// <summary>Copies of each run of the fast comparison (the fast variant and the exact one).</summary>
    public int FastCopies { get; init; } = 64;

    /// <summary>
    /// Episodes each copy contributes to the fast comparison: its first ones, so the sample is not biased towards
    /// short episodes by where the run stops.
    /// </summary>
    public int FastEpisodesPerCopy { get; init; } = 8;

    /// <summary>
    /// How many standard errors of their difference the fast and exact variants' mean episode length and mean return may
    /// differ by. At 4, a correct fast variant (the same distribution, other random numbers) fails with probability
    /// about 6e-5 per statistic (normal approximation), while with the default 512 episodes a side a rule that shifts a
    /// mean by 0.4 standard deviations of the episode statistic is caught 99 times in 100.
    /// </summary>
    public double FastTolerance { get; init; } = 4.0;
}
