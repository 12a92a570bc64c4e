using System.CommandLine;
using RlGym.Cli.Commands;

namespace RlGym.Cli;

/// <summary>
/// The <c>rlgym</c> command line: <c>serve</c>, <c>envs</c>, <c>bench</c>, <c>play</c>, <c>health</c> and
/// <c>check</c>, and where built with the agents (<c>RlGymAgents</c>, the default) <c>train</c>, <c>eval</c> and
/// <c>bench-agents</c>.
/// </summary>
internal static class RlGymCommand
{
    /// <summary>A root command with every subcommand, ready to parse.</summary>
    public static RootCommand Create() => new("rlgym: Gymnasium-compatible environments served over gRPC.\n"
        + "Exit codes: 0 success, 1 failure, 2 usage error, 130 interrupted. Set RLGYM_VERBOSE=1 to print stack traces.")
    {
        new ServeCommand(),
        new EnvsCommand(),
        new BenchCommand(),
        new PlayCommand(),
        new HealthCommand(),
        new CheckCommand(),
#if RLGYM_AGENTS
        new TrainCommand(),
        new EvalCommand(),
        new BenchAgentsCommand(),
#endif
    };

    /// <summary>
    /// Parses and runs <c>rlgym ARGS</c> the way people should see it: a command line that does not parse prints its
    /// first error (option, value, what is allowed) and where the help is, exit code 2, without the help itself; an
    /// exception that escapes a command prints one line (<see cref="CliErrors.Report"/>), never a stack trace.
    /// </summary>
    /// <param name="args">The arguments after <c>rlgym</c>.</param>
    /// <param name="configuration">Output and error writers; the console's when null.</param>
    /// <param name="cancellationToken">Stops the command (besides Ctrl+C).</param>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        configuration ??= new InvocationConfiguration();
        configuration.EnableDefaultExceptionHandler = false;
        var parseResult = Create().Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var line in CliErrors.ParseErrorLines(parseResult))
            {
                await configuration.Error.WriteLineAsync(line).ConfigureAwait(false);
            }

            return CliErrors.Usage;
        }

        if (parseResult.CommandResult.Command is ISavesOnInterrupt)
        {
            // Its own InterruptSignal handles Ctrl+C; System.CommandLine's would end the process 2 s later, mid-save.
            configuration.ProcessTerminationTimeout = null;
        }

        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return CliErrors.Report(e, parseResult, configuration.Error);
        }
    }
}
