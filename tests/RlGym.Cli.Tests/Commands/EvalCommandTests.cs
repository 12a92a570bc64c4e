using System.Globalization;
using System.Text.Json;
using RlGym.Environments;
using RlGym.TestSupport.Server;

namespace RlGym.Cli.Tests.Commands;

public sealed class EvalCommandTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rlgym-eval-");
    private string _checkpoint = string.Empty;

    public async Task InitializeAsync() => _checkpoint = await CliRunner.TrainFrozenLakeAsync(Path.Combine(_dir.FullName, "run"));

    public Task DisposeAsync()
    {
        _dir.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Invoke_Json_PrintsTheDocumentedKeysConsistentWithTheText()
    {
        var (jsonExit, json, _) = await CliRunner.InvokeAsync("eval", _checkpoint, "--episodes", "40", "--seed", "7", "--json");
        var (textExit, text, _) = await CliRunner.InvokeAsync("eval", _checkpoint, "--episodes", "40", "--seed", "7");

        Assert.Equal((0, 0), (jsonExit, textExit));
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var mean = root.GetProperty("mean_return").GetDouble();
        var success = root.GetProperty("success_rate").GetDouble();
        Assert.Equal(40, root.GetProperty("episodes").GetInt32());
        Assert.Equal("FrozenLake-v1", root.GetProperty("env").GetString());
        Assert.InRange(mean, 0, 1);
        Assert.True(root.GetProperty("std_return").GetDouble() >= 0);
        Assert.InRange(root.GetProperty("mean_length").GetDouble(), 1, 100);

        // FrozenLake pays 1 for reaching the goal and nothing else, so the success rate is the mean return.
        Assert.Equal(mean, success, 9);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"return {mean:G6} ±"), text, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"success {success:P1}"), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Server_EvaluatesRemotelyWithTheSameFigures()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());

        var (_, local, _) = await CliRunner.InvokeAsync("eval", _checkpoint, "--episodes", "10", "--json");
        var (exitCode, remote, error) = await Task.Run(() => CliRunner.InvokeAsync("eval", _checkpoint, "--episodes", "10", "--json", "--server", server.Address.ToString()));

        Assert.True(exitCode == 0, error);
        Assert.Equal(local, remote);
    }

    [Fact]
    public async Task Invoke_NotACheckpoint_NamesTheMissingFile()
    {
        var (exitCode, _, error) = await CliRunner.InvokeAsync("eval", _dir.FullName);

        Assert.Equal(1, exitCode);
        Assert.Contains("checkpoint.json", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_CorruptCheckpoint_SaysWhichFileIsCorrupt()
    {
        var broken = Directory.CreateDirectory(Path.Combine(_dir.FullName, "broken")).FullName;
        await File.WriteAllTextAsync(Path.Combine(broken, "checkpoint.json"), "{ not json");

        var (exitCode, _, error) = await CliRunner.InvokeAsync("eval", broken);

        Assert.Equal(1, exitCode);
        Assert.Contains("checkpoint.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_ZeroEpisodes_ExitsWithUsageError()
    {
        var (exitCode, _, error) = await CliRunner.InvokeAsync("eval", _checkpoint, "--episodes", "0");

        Assert.Equal(2, exitCode);
        Assert.Contains("--episodes: 0 is out of range; expected an integer >= 1", error, StringComparison.Ordinal);
    }
}
