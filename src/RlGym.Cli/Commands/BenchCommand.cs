using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RlGym.Client;
using RlGym.Core;
using RlGym.Environments;

namespace RlGym.Cli.Commands;

/// <summary>
/// <c>rlgym bench [--env CartPole-v1] [--seconds 3] [--warmup 3] [--json]</c>: steps per second of one environment
/// stepped locally (bare, through the registry's Make), and remotely from the C# client over unary calls, over the
/// Session stream and over shared memory (<c>--transport</c> picks which; default all three) against an in-process
/// server on a loopback port, with p50/p99 step latency. <c>--json</c> prints exactly one JSON object: <c>env</c>,
/// <c>seconds</c>, <c>warmup</c>, <c>processor_count</c>, and <c>local</c>, <c>unary</c>, <c>stream</c>, <c>shm</c> (those
/// timed), each an object with <c>steps_per_second</c>, <c>steps</c>, <c>cpu_us_per_step</c>
/// (processor time of the whole process, client and server together, per step: a figure that holds up on a busy
/// machine), <c>p50_us</c> and <c>p99_us</c> (null for <c>local</c>, whose steps are too short to time one by one).
/// With <c>--vector</c> (or <c>--num-envs N...</c>) it measures vector environments instead (see <see cref="VectorBench"/>);
/// with <c>--soak</c>, many concurrent clients for a minute (see <see cref="SoakBench"/>).
/// </summary>
internal sealed class BenchCommand : Command
{
    private const int ActionCount = 4096;

    private static readonly string[] RemoteTransports = ["unary", "stream", "shm"];

    private readonly Option<string> _env = new("--env") { Description = "Environment id.", DefaultValueFactory = _ => "CartPole-v1" };
    private readonly Option<double> _seconds = new("--seconds") { Description = "Timed seconds per mode.", DefaultValueFactory = _ => 3.0, CustomParser = CliValues.PositiveSeconds };
    private readonly Option<double> _warmup = new("--warmup") { Description = "Untimed seconds per mode first (JIT, connections).", DefaultValueFactory = _ => 3.0, CustomParser = CliValues.NonNegativeSeconds };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object instead of a table." };
    private readonly Option<bool> _vector = new("--vector") { Description = "Measure vector environments (env-steps/s per batch size) instead of one environment." };
    private readonly Option<int[]> _numEnvs = new("--num-envs")
    {
        Description = "Batch sizes for --vector (default 1 64 1024 4096 16384 65536).",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = CliValues.Counts,
    };

    private readonly Option<string[]> _modes = new("--modes")
    {
        Description = "Modes for --vector (default all): soa fast gpu gpu_cpu sync parallel remote_tcp remote_uds (Session stream) remote_shm (shared memory).",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = CliValues.SomeOf(VectorBench.AllModes),
    };

    private readonly Option<string[]> _transports = new("--transport")
    {
        Description = "Remote transports timed for one environment (default all): unary stream shm (shared memory, same host).",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = CliValues.SomeOf(RemoteTransports),
    };

    private readonly Option<string> _remoteVectorization = new("--remote-vectorization")
    {
        Description = "How the server steps the remote_tcp / remote_uds copies: soa (exact, the default) or fast (float32).",
        DefaultValueFactory = _ => "soa",
        CustomParser = CliValues.OneOf("soa", "fast"),
    };

    private readonly Option<bool> _soak = new("--soak")
    {
        Description = "Soak: --clients concurrent clients (own channel, Session stream and env each) step for --seconds (default 60); prints steps/s, p50/p99, errors and RSS over time.",
    };

    private readonly Option<int> _clients = new("--clients") { Description = "Concurrent clients for --soak.", DefaultValueFactory = _ => SoakBench.DefaultClients, CustomParser = CliValues.Count };
    private readonly Option<string?> _server = new("--server") { Description = "Address of a running server for --soak (default: one started in this process)." };
    private readonly Option<int?> _serverPid = new("--server-pid") { Description = "Process id of the --server on this machine, to sample its RSS.", CustomParser = CliValues.OptionalCount };

    public BenchCommand()
        : base("bench", "Measure steps/s locally and remotely (gRPC unary and stream, shared memory) against an in-process server.")
    {
        Add(_env);
        Add(_seconds);
        Add(_warmup);
        Add(_json);
        Add(_vector);
        Add(_numEnvs);
        Add(_modes);
        Add(_transports);
        Add(_remoteVectorization);
        Add(_soak);
        Add(_clients);
        Add(_server);
        Add(_serverPid);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var id = parseResult.GetValue(_env)!;
        var seconds = parseResult.GetValue(_seconds);
        var warmup = parseResult.GetValue(_warmup);

        var registry = BuiltInEnvironments.CreateRegistry();
        if (parseResult.GetValue(_soak))
        {
            var clients = parseResult.GetValue(_clients);
            var soakSeconds = parseResult.GetResult(_seconds) is null or { Implicit: true } ? SoakBench.DefaultSeconds : seconds;
            return await SoakBench.RunAsync(
                registry, id, clients, soakSeconds, warmup, parseResult.GetValue(_server), parseResult.GetValue(_serverPid),
                parseResult.GetValue(_json), output, cancellationToken).ConfigureAwait(false);
        }

        if (parseResult.GetValue(_vector) || parseResult.GetResult(_numEnvs) is not null || parseResult.GetResult(_modes) is not null)
        {
            var sizes = parseResult.GetValue(_numEnvs) is { Length: > 0 } given ? given : VectorBench.DefaultSizes;
            var modes = parseResult.GetValue(_modes) is { Length: > 0 } chosen ? chosen : VectorBench.AllModes;
            var remoteVectorization = parseResult.GetValue(_remoteVectorization)!;
            return await VectorBench.RunAsync(
                registry, id, sizes, modes, seconds, warmup, parseResult.GetValue(_json), output, cancellationToken, remoteVectorization).ConfigureAwait(false);
        }

        BenchResult local;
        object[] actions;
        using (var env = registry.Make(id))
        {
            actions = SampleActions(env);
            var step = 0L;
            env.ResetObject(seed: 0);
            Run(env, actions, ref step, warmup, latencies: null, block: 64, cancellationToken);
            local = Time(env, actions, ref step, seconds, timeEachStep: false, cancellationToken);
        }

        var transports = parseResult.GetValue(_transports) is { Length: > 0 } picked ? RemoteTransports.Where(picked.Contains).ToArray() : RemoteTransports;
        BenchResult[] remote;
        await using (var server = await ServerRunner.StartAsync(registry, ServerRunner.Loopback, LogLevel.Warning, cancellationToken).ConfigureAwait(false))
        {
            // RemoteEnv blocks its caller until the answer comes. On a thread-pool thread that takes a worker from the
            // server and the HTTP/2 loops that produce the answer (2 cores: half the pool), so measure on own threads.
            // Every transport warms up before any is timed: they share the server's code, whose JIT would
            // otherwise still be settling while the first one is timed. Shared memory attaches on this host whatever
            // the address (the doorbell is an abstract Unix socket).
            remote = await Task.Factory.StartNew(
                () =>
                {
                    var envs = transports.Select(t => RemoteEnv.Make(id, new RemoteEnvOptions { Address = server.Address, Transport = Parse(t) })).ToArray();
                    try
                    {
                        var step = 0L;
                        foreach (var env in envs)
                        {
                            env.ResetObject(seed: 0);
                            Run(env, actions, ref step, warmup, latencies: null, block: 1, cancellationToken);
                        }

                        return envs.Select(env => Time(env, actions, ref step, seconds, timeEachStep: true, cancellationToken)).ToArray();
                    }
                    finally
                    {
                        foreach (var env in envs)
                        {
                            env.Dispose();
                        }
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
        }

        if (parseResult.GetValue(_json))
        {
            var json = new Dictionary<string, object?>
            {
                ["env"] = id,
                ["seconds"] = seconds,
                ["warmup"] = warmup,
                ["processor_count"] = Environment.ProcessorCount,
                ["local"] = local.ToJson(),
            };
            for (var i = 0; i < transports.Length; i++)
            {
                json[transports[i]] = remote[i].ToJson();
            }

            output.WriteLine(JsonSerializer.Serialize(json));
        }
        else
        {
            output.WriteLine($"{id}: {seconds.ToString(CultureInfo.InvariantCulture)} s per mode after {warmup.ToString(CultureInfo.InvariantCulture)} s warm-up, {Environment.ProcessorCount} cores");
            var table = new Table("mode", "steps/s", "p50 µs", "p99 µs", "CPU µs/step");
            table.Add("local (Make)", local.StepsPerSecondText, local.P50Text, local.P99Text, local.CpuText);
            for (var i = 0; i < transports.Length; i++)
            {
                table.Add($"remote {transports[i]}", remote[i].StepsPerSecondText, remote[i].P50Text, remote[i].P99Text, remote[i].CpuText);
            }

            table.Write(output);
        }

        return 0;
    }

    private static RemoteTransport Parse(string transport) => transport switch
    {
        "unary" => RemoteTransport.Unary,
        "shm" => RemoteTransport.Shm,
        _ => RemoteTransport.Stream,
    };

    /// <summary>Actions drawn up front from the seeded action space, so the sampler is not part of the timing.</summary>
    private static object[] SampleActions(IEnv env)
    {
        env.ActionSpace.Seed(0);
        return Enumerable.Range(0, ActionCount).Select(_ => env.ActionSpace.SampleObject()).ToArray();
    }

    /// <summary>
    /// Steps for the timed window. With <paramref name="timeEachStep"/> each step is timed for the percentiles;
    /// without it (local, where a step costs less than reading the clock) only the window is.
    /// </summary>
    private static BenchResult Time(IEnv env, object[] actions, ref long step, double seconds, bool timeEachStep, CancellationToken cancellationToken)
    {
        var latencies = timeEachStep ? new List<long>(1 << 16) : null;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var (steps, elapsed) = Run(env, actions, ref step, seconds, latencies, timeEachStep ? 1 : 64, cancellationToken);
        process.Refresh();
        return BenchResult.From(steps, elapsed, process.TotalProcessorTime - cpuBefore, latencies);
    }

    /// <summary>Steps (resetting when an episode ends) for <paramref name="seconds"/>, reading the clock every <paramref name="block"/> steps.</summary>
    private static (long Steps, TimeSpan Elapsed) Run(
        IEnv env, object[] actions, ref long step, double seconds, List<long>? latencies, int block, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(seconds * Stopwatch.Frequency);
        var now = start;
        var first = step;
        while (now < end && !cancellationToken.IsCancellationRequested)
        {
            for (var i = 0; i < block; i++)
            {
                var result = env.StepObject(actions[step++ % actions.Length]);
                if (result.Terminated || result.Truncated)
                {
                    env.ResetObject();
                }
            }

            var after = Stopwatch.GetTimestamp();
            latencies?.Add(after - now);
            now = after;
        }

        return (step - first, Stopwatch.GetElapsedTime(start, now));
    }

    /// <summary>Throughput and latency percentiles of one mode (each timed step includes a reset when one was due).</summary>
    private sealed record BenchResult(long Steps, double StepsPerSecond, double CpuMicrosecondsPerStep, double? P50Microseconds, double? P99Microseconds)
    {
        public string StepsPerSecondText => StepsPerSecond.ToString("N0", CultureInfo.InvariantCulture);

        public string P50Text => P50Microseconds?.ToString("F1", CultureInfo.InvariantCulture) ?? "-";

        public string P99Text => P99Microseconds?.ToString("F1", CultureInfo.InvariantCulture) ?? "-";

        public string CpuText => CpuMicrosecondsPerStep.ToString("F2", CultureInfo.InvariantCulture);

        public static BenchResult From(long steps, TimeSpan elapsed, TimeSpan cpu, List<long>? latencies)
        {
            latencies?.Sort();
            return new BenchResult(
                steps,
                elapsed > TimeSpan.Zero ? steps / elapsed.TotalSeconds : 0,
                steps > 0 ? cpu.TotalMicroseconds / steps : 0,
                latencies is null ? null : Percentile(latencies, 0.50),
                latencies is null ? null : Percentile(latencies, 0.99));
        }

        public Dictionary<string, object?> ToJson() => new()
        {
            ["steps_per_second"] = Math.Round(StepsPerSecond, 1),
            ["steps"] = Steps,
            ["cpu_us_per_step"] = Math.Round(CpuMicrosecondsPerStep, 3),
            ["p50_us"] = P50Microseconds is { } p50 ? Math.Round(p50, 2) : null,
            ["p99_us"] = P99Microseconds is { } p99 ? Math.Round(p99, 2) : null,
        };

        private static double Percentile(List<long> sorted, double p)
        {
            if (sorted.Count == 0)
            {
                return 0;
            }

            var index = Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1);
            return sorted[index] * 1e6 / Stopwatch.Frequency;
        }
    }
}
