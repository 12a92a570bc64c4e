using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RlGym.Client;
using RlGym.Core.Registration;

namespace RlGym.Cli.Commands;

/// <summary>
/// <c>rlgym bench --soak [--clients 64] [--seconds 60] [--env CartPole-v1] [--server ADDR [--server-pid PID]] [--json]</c>:
/// N concurrent clients, each with its own channel, Session stream and environment (a C# <see cref="RemoteEnv"/>),
/// step in lock step (a reset when an episode ends) against a server started in this process, or the one at
/// <c>--server</c>. Prints total steps/s, p50/p99 step latency, resets and errors, and a time series (every 5 s, or a
/// quarter of the run when shorter) of steps/s, the resident set size and the GC heap. In process, RSS and GC heap
/// are those of the one process that holds the server and the clients; with <c>--server</c> they are the clients'
/// own, plus the server's RSS when <c>--server-pid</c> names its process on this machine.
/// </summary>
internal static class SoakBench
{
    /// <summary>Clients by default.</summary>
    public const int DefaultClients = 64;

    /// <summary>Timed seconds by default (a soak, unlike the 3 s of the other modes).</summary>
    public const double DefaultSeconds = 60;

    private const int ActionCount = 4096;
    private const int Running = 1;
    private const int Stopped = 2;

    /// <summary>Runs the soak and prints its table (or one JSON object); returns the exit code.</summary>
    public static async Task<int> RunAsync(
        EnvRegistry registry,
        string id,
        int clients,
        double seconds,
        double warmup,
        string? serverAddress,
        int? serverPid,
        bool json,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        ServerRunner? server = null;
        try
        {
            if (serverAddress is null)
            {
                server = await ServerRunner.StartAsync(registry, ServerRunner.Loopback, LogLevel.Warning, cancellationToken).ConfigureAwait(false);
            }

            var address = serverAddress ?? server!.Address;
            var result = await Task.Factory.StartNew(
                () => Soak(id, clients, seconds, warmup, address, serverPid, cancellationToken),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
            Write(result, id, clients, seconds, warmup, serverAddress, serverPid, json, output);
            return result.Steps > 0 ? 0 : 1;
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static SoakResult Soak(string id, int clients, double seconds, double warmup, string address, int? serverPid, CancellationToken cancellationToken)
    {
        var state = new SoakState(clients);
        using var ready = new CountdownEvent(clients);
        var threads = new Thread[clients];
        for (var c = 0; c < clients; c++)
        {
            var client = c;
            threads[c] = new Thread(() => Client(client, id, address, state, ready)) { IsBackground = true, Name = $"soak client {client}" };
            threads[c].Start();
        }

        // Every client has made its env (or failed to) before the warm-up starts.
        ready.Wait(cancellationToken);
        Sleep(warmup, cancellationToken);
        state.StartTiming();
        var interval = Math.Min(5.0, seconds / 4);
        var samples = new List<Sample>();
        var start = Stopwatch.GetTimestamp();
        var lastSteps = 0L;
        var lastTime = 0.0;
        var count = (int)Math.Ceiling((seconds / interval) - 1e-9);
        for (var k = 1; k <= count && !cancellationToken.IsCancellationRequested; k++)
        {
            var target = Math.Min(seconds, k * interval);
            double now;
            while ((now = Stopwatch.GetElapsedTime(start).TotalSeconds) < target && !cancellationToken.IsCancellationRequested)
            {
                Sleep(Math.Max(target - now, 0.001), cancellationToken);
            }

            var steps = state.TotalSteps();
            samples.Add(new Sample(now, (steps - lastSteps) / (now - lastTime), Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: false), ServerRss(serverPid)));
            (lastSteps, lastTime) = (steps, now);
        }

        var timed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        state.Stop();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        var latencies = state.Latencies.SelectMany(l => l).ToArray();
        Array.Sort(latencies);
        return new SoakResult(
            state.TotalSteps(),
            timed,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            state.TotalResets(),
            state.TotalErrors(),
            state.FirstError,
            samples);
    }

    /// <summary>One client: make the env, then step with sampled actions (resetting at episode ends) until stopped.</summary>
    private static void Client(int client, string id, string address, SoakState state, CountdownEvent ready)
    {
        RemoteEnv? env = null;
        var signalled = false;
        try
        {
            env = RemoteEnv.Make(id, new RemoteEnvOptions { Address = address, Transport = RemoteTransport.Stream });
            env.ActionSpace.Seed((ulong)client);
            var actions = Enumerable.Range(0, ActionCount).Select(_ => env.ActionSpace.SampleObject()).ToArray();
            env.ResetObject(seed: (ulong)client);
            ready.Signal();
            signalled = true;
            var latencies = state.Latencies[client];
            for (var step = 0L; state.Phase != Stopped; step++)
            {
                var timing = state.Phase == Running;
                try
                {
                    var before = Stopwatch.GetTimestamp();
                    var result = env.StepObject(actions[step % ActionCount]);
                    var after = Stopwatch.GetTimestamp();
                    if (timing)
                    {
                        latencies.Add(after - before);
                        state.Steps[client].Value++;
                    }

                    if (result.Terminated || result.Truncated)
                    {
                        env.ResetObject();
                        if (timing)
                        {
                            state.Resets[client].Value++;
                        }
                    }
                }
                catch (Exception e)
                {
                    // Counted and reported; the client goes on (its env resets at the next episode end or error).
                    state.Error(client, e);
                    Thread.Sleep(100);
                    TryReset(env);
                }
            }
        }
        catch (Exception e)
        {
            state.Error(client, e);
        }
        finally
        {
            if (!signalled)
            {
                ready.Signal();
            }

            env?.Dispose();
        }
    }

    private static void TryReset(RemoteEnv env)
    {
        try
        {
            env.ResetObject();
        }
        catch (Exception)
        {
            // The next step fails and counts again.
        }
    }

    private static void Write(SoakResult result, string id, int clients, double seconds, double warmup, string? serverAddress, int? serverPid, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["env"] = id,
                ["clients"] = clients,
                ["seconds"] = seconds,
                ["warmup"] = warmup,
                ["processor_count"] = Environment.ProcessorCount,
                ["server"] = serverAddress ?? "in-process",
                ["steps"] = result.Steps,
                ["steps_per_second"] = Math.Round(result.StepsPerSecond, 1),
                ["p50_us"] = Math.Round(result.P50Microseconds, 1),
                ["p99_us"] = Math.Round(result.P99Microseconds, 1),
                ["resets"] = result.Resets,
                ["errors"] = result.Errors,
                ["first_error"] = result.FirstError,
                ["samples"] = result.Samples.Select(s => new Dictionary<string, object?>
                {
                    ["t_s"] = Math.Round(s.Seconds, 2),
                    ["steps_per_second"] = Math.Round(s.StepsPerSecond, 1),
                    ["rss_mib"] = Math.Round(Mib(s.Rss), 1),
                    ["gc_heap_mib"] = Math.Round(Mib(s.GcHeap), 1),
                    ["server_rss_mib"] = s.ServerRss is { } rss ? Math.Round(Mib(rss), 1) : null,
                }).ToArray(),
            }));
            return;
        }

        var where = serverAddress is null ? "server in this process" : $"server {serverAddress}";
        output.WriteLine(
            $"{id} soak: {clients} clients (own channel, Session stream and env each, lock step), {F(seconds, "0.##")} s after {F(warmup, "0.##")} s warm-up, {Environment.ProcessorCount} cores, {where}");
        var totals = new Table("clients", "steps", "steps/s", "p50 µs", "p99 µs", "resets", "errors");
        totals.Add(
            clients.ToString(CultureInfo.InvariantCulture),
            result.Steps.ToString("N0", CultureInfo.InvariantCulture),
            result.StepsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
            F(result.P50Microseconds, "F1"),
            F(result.P99Microseconds, "F1"),
            result.Resets.ToString("N0", CultureInfo.InvariantCulture),
            result.Errors.ToString("N0", CultureInfo.InvariantCulture));
        totals.Write(output);
        if (result.FirstError is { } first)
        {
            output.WriteLine($"first error: {first}");
        }

        output.WriteLine();
        var memory = serverAddress is null ? "process (server and clients)" : "this process (clients)";
        output.WriteLine($"over time; RSS and GC heap of {memory}{(serverPid is null ? "" : $", server RSS of process {serverPid}")}:");
        string[] headers = serverPid is null
            ? ["t s", "steps/s", "RSS MiB", "GC heap MiB"]
            : ["t s", "steps/s", "RSS MiB", "GC heap MiB", "server RSS MiB"];
        var series = new Table(headers);
        foreach (var s in result.Samples)
        {
            string[] cells = [F(s.Seconds, "F1"), s.StepsPerSecond.ToString("N0", CultureInfo.InvariantCulture), F(Mib(s.Rss), "F1"), F(Mib(s.GcHeap), "F1")];
            series.Add(serverPid is null ? cells : [.. cells, s.ServerRss is { } rss ? F(Mib(rss), "F1") : "-"]);
        }

        series.Write(output);
    }

    private static long? ServerRss(int? pid)
    {
        if (pid is not { } id)
        {
            return null;
        }

        try
        {
            using var process = Process.GetProcessById(id);
            return process.WorkingSet64;
        }
        catch (ArgumentException)
        {
            // The process has exited.
            return null;
        }
    }

    private static void Sleep(double seconds, CancellationToken cancellationToken)
    {
        if (seconds > 0)
        {
            cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(seconds));
        }
    }

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)] * 1e6 / Stopwatch.Frequency;

    private static double Mib(long bytes) => bytes / (1024.0 * 1024);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A point of the time series: seconds into the timed run, steps/s since the previous point, memory.</summary>
    private sealed record Sample(double Seconds, double StepsPerSecond, long Rss, long GcHeap, long? ServerRss);

    private sealed record SoakResult(
        long Steps, double Seconds, double P50Microseconds, double P99Microseconds, long Resets, long Errors, string? FirstError, List<Sample> Samples)
    {
        public double StepsPerSecond => Seconds > 0 ? Steps / Seconds : 0;
    }

    /// <summary>A counter per client, written by that client's thread and read by the sampler.</summary>
    private sealed class Counter
    {
        public long Value;
    }

    /// <summary>What the clients share: the phase (warm-up, timed, stopped), per-client counters and latencies, the first error.</summary>
    private sealed class SoakState(int clients)
    {
        private readonly Lock _lock = new();
        private int _phase;

        public int Phase => Volatile.Read(ref _phase);

        public Counter[] Steps { get; } = Enumerable.Range(0, clients).Select(_ => new Counter()).ToArray();

        public Counter[] Resets { get; } = Enumerable.Range(0, clients).Select(_ => new Counter()).ToArray();

        public Counter[] Errors { get; } = Enumerable.Range(0, clients).Select(_ => new Counter()).ToArray();

        public List<long>[] Latencies { get; } = Enumerable.Range(0, clients).Select(_ => new List<long>(1 << 14)).ToArray();

        public string? FirstError { get; private set; }

        public void StartTiming() => Volatile.Write(ref _phase, Running);

        public void Stop() => Volatile.Write(ref _phase, Stopped);

        public long TotalSteps() => Steps.Sum(c => Volatile.Read(ref c.Value));

        public long TotalResets() => Resets.Sum(c => Volatile.Read(ref c.Value));

        public long TotalErrors() => Errors.Sum(c => Volatile.Read(ref c.Value));

        public void Error(int client, Exception e)
        {
            Interlocked.Increment(ref Errors[client].Value);
            lock (_lock)
            {
                FirstError ??= $"client {client}: {e.GetType().Name}: {e.Message}";
            }
        }
    }
}
