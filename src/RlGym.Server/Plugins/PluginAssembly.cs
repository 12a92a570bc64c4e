using System.Reflection;
using RlGym.Core.Registration;

namespace RlGym.Server.Plugins;

/// <summary>Finds plugin assemblies in a folder and runs their <see cref="IEnvironmentPlugin"/> classes.</summary>
public static class PluginAssembly
{
    /// <summary>
    /// The plugin assemblies under <paramref name="directory"/>: every <c>*.dll</c> directly in it, and for each
    /// subfolder <c>NAME</c> the assembly <c>NAME/NAME.dll</c> (a plugin with its dependencies next to it, e.g. the
    /// output of <c>dotnet publish -o DIR/NAME</c>). Sorted by path.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    public static IReadOnlyList<string> Discover(string directory)
    {
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The plugins folder '{root}' does not exist.");
        }

        var files = Directory.GetFiles(root, "*.dll").ToList();
        foreach (var folder in Directory.GetDirectories(root))
        {
            files.Add(Path.Combine(folder, Path.GetFileName(folder) + ".dll"));
        }

        return files.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Loads <paramref name="path"/> into its own load context and registers the environments of every
    /// <see cref="IEnvironmentPlugin"/> class in it into a new registry (sources still <c>built-in</c>; see
    /// <see cref="EnvRegistry.Import"/>). A class whose constructor or <c>Register</c> throws contributes nothing and
    /// is named in <see cref="PluginRegistration.Failures"/>; the other classes still register.
    /// </summary>
    /// <exception cref="PluginLoadException">The assembly cannot be loaded or has no plugin class.</exception>
    public static PluginRegistration Register(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new PluginLoadException($"No assembly at {fullPath} (a plugin subfolder NAME must contain NAME.dll).");
        }

        Type[] types;
        try
        {
            var assembly = new PluginLoadContext(fullPath).LoadFromAssemblyPath(fullPath);
            types = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or ReflectionTypeLoadException or TypeLoadException)
        {
            throw new PluginLoadException($"{fullPath} is not a loadable .NET assembly: {e.GetType().Name}: {e.Message}", e);
        }

        var plugins = types
            .Where(t => typeof(IEnvironmentPlugin).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();
        if (plugins.Length == 0)
        {
            var foreign = types.Any(t => t.GetInterfaces().Any(i => i.FullName == typeof(IEnvironmentPlugin).FullName));
            throw new PluginLoadException(foreign
                ? $"{fullPath} implements an IEnvironmentPlugin of another RlGym.Core copy; reference the RlGym.Core package and do not load it yourself."
                : $"{fullPath} has no public class implementing RlGym.Core.Registration.IEnvironmentPlugin.");
        }

        var registry = new EnvRegistry();
        var failures = new List<string>();
        foreach (var type in plugins)
        {
            // Each class registers into its own registry first, so one that throws halfway leaves nothing behind.
            var own = new EnvRegistry();
            try
            {
                var plugin = (IEnvironmentPlugin)Activator.CreateInstance(type)!;
                try
                {
                    plugin.Register(own);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failures.Add($"{type.FullName}.Register threw {e.GetType().Name}: {e.Message}");
                    continue;
                }
            }
            catch (Exception e) when (e is TargetInvocationException or MissingMethodException or MemberAccessException)
            {
                var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
                failures.Add($"The constructor of {type.FullName} threw {cause.GetType().Name}: {cause.Message}");
                continue;
            }

            foreach (var spec in own.Specs)
            {
                try
                {
                    registry.Import(own, spec.Id, type.FullName!);
                }
                catch (ArgumentException e)
                {
                    failures.Add(e.Message);
                }
            }
        }

        return new PluginRegistration(fullPath, registry, failures);
    }
}
