using System.Diagnostics;
using BenchmarkDotNet.Running;
using RlGym.Benchmarks.ClassicControl;
using RlGym.Core.Vector;
using RlGym.Environments.Vectorized;

namespace RlGym.Benchmarks;

/// <summary>
/// Entry point: BenchmarkDotNet's switcher (pass <c>--filter</c>, <c>--job short</c>, <c>--inProcess</c>, ...), or
/// <c>cpu</c> for a quick measurement in steps per CPU-second, which stays meaningful on a machine shared with
/// other busy processes (BenchmarkDotNet measures wall-clock time), or <c>vec [seconds] [vectorization...]</c> for
/// CartPole-v1 vector env-steps per second at N = 1 .. 65536.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks the arguments select.</summary>
    public static void Main(string[] args)
    {
        if (args is ["cpu", ..])
        {
            MeasureCpuTime(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3.0);
            return;
        }

        if (args is ["vec", ..])
        {
            MeasureVectorThroughput(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2.0, args.Skip(2).ToArray());
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static void MeasureCpuTime(double seconds)
    {
        var benchmarks = new CartPoleStepBenchmarks();
        benchmarks.Setup();
        (string Name, Action Run)[] cases =
        [
            ("Dynamics", () => benchmarks.Dynamics()),
            ("BareEnv", () => benchmarks.BareEnv()),
            ("ThroughMake", () => benchmarks.ThroughMake()),
            ("Untyped", () => benchmarks.Untyped()),
        ];
        foreach (var (name, run) in cases)
        {
            // Warm up (tiered JIT) for a third of the time, then measure this thread's CPU time.
            var warmup = Stopwatch.StartNew();
            while (warmup.Elapsed.TotalSeconds < seconds / 3)
            {
                run();
            }

            var invocations = 0L;
            var wall = Stopwatch.StartNew();
            var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedStart = GC.GetAllocatedBytesForCurrentThread();
            while (wall.Elapsed.TotalSeconds < seconds)
            {
                run();
                invocations++;
            }

            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
            var steps = invocations * CartPoleStepBenchmarks.Steps;
            var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocatedStart) / (double)steps;
            Console.WriteLine(
                $"{name,-12} {steps / cpu / 1e6,8:F1} M steps per CPU-second  {steps / wall.Elapsed.TotalSeconds / 1e6,8:F1} M steps/s wall  {bytes,5:F1} B/step");
        }

        benchmarks.Cleanup();
    }

    // Env-steps per second of one CartPole-v1 vector step at each N, wall clock and per CPU-second of the process
    // (all threads), after a warm-up of a third of the time.
    private static void MeasureVectorThroughput(double seconds, string[] vectorizations)
    {
        if (vectorizations.Length == 0)
        {
            vectorizations = [Vectorizations.Soa, Vectorizations.Gymnasium, Vectorizations.Sync, Vectorizations.Parallel];
        }

        Console.WriteLine($"{Environment.ProcessorCount} logical cores; {seconds} s per case");
        Console.WriteLine($"{"vectorization",-12} {"N",7} {"M env-steps/s",14} {"M per CPU-s",12} {"B/step",8}");
        foreach (var vectorization in vectorizations)
        {
            foreach (var n in new[] { 1, 64, 1024, 4096, 16384, 65536 })
            {
                var (env, actions) = Vectorized.CartPoleVectorBenchmarks.Create(vectorization, n);
                var warmup = Stopwatch.StartNew();
                var k = 0;
                while (warmup.Elapsed.TotalSeconds < seconds / 3)
                {
                    env.Step(actions[k++ & 15]);
                }

                var calls = 0L;
                var allocatedStart = GC.GetTotalAllocatedBytes();
                var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                while (wall.Elapsed.TotalSeconds < seconds)
                {
                    env.Step(actions[k++ & 15]);
                    calls++;
                }

                var elapsed = wall.Elapsed.TotalSeconds;
                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
                var steps = calls * (double)n;
                var bytes = (GC.GetTotalAllocatedBytes() - allocatedStart) / steps;
                Console.WriteLine($"{vectorization,-12} {n,7} {steps / elapsed / 1e6,14:F1} {steps / cpu / 1e6,12:F1} {bytes,8:F1}");
                env.Dispose();
            }
        }
    }
}
