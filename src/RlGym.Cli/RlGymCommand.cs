using System.CommandLine;
using RlGym.Cli.Commands;

namespace RlGym.Cli;

/// <summary>The <c>rlgym</c> command line: <c>serve</c>, <c>envs</c>, <c>bench</c>, <c>play</c>, <c>health</c> and <c>check</c>.</summary>
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
    };
}
