using System.Diagnostics;
using BenchmarkDotNet.Running;
using RlGym.Benchmarks.ClassicControl;

namespace RlGym.Benchmarks;

/// <summary>
/// Entry point: BenchmarkDotNet's switcher (pass <c>--filter</c>, <c>--job short</c>, <c>--inProcess</c>, ...), or
/// <c>cpu</c> for a quick measurement in steps per CPU-second, which stays meaningful on a machine shared with
/// other busy processes (BenchmarkDotNet measures wall-clock time).
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
}
