using System.CommandLine;
using System.Text.Json;

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
    }

    [Fact]
    public async Task Invoke_NoJson_PrintsTableWithHeaderAndCartPoleRow()
    {
        var output = new StringWriter();

        var exitCode = await RlGymCommand.Create().Parse(["envs"]).InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("CartPole-v1 ", StringComparison.Ordinal) && l.Contains("500", StringComparison.Ordinal));
    }
}
