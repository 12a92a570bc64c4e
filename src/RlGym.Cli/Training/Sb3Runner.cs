using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RlGym.Cli.Training;

/// <summary>
/// Runs Stable-Baselines3 on a benchmark case for <c>rlgym bench-agents --mode sb3</c>: the Python script
/// <c>clients/python/benchmarks/sb3_agent_run.py</c> trains SB3's algorithm with the same resolved options (the JSON
/// <c>rlgym train --print-config</c> prints), evaluation cadence, threshold and stop rule, in its own process.
/// Python is <c>RLGYM_PYTHON</c>, else <c>/usr/bin/python3</c> where it exists (Debian's, with torch), else <c>python3</c>;
/// SB3 and Gymnasium 1.0 come from <c>RLGYM_SB3_PATH</c> (a PYTHONPATH), else from <c>../shared/vendor/python</c>
/// beside the checkout, else from what Python has installed. Its BLAS is <c>RLGYM_SB3_BLAS</c> (a folder holding a
/// <c>libblas.so.3</c>), else the OpenBLAS that <c>clients/python/benchmarks/fetch-openblas.sh</c> unpacks into the
/// user's cache, else whatever torch links (Debian's: the reference BLAS, ~16x slower at these matrix sizes, which the
/// run's output then names), with one OpenBLAS thread as torch has one.
/// </summary>
internal static class Sb3Runner
{
    private const string Script = "clients/python/benchmarks/sb3_agent_run.py";

    /// <summary>Trains one seed of <paramref name="benchCase"/> with SB3; fails with the script's own error text.</summary>
    /// <exception cref="InvalidOperationException">The script is not found, or the run failed (its stderr's last lines).</exception>
    public static AgentBenchRun Run(
        AgentBenchCase benchCase, JsonObject options, ulong seed, long evalEvery, int evalEpisodes, bool full, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot() ?? throw new InvalidOperationException(
            $"--mode sb3 runs {Script} from an RlGym checkout; none was found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}.");
        var start = new ProcessStartInfo(Python())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        foreach (var argument in new[]
        {
            Path.Combine(root, Script), "--algo", benchCase.Algorithm, "--env", benchCase.EnvId,
            "--seed", seed.ToString(CultureInfo.InvariantCulture),
            "--eval-every", evalEvery.ToString(CultureInfo.InvariantCulture),
            "--eval-episodes", evalEpisodes.ToString(CultureInfo.InvariantCulture),
            "--options", options.ToJsonString(),
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (benchCase.Threshold is { } threshold)
        {
            start.ArgumentList.Add("--threshold");
            start.ArgumentList.Add(threshold.ToString("R", CultureInfo.InvariantCulture));
        }

        if (full)
        {
            start.ArgumentList.Add("--full");
        }

        PrependPath(start, "PYTHONPATH", Sb3Path(root));
        PrependPath(start, "LD_LIBRARY_PATH", BlasDirectory());

        start.Environment["OPENBLAS_NUM_THREADS"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        using var kill = cancellationToken.Register(() => process.Kill(entireProcessTree: true));
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var lastLine = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (process.ExitCode != 0 || lastLine is null)
        {
            var tail = string.Join(Environment.NewLine, stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(5));
            throw new InvalidOperationException($"SB3 run of {benchCase} seed {seed} failed (exit {process.ExitCode}): {tail}");
        }

        var result = JsonDocument.Parse(lastLine).RootElement;
        return new AgentBenchRun(
            benchCase,
            "sb3",
            seed,
            result.GetProperty("steps").GetInt64(),
            result.GetProperty("wall_seconds").GetDouble(),
            result.GetProperty("cpu_seconds").GetDouble(),
            Optional(result, "steps_to_threshold")?.GetInt64(),
            Optional(result, "seconds_to_threshold")?.GetDouble(),
            Optional(result, "final_eval_mean")?.GetDouble(),
            Optional(result, "blas")?.GetString());
    }

    // Puts a folder first on a search-path variable of the child, keeping what this process has there.
    private static void PrependPath(ProcessStartInfo start, string variable, string? folder)
    {
        if (folder is not null)
        {
            start.Environment[variable] = folder + (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } existing ? ":" + existing : "");
        }
    }

    /// <summary>True for Debian's reference BLAS (netlib), which makes SB3 look far slower than it is.</summary>
    public static bool IsReferenceBlas(string? library) =>
        library is not null && library.Contains("/blas/libblas.so", StringComparison.Ordinal);

    private static string? BlasDirectory()
    {
        if (Environment.GetEnvironmentVariable("RLGYM_SB3_BLAS") is { Length: > 0 } configured)
        {
            return configured;
        }

        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var lib = Path.Combine(cache, "rlgym", "openblas", "usr", "lib");
        return Directory.Exists(lib)
            ? Directory.EnumerateDirectories(lib).Select(arch => Path.Combine(arch, "openblas-pthread")).FirstOrDefault(d => File.Exists(Path.Combine(d, "libblas.so.3")))
            : null;
    }

    private static JsonElement? Optional(JsonElement result, string name) =>
        result.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string Python() =>
        Environment.GetEnvironmentVariable("RLGYM_PYTHON") is { Length: > 0 } python ? python
        : File.Exists("/usr/bin/python3") ? "/usr/bin/python3"
        : "python3";

    private static string? Sb3Path(string root)
    {
        if (Environment.GetEnvironmentVariable("RLGYM_SB3_PATH") is { Length: > 0 } path)
        {
            return path;
        }

        var vendor = Path.GetFullPath(Path.Combine(root, "..", "shared", "vendor", "python"));
        var sb3 = Path.Combine(vendor, "stable-baselines3-2.4.1");
        return Directory.Exists(sb3) ? sb3 + ":" + Path.Combine(vendor, "gymnasium-1.0.0") : null;
    }

    /// <summary>The checkout holding the script: the current directory or the binary's, or a folder above either.</summary>
    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, Script)))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }
}
