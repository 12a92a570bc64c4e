using System.CommandLine;

namespace RlGym.Cli.Tests;

/// <summary>Runs the <c>rlgym</c> command line in process (as Program.cs does) with its output and error captured.</summary>
internal static class CliRunner
{
    /// <summary>Invokes <c>rlgym ARGS</c>; returns the exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await RlGymCommand.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Trains Q-learning on FrozenLake for a few thousand steps (about a second) into
    /// <paramref name="directory"/> and returns the checkpoint directory.
    /// </summary>
    public static async Task<string> TrainFrozenLakeAsync(string directory)
    {
        var (exitCode, output, error) = await InvokeAsync(
            "train", "q-learning", "FrozenLake-v1", "--total-steps", "5000", "--out", directory, "--seed", "1");
        Assert.True(exitCode == 0, output + error);
        return Path.Combine(directory, "final");
    }
}
