using Microsoft.Extensions.Logging;
using RlGym.Core.Checking;
using RlGym.Core.Registration;

namespace RlGym.Server.Plugins;

/// <summary>
/// Loads every plugin of a folder into a registry next to the built-ins. A plugin that cannot be loaded, throws while
/// registering, or whose environment fails <see cref="PluginEnvChecker"/>, and an id that is already registered, are
/// logged and left out; nothing a plugin does stops the others or the server.
/// </summary>
public static partial class PluginLoader
{
    /// <summary>Loads the plugins under <paramref name="directory"/> into <paramref name="registry"/>; one status per environment (or per failed assembly).</summary>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    public static IReadOnlyList<PluginStatus> Load(string directory, EnvRegistry registry, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(logger);
        var statuses = new List<PluginStatus>();
        foreach (var path in PluginAssembly.Discover(directory))
        {
            PluginRegistration plugin;
            try
            {
                plugin = PluginAssembly.Register(path);
            }
            catch (PluginLoadException e)
            {
                LogPluginRejected(logger, path, e.Message);
                statuses.Add(new PluginStatus(path, null, false, e.Message));
                continue;
            }

            foreach (var failure in plugin.Failures)
            {
                LogPluginRejected(logger, path, failure);
                statuses.Add(new PluginStatus(path, null, false, failure));
            }

            foreach (var spec in plugin.Registry.Specs)
            {
                statuses.Add(Admit(plugin.Registry, spec.Id, path, registry, logger));
            }
        }

        return statuses;
    }

    private static PluginStatus Admit(EnvRegistry plugin, string id, string path, EnvRegistry registry, ILogger logger)
    {
        if (registry.Contains(id))
        {
            var reason = $"Environment id '{id}' from {path} is already registered by {registry.Spec(id).Source}.";
            LogIdClash(logger, id, path, reason);
            return new PluginStatus(path, id, false, reason);
        }

        EnvCheckReport report;
        try
        {
            report = PluginEnvChecker.Check(plugin, id);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = $"the environment checker stopped: {e.GetType().Name}: {e.Message}";
            LogEnvRejected(logger, id, path, reason);
            return new PluginStatus(path, id, false, reason);
        }

        if (!report.Passed)
        {
            var reason = "failed the environment check: " + string.Join(" ", report.Failures.Select(f => $"[{f.Name}] {f.Message}"));
            LogEnvRejected(logger, id, path, reason);
            return new PluginStatus(path, id, false, reason);
        }

        try
        {
            registry.Import(plugin, id, path);
        }
        catch (ArgumentException e)
        {
            LogIdClash(logger, id, path, e.Message);
            return new PluginStatus(path, id, false, e.Message);
        }

        LogEnvLoaded(logger, id, path);
        return new PluginStatus(path, id, true, "");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {Path} rejected: {Reason}")]
    private static partial void LogPluginRejected(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin environment {EnvId} from {Path} rejected: {Reason}")]
    private static partial void LogEnvRejected(ILogger logger, string envId, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin environment {EnvId} from {Path} not served, id clash: {Reason}")]
    private static partial void LogIdClash(ILogger logger, string envId, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin environment {EnvId} loaded from {Path}")]
    private static partial void LogEnvLoaded(ILogger logger, string envId, string path);
}
