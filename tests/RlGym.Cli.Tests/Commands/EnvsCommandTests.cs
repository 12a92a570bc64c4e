using System.CommandLine;
using System.Text.Json;
using RlGym.TestSupport.Server;

namespace RlGym.Cli.Tests.Commands;

public sealed class EnvsCommandTests
{
    [Fact]
    public async Task Invoke_Json_ListsCartPoleWithItsSpecAndSpaces()
    {
        var output = new StringWriter();

        var exitCode = await RlGymCommand.Create().Parse(["envs", "--json"]).InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output.ToString());
        var cartPole = json.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "CartPole-v1");
        Assert.Equal(500, cartPole.GetProperty("max_episode_steps").GetInt32());
        Assert.Equal(475.0, cartPole.GetProperty("reward_threshold").GetDouble());
        Assert.StartsWith("Box(", cartPole.GetProperty("observation_space").GetString(), StringComparison.Ordinal);
        Assert.Equal("Discrete(2)", cartPole.GetProperty("action_space").GetString());
        Assert.Equal(["sync", "parallel", "soa", "gymnasium", "fast"], cartPole.GetProperty("vectorizations").EnumerateArray().Select(v => v.GetString()));
        Assert.True(cartPole.GetProperty("gpu").GetBoolean());
        var taxi = json.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "Taxi-v3");
        Assert.Equal(["sync", "parallel"], taxi.GetProperty("vectorizations").EnumerateArray().Select(v => v.GetString()));
        Assert.False(taxi.GetProperty("gpu").GetBoolean());
    }

    [Fact]
    public async Task Invoke_NoJson_PrintsTableWithHeaderAndRowsEndingInVectorizationsAndGpu()
    {
        var output = new StringWriter();

        var exitCode = await RlGymCommand.Create().Parse(["envs"]).InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("vectorizations                        gpu", lines[0].TrimEnd(), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("CartPole-v1 ", StringComparison.Ordinal) && l.Contains("500", StringComparison.Ordinal)
            && l.TrimEnd().EndsWith("sync, parallel, soa, gymnasium, fast  yes", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Taxi-v3 ", StringComparison.Ordinal) && l.TrimEnd().EndsWith("sync, parallel                        -", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_Plugins_ListsPluginEnvsWithSourceAndStatus()
    {
        using var plugins = new TestPlugins();
        var output = new StringWriter();

        var exitCode = await RlGymCommand.Create().Parse(["envs", "--json", "--plugins", plugins.Directory]).InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output.ToString());
        var rows = json.RootElement.EnumerateArray().ToArray();
        var lineWalk = rows.Single(e => e.GetProperty("id").GetString() == "LineWalk-v0");
        Assert.Equal("loaded", lineWalk.GetProperty("status").GetString());
        Assert.EndsWith(Path.Combine("GoodPlugin", "GoodPlugin.dll"), lineWalk.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal("Discrete(5)", lineWalk.GetProperty("observation_space").GetString());
        Assert.Equal(["sync", "parallel"], lineWalk.GetProperty("vectorizations").EnumerateArray().Select(v => v.GetString()));
        var ladder = rows.Single(e => e.GetProperty("id").GetString() == "Ladder-v0");
        Assert.Equal(["sync", "parallel", "soa", "fast"], ladder.GetProperty("vectorizations").EnumerateArray().Select(v => v.GetString()));
        Assert.True(ladder.GetProperty("gpu").GetBoolean());
        var badFrame = rows.Single(e => e.GetProperty("id").GetString() == "Flawed/BadFrame-v0");
        Assert.StartsWith("rejected: failed the environment check: [render rgb_array]", badFrame.GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, badFrame.GetProperty("vectorizations").ValueKind);
        Assert.Contains(rows, e => e.GetProperty("source").GetString()!.EndsWith("garbage.dll", StringComparison.Ordinal)
            && e.GetProperty("status").GetString()!.Contains("not a loadable .NET assembly", StringComparison.Ordinal));
        var cartPoles = rows.Where(e => e.GetProperty("id").GetString() == "CartPole-v1").ToArray();
        Assert.Equal(2, cartPoles.Length);
        Assert.Contains(cartPoles, e => e.GetProperty("status").GetString() == "loaded" && e.GetProperty("source").GetString() == "built-in");
        Assert.Contains(cartPoles, e => e.GetProperty("status").GetString()!.Contains("already registered by built-in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_PluginsTable_HasSourceAndStatusColumns()
    {
        using var plugins = new TestPlugins(withBroken: false);
        var output = new StringWriter();

        var exitCode = await RlGymCommand.Create().Parse(["envs", "--plugins", plugins.Directory]).InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("source", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("LineWalk-v0 ", StringComparison.Ordinal) && l.TrimEnd().EndsWith("loaded", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Ladder-v0 ", StringComparison.Ordinal) && l.Contains("sync, parallel, soa, fast", StringComparison.Ordinal));
    }
}
