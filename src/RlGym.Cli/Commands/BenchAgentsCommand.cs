using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RlGym.Agents;
using RlGym.Agents.Common;
using RlGym.Cli.Training;
using RlGym.Environments;

namespace RlGym.Cli.Commands;

/// <summary>
/// <c>rlgym bench-agents [--case ALGO:ENV[:THRESHOLD] ...] [--seeds 3] [--eval-every 2000] [--eval-episodes 10]
/// [--total-steps N] [--mode local remote sb3] [--json]</c>: trains each case (default: issue #6's list, see
/// <see cref="AgentBenchCase.Defaults"/>) for each seed, in process, against an in-process server on a loopback
/// port, and (<c>sb3</c>) with Stable-Baselines3 on the same options (<see cref="Sb3Runner"/>), the modes alternated
/// seed by seed so they share the machine's load, evaluating every N env steps, and reports env-steps/s, the env steps and wall seconds at the first evaluation
/// that reached the threshold (evaluation runs in process in both modes), and the final evaluation mean (means over seeds; the seeds that reached the threshold
/// are counted). A run stops at its first evaluation that reaches the threshold unless <c>--full</c> is given.
/// <c>--json</c> prints one object with every run.
/// </summary>
internal sealed class BenchAgentsCommand : Command
{
    private readonly Option<string[]> _cases = new("--case")
    {
        Description = "Cases as ALGO:ENV[:THRESHOLD], e.g. ppo:CartPole-v1 dqn:Acrobot-v1:-100. Default: the issue's benchmark list.",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<int> _seeds = new("--seeds") { Description = "Seeds per case (0, 1, ...). Default 3.", DefaultValueFactory = _ => 3, CustomParser = CliValues.Count };
    private readonly Option<long> _evalEvery = new("--eval-every") { Description = "Evaluate every N env steps. Default 2000.", DefaultValueFactory = _ => 2000, CustomParser = CliValues.LongCount };
    private readonly Option<int> _evalEpisodes = new("--eval-episodes") { Description = "Episodes per evaluation. Default 10.", DefaultValueFactory = _ => 10, CustomParser = CliValues.Count };
    private readonly Option<long?> _totalSteps = new("--total-steps") { Description = "Env steps per run. Default: each algorithm's preset for the environment.", CustomParser = CliValues.OptionalLongCount };
    private readonly Option<string[]> _modes = new("--mode")
    {
        Description = "What trains: local (in process), remote (environments on a loopback server), sb3 (Stable-Baselines3 with the same options, in Python, for the side-by-side ratio). Default local and remote.",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = CliValues.SomeOf("local", "remote", "sb3"),
    };

    private readonly Option<bool> _full = new("--full") { Description = "Train every run to its total steps; by default a run stops at its first evaluation that reaches the threshold." };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object instead of a table." };

    public BenchAgentsCommand()
        : base("bench-agents", "Train the benchmark agents (3 seeds, local and remote) and report env-steps/s and time to the target return.")
    {
        Add(_cases);
        Add(_seeds);
        Add(_evalEvery);
        Add(_evalEpisodes);
        Add(_totalSteps);
        Add(_modes);
        Add(_full);
        Add(_json);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var seeds = parseResult.GetValue(_seeds);
        var evalEvery = parseResult.GetValue(_evalEvery);
        var evalEpisodes = parseResult.GetValue(_evalEpisodes);
        var totalSteps = parseResult.GetValue(_totalSteps);
        var json = parseResult.GetValue(_json);
        var full = parseResult.GetValue(_full);
        var modes = parseResult.GetValue(_modes) is { Length: > 0 } given ? given : ["local", "remote"];
        IReadOnlyList<AgentBenchCase> cases = parseResult.GetValue(_cases) is { Length: > 0 } texts ? texts.Select(AgentBenchCase.Parse).ToArray() : AgentBenchCase.Defaults;
        foreach (var c in cases)
        {
            // Unknown names are usage errors: fail before anything runs.
            Algorithms.Create(c.Algorithm);
            _ = Gym.Registry.Spec(c.EnvId);
        }

        var runs = new List<AgentBenchRun>();
        await using (var server = modes.Contains("remote")
            ? await ServerRunner.StartAsync(BuiltInEnvironments.CreateRegistry(), ServerRunner.Loopback, LogLevel.Warning, cancellationToken).ConfigureAwait(false)
            : null)
        {
            // Training blocks its thread (and remote steps wait on the server): keep it off the server's thread pool.
            await Task.Factory.StartNew(
                () =>
                {
                    foreach (var benchCase in cases)
                    {
                        for (var seed = 0UL; seed < (ulong)seeds && !cancellationToken.IsCancellationRequested; seed++)
                        {
                            foreach (var mode in modes)
                            {
                                var run = mode == "sb3"
                                    ? Sb3Runner.Run(benchCase, Algorithms.Create(benchCase.Algorithm).DescribeOptions(Request(benchCase, null, seed, totalSteps, evalEvery, evalEpisodes, null)), seed, evalEvery, evalEpisodes, full, cancellationToken)
                                    : RunOne(benchCase, mode, new EnvironmentSource(benchCase.EnvId, mode == "remote" ? server!.Address : null), seed, totalSteps, evalEvery, evalEpisodes, full, cancellationToken);
                                runs.Add(run);
                                if (!json)
                                {
                                    output.WriteLine(string.Create(
                                        CultureInfo.InvariantCulture,
                                        $"  {benchCase} {mode} seed {seed}: {run.Steps:N0} steps, {run.WallSeconds:F1} s ({run.CpuSeconds:F1} CPU s), {run.StepsPerSecond:N0} env-steps/s ({run.StepsPerCpuSecond:N0} per CPU s), threshold at {AgentBenchRun.Text(run.StepsToThreshold, "N0")} steps / {AgentBenchRun.Text(run.SecondsToThreshold, "F2")} s, final eval {AgentBenchRun.Text(run.FinalEvalMean, "G5")}{(run.Blas is { } blas ? $", BLAS {blas}" : "")}"));
                                    if (Sb3Runner.IsReferenceBlas(run.Blas))
                                    {
                                        output.WriteLine("    SB3 ran on the reference BLAS, ~16x slower than OpenBLAS at these sizes: run clients/python/benchmarks/fetch-openblas.sh (or set RLGYM_SB3_BLAS) for a fair comparison.");
                                    }
                                }
                            }
                        }
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
        }

        var groups = runs.GroupBy(r => (r.Case, r.Mode)).ToArray();
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["processor_count"] = Environment.ProcessorCount,
                ["seeds"] = seeds,
                ["eval_every"] = evalEvery,
                ["eval_episodes"] = evalEpisodes,
                ["full"] = full,
                ["cases"] = groups.Select(g => new Dictionary<string, object?>
                {
                    ["algorithm"] = g.Key.Case.Algorithm,
                    ["env"] = g.Key.Case.EnvId,
                    ["mode"] = g.Key.Mode,
                    ["threshold"] = g.Key.Case.Threshold,
                    ["reached"] = g.Count(r => r.StepsToThreshold is not null),
                    ["runs"] = g.Select(r => r.ToJson()).ToArray(),
                }).ToArray(),
            }));
        }
        else
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Means over the seeds ({seeds} per case; 'to threshold' over the seeds that reached it), evaluation every {evalEvery:N0} env steps over {evalEpisodes} episodes, {Environment.ProcessorCount} cores"));
            var table = new Table("algorithm", "env", "mode", "threshold", "reached", "env-steps/s", "per CPU s", "steps to thr", "s to thr", "final eval", "steps", "wall s", "CPU s");
            foreach (var g in groups)
            {
                var reached = g.Where(r => r.StepsToThreshold is not null).ToArray();
                var finals = g.Where(r => r.FinalEvalMean is not null).Select(r => r.FinalEvalMean!.Value).ToArray();
                table.Add(
                    g.Key.Case.Algorithm,
                    g.Key.Case.EnvId,
                    g.Key.Mode,
                    AgentBenchRun.Text(g.Key.Case.Threshold, "G4"),
                    $"{reached.Length}/{g.Count()}",
                    g.Average(r => r.StepsPerSecond).ToString("N0", CultureInfo.InvariantCulture),
                    g.Average(r => r.StepsPerCpuSecond).ToString("N0", CultureInfo.InvariantCulture),
                    AgentBenchRun.Text(reached.Length > 0 ? reached.Average(r => r.StepsToThreshold!.Value) : null, "N0"),
                    AgentBenchRun.Text(reached.Length > 0 ? reached.Average(r => r.SecondsToThreshold!.Value) : null, "F2"),
                    AgentBenchRun.Text(finals.Length > 0 ? finals.Average() : null, "G5"),
                    g.Average(r => r.Steps).ToString("N0", CultureInfo.InvariantCulture),
                    g.Average(r => r.WallSeconds).ToString("F1", CultureInfo.InvariantCulture),
                    g.Average(r => r.CpuSeconds).ToString("F1", CultureInfo.InvariantCulture));
            }

            table.Write(output);
            WriteRatios(output, groups);
        }

        return 0;
    }

    /// <summary>
    /// The training request of one run (<paramref name="envs"/> null: only to resolve its options). Evaluation episodes
    /// run in process in every mode: the remote figures measure training over the network, not thousands of
    /// single-step evaluation round trips.
    /// </summary>
    private static TrainRequest Request(
        AgentBenchCase benchCase, EnvironmentSource? envs, ulong seed, long? totalSteps, long evalEvery, int evalEpisodes, MetricRecorder? recorder) => new()
    {
        EnvId = benchCase.EnvId,
        MakeVectorEnv = envs is null ? _ => throw new InvalidOperationException("Options only.") : envs.MakeVector,
        MakeEvalEnv = () => Gym.Make(benchCase.EnvId),
        TotalSteps = totalSteps,
        Seed = seed,
        Overrides = new Dictionary<string, string>(),
        Recorder = recorder,
        EvalEvery = evalEvery,
        EvalEpisodes = evalEpisodes,
    };

    /// <summary>Ours against SB3 per case, where both ran: env-steps/s and wall seconds to the threshold (means over seeds).</summary>
    private static void WriteRatios(TextWriter output, IGrouping<(AgentBenchCase Case, string Mode), AgentBenchRun>[] groups)
    {
        var table = new Table("algorithm", "env", "mode / sb3", "env-steps/s ratio", "wall s to thr ratio");
        foreach (var ours in groups.Where(g => g.Key.Mode != "sb3"))
        {
            if (groups.FirstOrDefault(g => g.Key.Mode == "sb3" && g.Key.Case == ours.Key.Case) is not { } sb3)
            {
                continue;
            }

            static double? ToThreshold(IEnumerable<AgentBenchRun> runs) =>
                runs.Where(r => r.SecondsToThreshold is not null).Select(r => r.SecondsToThreshold!.Value).DefaultIfEmpty(double.NaN).Average() is var s && !double.IsNaN(s) ? s : null;
            var (oursToThreshold, sb3ToThreshold) = (ToThreshold(ours), ToThreshold(sb3));
            table.Add(
                ours.Key.Case.Algorithm,
                ours.Key.Case.EnvId,
                $"{ours.Key.Mode} / sb3",
                (ours.Average(r => r.StepsPerSecond) / sb3.Average(r => r.StepsPerSecond)).ToString("F2", CultureInfo.InvariantCulture) + "x",
                AgentBenchRun.Text(oursToThreshold / sb3ToThreshold, "F2"));
        }

        if (table.Count > 0)
        {
            output.WriteLine("Ours against Stable-Baselines3 (env-steps/s: higher is faster; wall s to the threshold: lower is faster):");
            table.Write(output);
        }
    }

    /// <summary>
    /// Trains one seed of one case (stopping at the threshold unless <paramref name="full"/>) and reads the threshold
    /// crossing off its evaluations.
    /// </summary>
    private static AgentBenchRun RunOne(
        AgentBenchCase benchCase, string mode, EnvironmentSource envs, ulong seed, long? totalSteps, long evalEvery, int evalEpisodes, bool full, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var recorder = full || benchCase.Threshold is not { } bar ? new MetricRecorder() : new MetricRecorder(new ThresholdStop(bar, stop));
        var request = Request(benchCase, envs, seed, totalSteps, evalEvery, evalEpisodes, recorder);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        var result = Algorithms.Create(benchCase.Algorithm).Train(request, stop.Token);
        var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        result.Policy.Dispose();
        var first = benchCase.Threshold is { } threshold ? result.Evaluations.FirstOrDefault(e => e.MeanReturn >= threshold) : null;
        return new AgentBenchRun(
            benchCase, mode, seed, result.Steps, wall, cpu, first?.Step, first?.WallSeconds, result.Evaluations.Count > 0 ? result.Evaluations[^1].MeanReturn : null);
    }
}
