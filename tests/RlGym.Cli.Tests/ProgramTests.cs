using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RlGym.Cli.Tests;

/// <summary>
/// The real binary (<c>dotnet rlgym.dll ...</c>, the build output) on the failures people meet: each prints one line
/// on standard error (two for a usage error: the error and where the help is), exits 1 (failure) or 2 (usage), and
/// shows neither a stack frame nor a .NET type name.
/// </summary>
public sealed class ProgramTests
{
    [Fact]
    public async Task Serve_PortInUse_SaysSoInOneLineAndExitsOne()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var (exitCode, error) = await RunAsync("serve", "--host", "127.0.0.1", "--port", port);

        AssertOneLineError(error, 1);
        Assert.Equal(1, exitCode);
        Assert.Equal($"rlgym serve: Port {port} is already in use on 127.0.0.1; pick another with --port or stop the other server.", error.Trim());
    }

    [Theory]
    [InlineData("70000", "--port: 70000 is out of range; expected an integer 0-65535.")]
    [InlineData("abc", "--port: 'abc' is not a number; expected an integer 0-65535.")]
    public async Task Serve_BadPort_NamesTheOptionAndTheRangeAndExitsTwo(string port, string expected)
    {
        var (exitCode, error) = await RunAsync("serve", "--port", port);

        AssertOneLineError(error, 2);
        Assert.Equal(2, exitCode);
        Assert.Equal([expected, "See 'rlgym serve --help'."], Lines(error));
    }

    [Fact]
    public async Task Serve_UnknownOption_NamesItWithoutTheHelpAndExitsTwo()
    {
        var (exitCode, error) = await RunAsync("serve", "--bogus");

        AssertOneLineError(error, 2);
        Assert.Equal(2, exitCode);
        Assert.Contains("'--bogus'", Lines(error)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Play_SeedNotANumber_SaysWhatIsExpectedWithoutTypeNames()
    {
        var (exitCode, error) = await RunAsync("play", "CartPole-v1", "--out", "x.gif", "--seed", "abc");

        AssertOneLineError(error, 2);
        Assert.Equal(2, exitCode);
        Assert.Equal("--seed: 'abc' is not a number; expected an integer >= 0.", Lines(error)[0]);
    }

    [Fact]
    public async Task Health_UnreachableServer_SaysWhichAndExitsOne()
    {
        var (exitCode, error) = await RunAsync("health", "--address", "http://127.0.0.1:1", "--timeout", "5");

        AssertOneLineError(error, 1);
        Assert.Equal(1, exitCode);
        Assert.StartsWith("rlgym health: Cannot reach the server at http://127.0.0.1:1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_UnknownEnv_GivesTheRegistrysMessageAndExitsTwo()
    {
        var (exitCode, error) = await RunAsync("bench", "--env", "Nope-v0", "--seconds", "0.1", "--warmup", "0");

        AssertOneLineError(error, 1);
        Assert.Equal(2, exitCode);
        Assert.StartsWith("rlgym bench: No environment is registered as 'Nope-v0'; registered ids: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnknownEnv_ExitsTwoInOneLine()
    {
        var (exitCode, error) = await RunAsync("check", "NoSuchEnv-v0");

        AssertOneLineError(error, 1);
        Assert.Equal(2, exitCode);
        Assert.StartsWith("rlgym check: 'NoSuchEnv-v0' is neither a registered environment id nor an existing file; registered ids: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_NegativeTotalSteps_NamesTheOptionAndTheRangeAndExitsTwo()
    {
        var (exitCode, error) = await RunAsync("train", "ppo", "CartPole-v1", "--total-steps", "-5");

        AssertOneLineError(error, 2);
        Assert.Equal(2, exitCode);
        Assert.Equal(["--total-steps: -5 is out of range; expected an integer >= 1.", "See 'rlgym train --help'."], Lines(error));
    }

    [Fact]
    public async Task Train_ConfigWithAWrongType_NamesTheFileTheKeyAndTheTypeAndExitsTwo()
    {
        var file = Path.Combine(Path.GetTempPath(), $"rlgym-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "{ \"learning_rate\": \"fast\" }");
        try
        {
            var (exitCode, error) = await RunAsync("train", "ppo", "CartPole-v1", "--config", file);

            AssertOneLineError(error, 1);
            Assert.Equal(2, exitCode);
            Assert.Equal($"rlgym train: --config {file}: Option 'learning_rate' expects a number; got 'fast'.", error.Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Play_UnknownEnv_GivesTheRegistrysMessageAndExitsTwo()
    {
        var (exitCode, error) = await RunAsync("play", "Nope-v0", "--out", Path.Combine(Path.GetTempPath(), $"rlgym-{Guid.NewGuid():N}.gif"));

        AssertOneLineError(error, 1);
        Assert.Equal(2, exitCode);
        Assert.StartsWith("rlgym play: No environment is registered as 'Nope-v0'; registered ids: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_ZeroClients_NamesTheOptionAndTheRangeAndExitsTwo()
    {
        var (exitCode, error) = await RunAsync("bench", "--soak", "--clients", "0");

        AssertOneLineError(error, 2);
        Assert.Equal(2, exitCode);
        Assert.Equal(["--clients: 0 is out of range; expected an integer >= 1.", "See 'rlgym bench --help'."], Lines(error));
    }

    [Fact]
    public async Task Bench_UnknownMode_ListsTheAcceptedOnesAndExitsTwo()
    {
        var (exitCode, error) = await RunAsync("bench", "--modes", "soa", "bogus");

        AssertOneLineError(error, 2);
        Assert.Equal(2, exitCode);
        Assert.Equal(
            ["--modes: 'bogus' is not accepted; expected one of soa, fast, gpu, gpu_cpu, sync, parallel, remote_tcp, remote_uds, remote_shm.", "See 'rlgym bench --help'."],
            Lines(error));
    }

    [Fact]
    public async Task Eval_MissingCheckpoint_SaysWhichFileAndExitsOne()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"rlgym-no-checkpoint-{Guid.NewGuid():N}");

        var (exitCode, error) = await RunAsync("eval", missing);

        AssertOneLineError(error, 1);
        Assert.Equal(1, exitCode);
        Assert.StartsWith("rlgym eval: ", error, StringComparison.Ordinal);
        Assert.Contains("checkpoint.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_SigInt_SavesTheRunSaysWhereAndExits130()
    {
        var output = Path.Combine(Path.GetTempPath(), $"rlgym-sigint-{Guid.NewGuid():N}");
        var metrics = Path.Combine(output, "metrics.csv");
        try
        {
            using var process = Start("train", "ppo", "CartPole-v1", "--total-steps", "10000000", "--out", output);
            var standardOutput = process.StandardOutput.ReadToEndAsync();
            var standardError = process.StandardError.ReadToEndAsync();

            // Episodes have been recorded once the CSV's first 4 KB reach the disk.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (!process.HasExited && !(File.Exists(metrics) && new FileInfo(metrics).Length > 0) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.False(process.HasExited, process.HasExited ? await standardError : null);
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            var exited = await ExitedAsync(process);
            var error = await standardError;

            Assert.True(exited, $"still running 90 s after SIGINT (killed); its output: {await standardOutput}{error}");

            Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {await standardOutput}{error}");
            Assert.Matches(@"(?m)^Interrupted at step [1-9][0-9,]*: saved the checkpoint \(final/\), learning curve and metrics to ", error);
            Assert.Contains(output, error, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(output, "learning_curve.png")));
            using var checkpoint = RlGym.Agents.Common.Checkpoint.Load(Path.Combine(output, "final"));
            Assert.Equal("ppo", checkpoint.Algorithm);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static void AssertOneLineError(string error, int lines)
    {
        Assert.Equal(lines, Lines(error).Length);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Runs <c>dotnet rlgym.dll ARGS</c> and returns its exit code and standard error.</summary>
    private static async Task<(int ExitCode, string Error)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(await ExitedAsync(process), "still running after 90 s (killed)");
        await output;
        return (process.ExitCode, await error);
    }

    /// <summary>Starts <c>dotnet rlgym.dll ARGS</c> with standard output and error redirected.</summary>
    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "rlgym.dll") },
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("RLGYM_VERBOSE");
        return Process.Start(start)!;
    }

    /// <summary>Waits up to 90 s for <paramref name="process"/> to exit: true; false when it had to be killed.</summary>
    private static async Task<bool> ExitedAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return false;
        }
    }
}
