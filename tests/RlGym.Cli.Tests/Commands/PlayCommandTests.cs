using System.CommandLine;
using RlGym.Core.Rendering;
using RlGym.Environments;
using RlGym.TestSupport.Media;
using RlGym.TestSupport.Server;

namespace RlGym.Cli.Tests.Commands;

public sealed class PlayCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rlgym-play-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Invoke_Png_WritesAContactSheetOfSixFrames()
    {
        var file = Path.Combine(_dir.FullName, "cartpole.png");

        var (exitCode, _) = await InvokeAsync("play", "CartPole-v1", "--out", file, "--seed", "3");

        Assert.Equal(0, exitCode);
        var sheet = PngDecoder.Decode(File.ReadAllBytes(file));
        Assert.Equal((2 * (400 + 4)) + 4, sheet.Height);
        Assert.Equal((3 * (600 + 4)) + 4, sheet.Width);
    }

    [Fact]
    public async Task Invoke_Gif_WritesOneFramePerStepPlusTheResetFrame()
    {
        var file = Path.Combine(_dir.FullName, "taxi.gif");

        var (exitCode, output) = await InvokeAsync("play", "Taxi-v3", "--out", file, "--max-steps", "5");

        Assert.Equal(0, exitCode);
        Assert.Contains("5 steps", output, StringComparison.Ordinal);
        var gif = File.ReadAllBytes(file);
        Assert.Equal("GIF89a"u8.ToArray(), gif[..6]);
        Assert.Equal(6, GifFiles.CountFrames(gif));
    }

    [Fact]
    public async Task Invoke_Server_PlaysRemotely()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        var file = Path.Combine(_dir.FullName, "remote.png");

        var (exitCode, _) = await InvokeAsync("play", "MountainCar-v0", "--out", file, "--max-steps", "20", "--server", server.Address.ToString());

        Assert.Equal(0, exitCode);
        var sheet = PngDecoder.Decode(File.ReadAllBytes(file));
        Assert.Equal(((2 * (400 + 4)) + 4, (3 * (600 + 4)) + 4), (sheet.Height, sheet.Width));
    }

    [Fact]
    public async Task Invoke_Checkpoint_PlaysItsEnvironmentWithThePolicyToAGif()
    {
        var checkpoint = await CliRunner.TrainFrozenLakeAsync(Path.Combine(_dir.FullName, "run"));
        var file = Path.Combine(_dir.FullName, "policy.gif");

        var (exitCode, output) = await InvokeAsync("play", checkpoint, "--gif", file, "--seed", "2");

        Assert.True(exitCode == 0, output);
        Assert.StartsWith("FrozenLake-v1: ", output, StringComparison.Ordinal);
        var gif = File.ReadAllBytes(file);
        Assert.Equal("GIF89a"u8.ToArray(), gif[..6]);
        Assert.InRange(GifFiles.CountFrames(gif), 2, 101);
    }

    [Fact]
    public async Task Invoke_PolicyWithoutACheckpoint_SaysACheckpointIsNeeded()
    {
        var (exitCode, error) = await InvokeAsync("play", "CartPole-v1", "--out", Path.Combine(_dir.FullName, "x.gif"), "--policy", "policy");

        Assert.Equal(2, exitCode);
        Assert.Contains("needs a checkpoint directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_DirectoryWithoutCheckpoint_NamesTheMissingFile()
    {
        var (exitCode, error) = await InvokeAsync("play", _dir.FullName, "--out", Path.Combine(_dir.FullName, "x.gif"));

        Assert.Equal(1, exitCode);
        Assert.Contains("checkpoint.json", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("out.jpg", "random", "is not a .gif or .png file; expected FILE.gif (every frame) or FILE.png (a contact sheet).")]
    [InlineData("out.png", "greedy", "--policy: 'greedy' is not accepted; expected one of random, policy.")]
    public async Task Invoke_BadArguments_ExplainsWhatIsAllowed(string name, string policy, string message)
    {
        var (exitCode, error) = await InvokeAsync("play", "CartPole-v1", "--out", Path.Combine(_dir.FullName, name), "--policy", policy);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UnknownEnvironment_NamesTheRegisteredIds()
    {
        var (exitCode, error) = await InvokeAsync("play", "NoSuchEnv-v0", "--out", Path.Combine(_dir.FullName, "x.png"));

        Assert.Equal(2, exitCode);
        Assert.StartsWith("rlgym play: No environment is registered as 'NoSuchEnv-v0'; registered ids: ", error, StringComparison.Ordinal);
        Assert.Contains("CartPole-v1", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Text)> InvokeAsync(params string[] args)
    {
        var text = new StringWriter();
        var exitCode = await RlGymCommand.InvokeAsync(args, new InvocationConfiguration { Output = text, Error = text });
        return (exitCode, text.ToString());
    }
}
