using System.Reflection;
using System.Runtime.Loader;

namespace RlGym.Server.Plugins;

/// <summary>
/// The load context of one plugin: its own dependencies come from its folder, while RlGym assemblies always come
/// from the host, so <c>IEnvironmentPlugin</c>, <c>Env</c> and the spaces are the host's types (one copy, one identity).
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly string _directory;

    /// <summary>A context for the plugin assembly at <paramref name="pluginPath"/>.</summary>
    public PluginLoadContext(string pluginPath)
        : base($"plugin:{pluginPath}", isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(pluginPath);
        _directory = Path.GetDirectoryName(pluginPath)!;
    }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Shared contract: a plugin's own copy of RlGym.Core (copied next to it by the build) must not be loaded,
        // or its types would not be the host's. Null defers to the default context.
        if (assemblyName.Name is { } name && (name == "RlGym" || name.StartsWith("RlGym.", StringComparison.Ordinal)))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        if (path is null && assemblyName.Name is not null)
        {
            // No .deps.json (a bare copy of the build output): look next to the plugin.
            var local = Path.Combine(_directory, assemblyName.Name + ".dll");
            path = File.Exists(local) ? local : null;
        }

        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <inheritdoc />
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
