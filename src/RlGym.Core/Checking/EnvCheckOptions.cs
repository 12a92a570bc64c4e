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
}
