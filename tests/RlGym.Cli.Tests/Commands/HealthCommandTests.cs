using System.CommandLine;
using RlGym.Environments;
using RlGym.TestSupport.Server;

namespace RlGym.Cli.Tests.Commands;

public sealed class HealthCommandTests
{
    [Fact]
    public async Task Invoke_ServingServer_ExitsZero()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        var output = new StringWriter();

        var exitCode = await RlGymCommand.Create().Parse(["health", "--address", server.Address.ToString()])
            .InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        Assert.Contains("Serving", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_NothingListening_ExitsOneWithTheStatusOnStandardError()
    {
        var (exitCode, _, error) = await CliRunner.InvokeAsync("health", "--address", "http://127.0.0.1:9", "--timeout", "2");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("rlgym health: Cannot reach the server at http://127.0.0.1:9: Unavailable", error, StringComparison.Ordinal);
    }
}
