using System.Globalization;

namespace RlGym.Cli.Training;

/// <summary>One training run of the agent benchmark: a case, where its environments ran, a seed, and what it reached.</summary>
/// <param name="Case">The algorithm, environment and threshold.</param>
/// <param name="Mode">"local" (in process) or "remote" (a loopback server).</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Steps">Env steps trained.</param>
/// <param name="WallSeconds">Wall time of the whole run (training and its evaluations).</param>
/// <param name="CpuSeconds">
/// Processor time the process used during the run (all threads: the agent, the environments, and in remote mode the
/// in-process server): on a busy machine closer than wall time to what the run costs on an idle one.
/// </param>
/// <param name="StepsToThreshold">Env steps at the first evaluation whose mean reached the threshold; null if none did.</param>
/// <param name="SecondsToThreshold">Wall seconds at that evaluation; null if none did.</param>
/// <param name="FinalEvalMean">Mean return of the last evaluation; null when there was none.</param>
/// <param name="Blas">For an SB3 run, the BLAS library its torch loaded (its speed decides SB3's); null otherwise.</param>
internal sealed record AgentBenchRun(
    AgentBenchCase Case, string Mode, ulong Seed, long Steps, double WallSeconds, double CpuSeconds, long? StepsToThreshold, double? SecondsToThreshold, double? FinalEvalMean,
    string? Blas = null)
{
    /// <summary>Env steps per wall second over the whole run.</summary>
    public double StepsPerSecond => WallSeconds > 0 ? Steps / WallSeconds : 0;

    /// <summary>Env steps per processor second over the whole run.</summary>
    public double StepsPerCpuSecond => CpuSeconds > 0 ? Steps / CpuSeconds : 0;

    /// <summary>The run as a JSON-ready dictionary.</summary>
    public Dictionary<string, object?> ToJson() => new()
    {
        ["seed"] = Seed,
        ["steps"] = Steps,
        ["wall_seconds"] = Math.Round(WallSeconds, 3),
        ["steps_per_second"] = Math.Round(StepsPerSecond, 1),
        ["cpu_seconds"] = Math.Round(CpuSeconds, 3),
        ["steps_per_cpu_second"] = Math.Round(StepsPerCpuSecond, 1),
        ["steps_to_threshold"] = StepsToThreshold,
        ["seconds_to_threshold"] = SecondsToThreshold is { } s ? Math.Round(s, 3) : null,
        ["final_eval_mean"] = FinalEvalMean is { } m ? Math.Round(m, 3) : null,
        ["blas"] = Blas,
    };

    /// <summary>Formats a number for the table, "-" for none.</summary>
    public static string Text(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
