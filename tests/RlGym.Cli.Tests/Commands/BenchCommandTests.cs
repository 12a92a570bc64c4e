using System.CommandLine;
using System.Text.Json;
using RlGym.Environments;
using RlGym.TestSupport.Server;

namespace RlGym.Cli.Tests.Commands;

public sealed class BenchCommandTests
{
    [Fact]
    public async Task Invoke_JsonShortRun_PrintsOneObjectWithDocumentedKeys()
    {
        var output = new StringWriter();

        var exitCode = await RlGymCommand.Create()
            .Parse(["bench", "--json", "--seconds", "0.2", "--warmup", "0.1"])
            .InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal("CartPole-v1", root.GetProperty("env").GetString());
        Assert.Equal(0.2, root.GetProperty("seconds").GetDouble());
        Assert.Equal(0.1, root.GetProperty("warmup").GetDouble());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("processor_count").GetInt32());
        foreach (var mode in new[] { "local", "unary", "stream", "shm" })
        {
            var result = root.GetProperty(mode);
            Assert.True(result.GetProperty("steps").GetInt64() > 0, mode);
            Assert.True(result.GetProperty("steps_per_second").GetDouble() > 0, mode);
        }

        foreach (var mode in new[] { "unary", "stream", "shm" })
        {
            var result = root.GetProperty(mode);
            Assert.InRange(result.GetProperty("p50_us").GetDouble(), double.Epsilon, result.GetProperty("p99_us").GetDouble());
        }

        Assert.Equal(JsonValueKind.Null, root.GetProperty("local").GetProperty("p50_us").ValueKind);
    }

    [Fact]
    public async Task Invoke_SoakJsonShortRun_PrintsTotalsAndAMemoryTimeSeries()
    {
        var output = new StringWriter();

        var exitCode = await RlGymCommand.Create()
            .Parse(["bench", "--soak", "--clients", "3", "--seconds", "2", "--warmup", "0.2", "--json"])
            .InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal("CartPole-v1", root.GetProperty("env").GetString());
        Assert.Equal(3, root.GetProperty("clients").GetInt32());
        Assert.Equal(2.0, root.GetProperty("seconds").GetDouble());
        Assert.Equal("in-process", root.GetProperty("server").GetString());
        Assert.True(root.GetProperty("steps").GetInt64() > 0);
        Assert.True(root.GetProperty("steps_per_second").GetDouble() > 0);
        Assert.InRange(root.GetProperty("p50_us").GetDouble(), double.Epsilon, root.GetProperty("p99_us").GetDouble());
        Assert.Equal(0, root.GetProperty("errors").GetInt64());
        var samples = root.GetProperty("samples").EnumerateArray().ToArray();
        Assert.Equal(4, samples.Length);
        // Every quarter of the run: each sample at or after its due time (later on a busy machine).
        Assert.All(samples.Select((s, k) => (Due: 0.5 * (k + 1), At: s.GetProperty("t_s").GetDouble())), t => Assert.True(t.At >= t.Due - 0.01, $"{t}"));
        Assert.All(samples, s =>
        {
            Assert.True(s.GetProperty("rss_mib").GetDouble() > 0);
            Assert.True(s.GetProperty("gc_heap_mib").GetDouble() > 0);
            Assert.Equal(JsonValueKind.Null, s.GetProperty("server_rss_mib").ValueKind);
        });
    }

    [Fact]
    public async Task Invoke_SoakAgainstARunningServer_PrintsTheTableAndTheServersRss()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        var output = new StringWriter();

        var exitCode = await RlGymCommand.Create()
            .Parse(["bench", "--soak", "--clients", "2", "--seconds", "1", "--warmup", "0", "--server", server.Address.ToString(), "--server-pid", $"{Environment.ProcessId}"])
            .InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.StartsWith("CartPole-v1 soak: 2 clients", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^clients +steps +steps/s +p50 µs +p99 µs +resets +errors$", lines[1]);
        Assert.Matches(@"^2 +[0-9,]+ +[0-9,]+ +[0-9.]+ +[0-9.]+ +[0-9,]+ +0$", lines[3]);
        var series = Array.FindIndex(lines, l => l.StartsWith("t s", StringComparison.Ordinal));
        Assert.Matches(@"^t s +steps/s +RSS MiB +GC heap MiB +server RSS MiB$", lines[series]);
        var rows = lines.Skip(series + 2).Where(l => l.Length > 0).ToArray();
        Assert.Equal(4, rows.Length);
        Assert.All(rows, r => Assert.Matches(@"^[0-9.]+ +[0-9,]+ +[0-9.]+ +[0-9.]+ +[0-9.]+$", r));
    }

    [Fact]
    public async Task Invoke_SoakWithoutClients_FailsWithUsageMessage()
    {
        var (exitCode, _, error) = await CliRunner.InvokeAsync("bench", "--soak", "--clients", "0");

        Assert.Equal(2, exitCode);
        Assert.Contains("--clients: 0 is out of range; expected an integer >= 1.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_VectorJsonShortRun_PrintsEnvStepsPerModeAndSize()
    {
        var output = new StringWriter();

        var exitCode = await RlGymCommand.Create()
            .Parse(["bench", "--num-envs", "1", "8", "--json", "--seconds", "0.1", "--warmup", "0"])
            .InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal([1, 8], root.GetProperty("num_envs").EnumerateArray().Select(e => e.GetInt32()));
        foreach (var mode in new[] { "soa", "sync", "parallel", "remote_tcp", "remote_uds" })
        {
            var figures = root.GetProperty("env_steps_per_second").GetProperty(mode).EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(2, figures.Length);
            Assert.All(figures, f => Assert.True(f > 0, mode));
        }
    }

    [Theory]
    [InlineData("CartPole-v1")]
    [InlineData("MinAtar/Breakout-v0")]
    public async Task Invoke_VectorFastModes_PrintsFastAndCpuAcceleratorColumnsAndSaysWhyGpuIsMissing(string id)
    {
        var output = new StringWriter();

        var exitCode = await RlGymCommand.Create()
            .Parse(["bench", "--env", id, "--num-envs", "8", "--modes", "fast", "gpu_cpu", "gpu", "--json", "--seconds", "0.1", "--warmup", "0"])
            .InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output.ToString());
        var figures = json.RootElement.GetProperty("env_steps_per_second");
        Assert.True(figures.GetProperty("fast")[0].GetDouble() > 0);
        Assert.True(figures.GetProperty("gpu_cpu")[0].GetDouble() > 0);
        if (json.RootElement.GetProperty("gpu_device").ValueKind == JsonValueKind.Null)
        {
            Assert.False(figures.TryGetProperty("gpu", out _));
            Assert.Contains("no CUDA device; found:", json.RootElement.GetProperty("gpu_note").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.True(figures.GetProperty("gpu")[0].GetDouble() > 0);
        }
    }

    [Fact]
    public async Task Invoke_RemoteVectorizationFast_ServerStepsTheRemoteCopiesWithTheFloat32Variant()
    {
        var output = new StringWriter();

        var exitCode = await RlGymCommand.Create()
            .Parse(["bench", "--num-envs", "8", "--modes", "remote_uds", "--remote-vectorization", "fast", "--json", "--seconds", "0.1", "--warmup", "0"])
            .InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal("fast", json.RootElement.GetProperty("remote_vectorization").GetString());
        Assert.True(json.RootElement.GetProperty("env_steps_per_second").GetProperty("remote_uds")[0].GetDouble() > 0);
    }

    [Theory]
    [InlineData("--remote-vectorization", "gymnasium", "--remote-vectorization: 'gymnasium' is not accepted; expected one of soa, fast.")]
    [InlineData("--modes", "warp", "--modes: 'warp' is not accepted; expected one of soa, fast, gpu, gpu_cpu, sync, parallel, remote_tcp, remote_uds, remote_shm.")]
    [InlineData("--num-envs", "0", "--num-envs: 0 is out of range; expected an integer >= 1.")]
    [InlineData("--seconds", "0", "--seconds: 0 is out of range; expected a number of seconds > 0.")]
    [InlineData("--warmup", "-1", "--warmup: -1 is out of range; expected a number of seconds >= 0.")]
    [InlineData("--server-pid", "0", "--server-pid: 0 is out of range; expected an integer >= 1.")]
    public async Task Invoke_BadValue_NamesTheOptionAndWhatIsAllowedAndExitsTwo(string option, string value, string message)
    {
        var (exitCode, _, error) = await CliRunner.InvokeAsync("bench", "--vector", option, value);

        Assert.Equal(2, exitCode);
        Assert.Equal([message, "See 'rlgym bench --help'."], error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Invoke_OneBadSizeAmongGoodOnes_NamesIt()
    {
        var (exitCode, _, error) = await CliRunner.InvokeAsync("bench", "--num-envs", "1", "64", "-3");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("--num-envs: -3 is out of range; expected an integer >= 1.", error, StringComparison.Ordinal);
    }
}
