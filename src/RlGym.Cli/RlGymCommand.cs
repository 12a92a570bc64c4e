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
    public static RootCommand Create() => new("rlgym: Gymnasium-compatible environments served over gRPC.")
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
}
