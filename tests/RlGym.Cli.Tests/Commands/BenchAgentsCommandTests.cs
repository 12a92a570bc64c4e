using System.Text.Json;

namespace RlGym.Cli.Tests.Commands;

public sealed class BenchAgentsCommandTests
{
    [Fact]
    public async Task Invoke_JsonTabularCaseLocalAndRemote_ReportsEveryRunStoppedAtTheThreshold()
    {
        var (exitCode, output, error) = await Task.Run(() => CliRunner.InvokeAsync(
            "bench-agents", "--case", "q-learning:FrozenLake-v1:0.0", "--seeds", "2", "--total-steps", "2000", "--eval-every", "1000", "--eval-episodes", "2", "--json"));

        Assert.True(exitCode == 0, output + error);
        using var json = JsonDocument.Parse(output);
        var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        Assert.Equal(["local", "remote"], cases.Select(c => c.GetProperty("mode").GetString()));
        foreach (var benchCase in cases)
        {
            Assert.Equal("q-learning", benchCase.GetProperty("algorithm").GetString());
            Assert.Equal(0.0, benchCase.GetProperty("threshold").GetDouble());

            // A threshold of 0 is reached by the first evaluation of every seed, which stops the run.
            Assert.Equal(2, benchCase.GetProperty("reached").GetInt32());
            var runs = benchCase.GetProperty("runs").EnumerateArray().ToArray();
            Assert.Equal([0UL, 1UL], runs.Select(r => r.GetProperty("seed").GetUInt64()));
            Assert.All(runs, r => Assert.InRange(r.GetProperty("steps").GetInt64(), 1000, 1999));
            Assert.All(runs, r => Assert.Equal(1000, r.GetProperty("steps_to_threshold").GetInt64()));
            Assert.All(runs, r => Assert.True(r.GetProperty("steps_per_second").GetDouble() > 0));
            Assert.All(runs, r => Assert.True(r.GetProperty("cpu_seconds").GetDouble() > 0));
        }
    }

    [Fact]
    public async Task Invoke_Table_PrintsOneRowPerCaseAndMode()
    {
        var (exitCode, output, error) = await Task.Run(() => CliRunner.InvokeAsync(
            "bench-agents", "--case", "sarsa:FrozenLake-v1", "--seeds", "1", "--total-steps", "1000", "--eval-every", "500", "--eval-episodes", "1", "--mode", "local", "--full"));

        Assert.True(exitCode == 0, output + error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("algorithm", StringComparison.Ordinal) && l.Contains("env-steps/s", StringComparison.Ordinal));
        var row = Assert.Single(lines, l => l.StartsWith("sarsa", StringComparison.Ordinal));
        Assert.Contains(" 1,000 ", row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--case", "ppo", "ALGO:ENV[:THRESHOLD]")]
    [InlineData("--case", "nope:CartPole-v1", "Unknown algorithm 'nope'")]
    [InlineData("--case", "ppo:Nope-v0", "No environment is registered as 'Nope-v0'")]
    [InlineData("--mode", "cloud", "--mode: 'cloud' is not accepted; expected one of local, remote, sb3.")]
    [InlineData("--seeds", "0", "--seeds: 0 is out of range; expected an integer >= 1.")]
    [InlineData("--eval-every", "0", "--eval-every: 0 is out of range; expected an integer >= 1.")]
    [InlineData("--total-steps", "-1", "--total-steps: -1 is out of range; expected an integer >= 1.")]
    public async Task Invoke_BadArguments_ExitsWithUsageError(string option, string value, string message)
    {
        var (exitCode, _, error) = await CliRunner.InvokeAsync("bench-agents", option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
