using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RlGym.Core.Registration;
using Microsoft.Extensions.Logging.Abstractions;
using RlGym.Environments;
using RlGym.Server.Plugins;

namespace RlGym.Cli.Commands;

/// <summary>
/// <c>rlgym envs [--json] [--plugins DIR]</c>: every built-in environment id with its spaces, time limit, reward
/// threshold, vectorizations (what <c>make_vec</c> accepts besides auto: sync and parallel always, then the batched
/// variants its registration adds) and whether it has a GPU variant (fast dynamics); with <c>--plugins</c> also each
/// plugin environment (or failed plugin assembly) with its source and status (<c>loaded</c> or
/// <c>rejected: REASON</c>), loaded exactly as <c>serve --plugins</c> does. <c>--json</c> prints one JSON array of
/// objects with the keys <c>id</c>, <c>observation_space</c>, <c>action_space</c>, <c>max_episode_steps</c>,
/// <c>reward_threshold</c>, <c>nondeterministic</c>, <c>entry_point</c>, <c>vectorizations</c>, <c>gpu</c>,
/// <c>source</c>, <c>status</c> (rejected rows have null spaces, vectorizations and gpu).
/// </summary>
internal sealed class EnvsCommand : Command
{
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON array instead of a table." };
    private readonly Option<string> _plugins = new("--plugins") { Description = "Also list the environments of the plugins in this folder, with source and status." };

    public EnvsCommand()
        : base("envs", "List the built-in environments: id, spaces, time limit, reward threshold, vectorizations, GPU variant.")
    {
        Add(_json);
        Add(_plugins);
        SetAction(Run);
    }

    private int Run(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var registry = BuiltInEnvironments.CreateRegistry();
        var pluginsPath = parseResult.GetValue(_plugins);
        IReadOnlyList<PluginStatus> statuses = [];
        if (pluginsPath is not null)
        {
            try
            {
                statuses = PluginLoader.Load(pluginsPath, registry, NullLogger.Instance);
            }
            catch (DirectoryNotFoundException e)
            {
                // A folder that is not there is a wrong --plugins value: a usage error (2), not a failed run.
                throw new ArgumentException(e.Message, e);
            }
        }

        var rows = Describe(registry);
        rows.AddRange(statuses.Where(s => !s.Loaded).Select(s => new EnvRow(
            new EnvSpec { Id = s.EnvId ?? "-", EntryPoint = "", Source = s.Source }, null, null, null, null, s.Describe())));
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
                ["vectorizations"] = r.Vectorizations,
                ["gpu"] = r.Gpu,
                ["source"] = r.Spec.Source,
                ["status"] = r.Status,
            })));
            return 0;
        }

        string[] columns = ["id", "observation space", "action space", "max steps", "reward threshold", "vectorizations", "gpu"];
        var table = pluginsPath is null ? new Table(columns) : new Table([.. columns, "source", "status"]);
        foreach (var row in rows)
        {
            string[] cells =
            [
                row.Spec.Id,
                row.ObservationSpace ?? "-",
                row.ActionSpace ?? "-",
                row.Spec.MaxEpisodeSteps?.ToString(CultureInfo.InvariantCulture) ?? "-",
                row.Spec.RewardThreshold?.ToString("R", CultureInfo.InvariantCulture) ?? "-",
                row.Vectorizations is { } vectorizations ? string.Join(", ", vectorizations) : "-",
                row.Gpu == true ? "yes" : "-",
            ];
            table.Add(pluginsPath is null ? cells : [.. cells, row.Spec.Source, row.Status]);
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
            rows.Add(new EnvRow(
                spec, env.ObservationSpace.ToString(), env.ActionSpace.ToString(), registry.Vectorizations(spec.Id), registry.HasFastDynamics(spec.Id), "loaded"));
        }

        return rows;
    }

    private sealed record EnvRow(EnvSpec Spec, string? ObservationSpace, string? ActionSpace, IReadOnlyList<string>? Vectorizations, bool? Gpu, string Status);
}
