using System.CommandLine;
using System.Text.Json;
using RlGym.TestSupport.Server;

namespace RlGym.Cli.Tests.Commands;

public sealed class CheckCommandTests
{
    [Fact]
    public async Task Invoke_BuiltInId_PassesWithExitCodeZero()
    {
        var (exitCode, output, _) = await RunAsync("check", "CartPole-v1");

        Assert.Equal(0, exitCode);
        Assert.Contains("[PASS] determinism:", output, StringComparison.Ordinal);
        Assert.Contains("[PASS] info serialisable:", output, StringComparison.Ordinal);
        Assert.Contains("[PASS] soa variant: 8 copies of CartPoleSoaVectorEnv x 502 random steps", output, StringComparison.Ordinal);
        Assert.Contains("[PASS] fast variant: 512 episodes of random actions a side", output, StringComparison.Ordinal);
        Assert.Contains("1 environment(s) checked: all passed.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_GoodPluginAssembly_PassesEveryEnv()
    {
        var (exitCode, output, error) = await RunAsync("check", TestPlugins.GoodPluginPath);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Contains("Environment check of LineWalk-v0:", output, StringComparison.Ordinal);
        Assert.Contains("[PASS] render ansi:", output, StringComparison.Ordinal);
        Assert.Contains("[SKIP] soa variant: LineWalk-v0 registers no soa variant", output, StringComparison.Ordinal);
        Assert.Contains("Environment check of Ladder-v0:", output, StringComparison.Ordinal);
        Assert.Contains("[PASS] soa variant: 8 copies of DynamicsVectorEnv<LadderDynamics, int, float, int> x 300 random steps", output, StringComparison.Ordinal);
        Assert.Contains("[PASS] fast variant: 512 episodes of random actions a side (64 copies)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[FAIL]", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Flawed/ObservationOutsideSpace-v0", "reset", "not in the observation space")]
    [InlineData("Flawed/IgnoresSeed-v0", "determinism", "NpRandom")]
    [InlineData("Flawed/OwnTimeLimit-v0", "no own time limit", "register max_episode_steps=20")]
    [InlineData("Flawed/NaNObservation-v0", "observations finite", "contains NaN")]
    [InlineData("Flawed/BadFrame-v0", "render rgb_array", "keep the frame size fixed")]
    [InlineData("Flawed/UnsendableInfo-v0", "info serialisable", "info['id']")]
    [InlineData("Flawed/AcceptsInvalidAction-v0", "invalid action", "Step accepted")]
    [InlineData("Flawed/SoaVariant-v0", "soa variant", "of DynamicsVectorEnv<CounterDynamics, int, float, int> observes")]
    [InlineData("Flawed/FastVariant-v0", "fast variant", "The mean episode return of the fast variant")]
    public async Task Invoke_BrokenPluginAssembly_ReportsEachFlawAsAFailedCheck(string envId, string check, string explanation)
    {
        var (exitCode, output, _) = await RunAsync("check", TestPlugins.BrokenPluginsPath, "--json");

        Assert.Equal(1, exitCode);
        using var json = JsonDocument.Parse(output);
        var report = json.RootElement.EnumerateArray().Single(r => r.GetProperty("env_id").GetString() == envId);
        Assert.False(report.GetProperty("passed").GetBoolean());
        var result = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == check);
        Assert.Equal("failed", result.GetProperty("status").GetString());
        Assert.Contains(explanation, result.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_BrokenPluginAssembly_TextNamesFailuresAndThrowingPlugins()
    {
        var (exitCode, output, error) = await RunAsync("check", TestPlugins.BrokenPluginsPath);

        Assert.Equal(1, exitCode);
        Assert.Contains("Environment check of Flawed/None-v0:", output, StringComparison.Ordinal);
        Assert.Contains("[FAIL] render rgb_array:", output, StringComparison.Ordinal);
        Assert.Contains("checked: 9 failed", output, StringComparison.Ordinal);
        Assert.Contains("ThrowingConstructorPlugin fails on purpose", error, StringComparison.Ordinal);
        Assert.Contains("ThrowingRegisterPlugin.Register fails on purpose", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_NotAnAssembly_ExitsOneWithTheReason()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rlgym-garbage-{Guid.NewGuid():N}.dll");
        await File.WriteAllTextAsync(path, "not an assembly");
        try
        {
            var (exitCode, _, error) = await RunAsync("check", path);

            Assert.Equal(1, exitCode);
            Assert.Contains("is not a loadable .NET assembly", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Invoke_UnknownId_ExitsTwoListingIds()
    {
        var (exitCode, _, error) = await RunAsync("check", "NoSuchEnv-v0");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("rlgym check: 'NoSuchEnv-v0' is neither a registered environment id nor an existing file; registered ids: ", error, StringComparison.Ordinal);
        Assert.Contains("CartPole-v1", error, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => CliRunner.InvokeAsync(args);
}
