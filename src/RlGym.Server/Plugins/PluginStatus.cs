namespace RlGym.Server.Plugins;

/// <summary>What happened to one plugin environment (or to a whole plugin assembly, when <see cref="EnvId"/> is null).</summary>
/// <param name="Source">The plugin assembly's full path.</param>
/// <param name="EnvId">The environment id, or null when the assembly failed before registering anything.</param>
/// <param name="Loaded">True when the environment is served.</param>
/// <param name="Reason">Why it was rejected; empty when loaded.</param>
public sealed record PluginStatus(string Source, string? EnvId, bool Loaded, string Reason)
{
    /// <summary><c>loaded</c> or <c>rejected: REASON</c>.</summary>
    public string Describe() => Loaded ? "loaded" : $"rejected: {Reason}";
}
