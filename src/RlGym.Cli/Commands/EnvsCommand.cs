using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RlGym.Core.Registration;
using RlGym.Environments;

namespace RlGym.Cli.Commands;

/// <summary>
/// <c>rlgym envs [--json]</c>: every built-in environment id with its spaces, time limit and reward threshold.
/// <c>--json</c> prints one JSON array of objects with the keys <c>id</c>, <c>observation_space</c>,
/// <c>action_space</c>, <c>max_episode_steps</c>, <c>reward_threshold</c>, <c>nondeterministic</c>, <c>entry_point</c>.
/// </summary>
internal sealed class EnvsCommand : Command
{
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON array instead of a table." };

    public EnvsCommand()
        : base("envs", "List the built-in environments: id, spaces, time limit, reward threshold.")
    {
        Add(_json);
        SetAction(Run);
    }

    private int Run(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var rows = Describe(BuiltInEnvironments.CreateRegistry());
        if (parseResult.GetValue(_json))
        {
            output.WriteLine(JsonSerializer.Serialize(rows.Select(r => new Dictionary<string, object?>
            {
                ["id"] = r.Spec.Id,
                ["observation_space"] = r.ObservationSpace,
                ["action_space"] = r.ActionSpace,
                ["max_episode_steps"] = r.Spec.MaxEpisodeSteps,
                ["reward_threshold"] = r.Spec.RewardThreshold,
                ["nondeterministic"] = r.Spec.Nondeterministic,
                ["entry_point"] = r.Spec.EntryPoint,
            })));
            return 0;
        }

        var table = new Table("id", "observation space", "action space", "max steps", "reward threshold");
        foreach (var row in rows)
        {
            table.Add(
                row.Spec.Id,
                row.ObservationSpace,
                row.ActionSpace,
                row.Spec.MaxEpisodeSteps?.ToString(CultureInfo.InvariantCulture) ?? "-",
                row.Spec.RewardThreshold?.ToString("R", CultureInfo.InvariantCulture) ?? "-");
        }

        table.Write(output);
        return 0;
    }

    /// <summary>Spaces are not part of a spec: make each environment once (with default kwargs) to read them.</summary>
    private static List<EnvRow> Describe(EnvRegistry registry)
    {
        var rows = new List<EnvRow>();
        foreach (var spec in registry.Specs)
        {
            using var env = registry.Make(spec.Id);
            rows.Add(new EnvRow(spec, env.ObservationSpace.ToString(), env.ActionSpace.ToString()));
        }

        return rows;
    }

    private sealed record EnvRow(EnvSpec Spec, string ObservationSpace, string ActionSpace);
}
