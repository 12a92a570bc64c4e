using System.CommandLine;
using System.Text.Json;

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
        foreach (var mode in new[] { "local", "unary", "stream" })
        {
            var result = root.GetProperty(mode);
            Assert.True(result.GetProperty("steps").GetInt64() > 0, mode);
            Assert.True(result.GetProperty("steps_per_second").GetDouble() > 0, mode);
        }

        foreach (var mode in new[] { "unary", "stream" })
        {
            var result = root.GetProperty(mode);
            Assert.InRange(result.GetProperty("p50_us").GetDouble(), double.Epsilon, result.GetProperty("p99_us").GetDouble());
        }

        Assert.Equal(JsonValueKind.Null, root.GetProperty("local").GetProperty("p50_us").ValueKind);
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

    [Fact]
    public async Task Invoke_UnknownRemoteVectorization_FailsListingTheChoices()
    {
        var error = new StringWriter();

        var exitCode = await RlGymCommand.Create()
            .Parse(["bench", "--vector", "--remote-vectorization", "gymnasium"])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        Assert.Equal(1, exitCode);
        Assert.Contains("Unknown --remote-vectorization 'gymnasium'; accepted: soa fast.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UnknownVectorMode_FailsListingTheModes()
    {
        var error = new StringWriter();

        var exitCode = await RlGymCommand.Create().Parse(["bench", "--modes", "warp"]).InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        Assert.Equal(1, exitCode);
        Assert.Contains("Unknown --modes value 'warp'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("gpu_cpu", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_ZeroSeconds_FailsWithMessage()
    {
        var error = new StringWriter();

        var exitCode = await RlGymCommand.Create().Parse(["bench", "--seconds", "0"]).InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        Assert.Equal(1, exitCode);
        Assert.Contains("--seconds", error.ToString(), StringComparison.Ordinal);
    }
}
