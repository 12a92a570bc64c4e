using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RlGym.Client;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.Vectorized;
using RlGym.Gpu;

namespace RlGym.Cli.Commands;

/// <summary>
/// <c>rlgym bench --vector</c>: env-steps/s (copies x batched steps per second) of one environment id for each batch
/// size N: the structure-of-arrays variant (exact), the fast variant (float32; integer for Breakout), the GPU variant
/// on CUDA (when a device exists) and on ILGPU's CPU accelerator (a debugging backend), the generic sync and parallel
/// vector environments (all local), and a <see cref="RemoteVectorEnv"/> (Session stream) against an in-process server
/// over TCP loopback and over a Unix domain socket (the server steps those with <c>--remote-vectorization</c>, exact
/// SoA by default). Each cell steps for the given seconds after a warm-up; copies autoreset (next-step). Modes an
/// environment does not offer (fast and GPU variants exist for the five classic-control envs and MinAtar Breakout)
/// print as 0.
/// </summary>
internal static class VectorBench
{
    /// <summary>The batch sizes measured by default.</summary>
    public static readonly int[] DefaultSizes = [1, 64, 1024, 4096, 16384, 65536];

    /// <summary>Every mode, in table order.</summary>
    public static readonly string[] AllModes = ["soa", "fast", "gpu", "gpu_cpu", "sync", "parallel", "remote_tcp", "remote_uds", "remote_shm"];

    /// <summary>
    /// Runs the table (or prints one JSON object) and returns the exit code. <paramref name="modes"/> is a subset of
    /// <see cref="AllModes"/>; <c>gpu</c> is skipped (with a note naming what was found) without a CUDA device.
    /// </summary>
    public static async Task<int> RunAsync(
        EnvRegistry registry,
        string id,
        IReadOnlyList<int> sizes,
        IReadOnlyList<string> modes,
        double seconds,
        double warmup,
        bool json,
        TextWriter output,
        CancellationToken cancellationToken,
        string remoteVectorization = Vectorizations.Soa)
    {
        var found = "";
        var cuda = modes.Contains("gpu") ? GpuRuntime.TryGetCuda(out found) : null;
        var gpuNote = modes.Contains("gpu") && cuda is null ? $"gpu skipped: no CUDA device; found: {found}" : null;

        var hasFast = GpuVectorEnvs.Supports(registry, id);
        var measured = modes.Where(m => m != "gpu" || cuda is not null).ToArray();
        using var cpuAccelerator = measured.Contains("gpu_cpu") && hasFast ? GpuRuntime.CreateCpu() : null;
        var socketPath = Path.Combine(Path.GetTempPath(), $"rlgym-bench-{Environment.ProcessId}.sock");
        var results = new Dictionary<string, Dictionary<int, double>>();
        var perCpuSecond = new Dictionary<string, Dictionary<int, double>>();
        foreach (var mode in measured)
        {
            results[mode] = [];
            perCpuSecond[mode] = [];
        }

        await using (var server = await ServerRunner.StartAsync(
            registry,
            o =>
            {
                ServerRunner.Loopback(o);
                o.UnixSocketPath = socketPath;
            },
            LogLevel.Warning,
            cancellationToken).ConfigureAwait(false))
        {
            var tcp = server.ListeningAddresses().First(a => a.StartsWith("http://", StringComparison.Ordinal));
            var uds = "unix://" + socketPath;

            // Blocking clients and long local loops run on their own thread, not on the server's thread pool.
            await Task.Factory.StartNew(
                () =>
                {
                    foreach (var n in sizes)
                    {
                        foreach (var mode in measured)
                        {
                            Func<IVectorEnv>? make = mode switch
                            {
                                "soa" => () => registry.MakeVec(id, n, vectorization: Vectorizations.Soa),
                                "fast" when hasFast => () => registry.MakeVec(id, n, vectorization: Vectorizations.Fast),
                                "gpu" when hasFast => () => GpuVectorEnvs.Make(cuda!, registry, id, n),
                                "gpu_cpu" when hasFast => () => GpuVectorEnvs.Make(cpuAccelerator!, registry, id, n),
                                "sync" => () => registry.MakeVec(id, n, vectorization: Vectorizations.Sync),
                                "parallel" => () => registry.MakeVec(id, n, vectorization: Vectorizations.Parallel),
                                "remote_tcp" => () => RemoteVectorEnv.Make(id, n, new RemoteEnvOptions { Address = tcp, Transport = RemoteTransport.Stream }, vectorization: remoteVectorization),
                                "remote_uds" => () => RemoteVectorEnv.Make(id, n, new RemoteEnvOptions { Address = uds, Transport = RemoteTransport.Stream }, vectorization: remoteVectorization),
                                "remote_shm" => () => RemoteVectorEnv.Make(id, n, new RemoteEnvOptions { Address = uds, Transport = RemoteTransport.Shm }, vectorization: remoteVectorization),
                                _ => null,
                            };
                            (results[mode][n], perCpuSecond[mode][n]) = make is null ? (0, 0) : Measure(make, seconds, warmup, cancellationToken);
                        }
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
        }

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["env"] = id,
                ["seconds"] = seconds,
                ["warmup"] = warmup,
                ["processor_count"] = Environment.ProcessorCount,
                ["gpu_device"] = cuda?.Description,
                ["gpu_note"] = gpuNote,
                ["num_envs"] = sizes,
                ["remote_vectorization"] = remoteVectorization,
                ["env_steps_per_second"] = measured.ToDictionary(m => m, m => sizes.Select(n => Math.Round(results[m][n], 1)).ToArray()),
                ["env_steps_per_cpu_second"] = measured.ToDictionary(m => m, m => sizes.Select(n => Math.Round(perCpuSecond[m][n], 1)).ToArray()),
            }));
        }
        else
        {
            output.WriteLine($"{id}: env-steps/s, {seconds.ToString(CultureInfo.InvariantCulture)} s per cell after {warmup.ToString(CultureInfo.InvariantCulture)} s warm-up, {Environment.ProcessorCount} cores{(cuda is null ? "" : $", GPU {cuda.Description}")}; remote copies stepped with vectorization {remoteVectorization}");
            if (gpuNote is not null)
            {
                output.WriteLine(gpuNote);
            }

            var table = new Table(["N", .. measured]);
            foreach (var n in sizes)
            {
                table.Add([n.ToString(CultureInfo.InvariantCulture), .. measured.Select(m => results[m][n].ToString("N0", CultureInfo.InvariantCulture))]);
            }

            table.Write(output);
            output.WriteLine();
            output.WriteLine("env-steps per CPU-second of this process (all its threads; the server's too for the remote modes):");
            table = new Table(["N", .. measured]);
            foreach (var n in sizes)
            {
                table.Add([n.ToString(CultureInfo.InvariantCulture), .. measured.Select(m => perCpuSecond[m][n].ToString("N0", CultureInfo.InvariantCulture))]);
            }

            table.Write(output);
        }

        return 0;
    }

    /// <summary>
    /// Env-steps per wall-clock second and per CPU-second of this process (which holds up better on a shared machine)
    /// of the vector environment <paramref name="make"/> returns, stepped with sampled action batches.
    /// </summary>
    private static (double PerSecond, double PerCpuSecond) Measure(Func<IVectorEnv> make, double seconds, double warmup, CancellationToken cancellationToken)
    {
        using var env = make();
        var batches = SampleBatches(env, 4);
        env.ResetObject(seed: 0);
        var step = 0L;
        Run(env, batches, ref step, warmup, cancellationToken);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var (steps, elapsed) = Run(env, batches, ref step, seconds, cancellationToken);
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var envSteps = (double)steps * env.NumEnvs;
        return (elapsed > TimeSpan.Zero ? envSteps / elapsed.TotalSeconds : 0, cpu > TimeSpan.Zero ? envSteps / cpu.TotalSeconds : 0);
    }

    private static (long Steps, TimeSpan Elapsed) Run(IVectorEnv env, object[] batches, ref long step, double seconds, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(seconds * Stopwatch.Frequency);
        var now = start;
        var first = step;
        while (now < end && !cancellationToken.IsCancellationRequested)
        {
            env.StepObject(batches[step++ % batches.Length]);
            now = Stopwatch.GetTimestamp();
        }

        return (step - first, Stopwatch.GetElapsedTime(start, now));
    }

    /// <summary>Action batches drawn up front from the seeded single action space, so sampling is not timed.</summary>
    private static object[] SampleBatches(IVectorEnv env, int count)
    {
        env.SingleActionSpace.Seed(0);
        var batches = new object[count];
        for (var b = 0; b < count; b++)
        {
            batches[b] = SpaceBatching.CreateBatch(env.SingleActionSpace, env.NumEnvs);
            for (var i = 0; i < env.NumEnvs; i++)
            {
                SpaceBatching.Write(env.SingleActionSpace, batches[b], i, env.SingleActionSpace.SampleObject());
            }
        }

        return batches;
    }
}
