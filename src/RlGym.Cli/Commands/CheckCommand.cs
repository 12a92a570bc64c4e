using System.CommandLine;
using System.Text.Json;
using RlGym.Core;
using RlGym.Core.Checking;
using RlGym.Core.Registration;
using RlGym.Environments;
using RlGym.Server.Plugins;

namespace RlGym.Cli.Commands;

/// <summary>
/// <c>rlgym check TARGET [--json]</c>: runs the environment checker of the conformance suite (plus the protocol
/// check: observations and infos can be sent to clients, and the variant checks: the soa variant equals copies of the
/// scalar environment bit for bit, the fast variant agrees in distribution) on a built-in id, or on every environment
/// a plugin assembly registers. Prints one line per check (PASS / FAIL / SKIP with what was wrong and how to fix it); exits 1 when any
/// check failed or the assembly could not be loaded, 2 when TARGET is neither a known id nor a file (errors are one line
/// each on standard error, prefixed <c>rlgym check:</c>; a failed check is the command's output, not an error).
/// </summary>
internal sealed class CheckCommand : Command
{
    private readonly Argument<string> _target = new("TARGET") { Description = "A registered environment id (e.g. CartPole-v1) or the path of a plugin assembly (.dll)." };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON array of reports instead of text." };

    public CheckCommand()
        : base("check", "Check an environment (id) or every environment of a plugin assembly (path) against the RlGym environment contract.")
    {
        Add(_target);
        Add(_json);
        SetAction(Run);
    }

    private int Run(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var target = parseResult.GetValue(_target)!;
        EnvRegistry registry;
        IReadOnlyList<string> ids;
        var pluginFailed = false;
        if (File.Exists(target) || target.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            var plugin = PluginAssembly.Register(target);
            foreach (var failure in plugin.Failures)
            {
                // Each plugin that failed is one line; the checks of the others still run and print.
                error.WriteLine($"{CliErrors.CommandPath(parseResult)}: {failure}");
            }

            pluginFailed = plugin.Failures.Count > 0;
            registry = plugin.Registry;

            ids = registry.Specs.Select(s => s.Id).ToArray();
            if (ids.Count == 0 && !pluginFailed)
            {
                throw new InvalidOperationException(
                    $"The plugins in {Path.GetFullPath(target)} register no environment; call registry.Register in IEnvironmentPlugin.Register.");
            }
        }
        else
        {
            registry = BuiltInEnvironments.CreateRegistry();
            if (!registry.Contains(target))
            {
                throw new UnknownEnvironmentException($"'{target}' is neither a registered environment id nor an existing file; registered ids: "
                    + string.Join(", ", registry.Specs.Select(s => s.Id)) + ".");
            }

            ids = [target];
        }

        var reports = ids.Select(id => PluginEnvChecker.Check(registry, id)).ToArray();
        if (parseResult.GetValue(_json))
        {
            output.WriteLine(JsonSerializer.Serialize(reports.Select(r => new Dictionary<string, object>
            {
                ["env_id"] = r.Environment,
                ["passed"] = r.Passed,
                ["checks"] = r.Results.Select(c => new Dictionary<string, string>
                {
                    ["name"] = c.Name,
                    ["status"] = c.Status.ToString().ToLowerInvariant(),
                    ["message"] = c.Message,
                }).ToArray(),
            })));
        }
        else
        {
            foreach (var report in reports)
            {
                output.WriteLine(report.ToString());
                output.WriteLine();
            }

            var failed = reports.Count(r => !r.Passed);
            output.WriteLine(failed == 0
                ? $"{reports.Length} environment(s) checked: all passed."
                : $"{reports.Length} environment(s) checked: {failed} failed ({string.Join(", ", reports.Where(r => !r.Passed).Select(r => r.Environment))}).");
        }

        return reports.All(r => r.Passed) && !pluginFailed ? 0 : 1;
    }
}
