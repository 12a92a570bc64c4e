using RlGym.Core.Registration;

namespace RlGym.Server.Plugins;

/// <summary>What a plugin assembly registered (<see cref="PluginAssembly.Register"/>).</summary>
/// <param name="Path">The assembly's full path.</param>
/// <param name="Registry">The environments its plugin classes registered.</param>
/// <param name="Failures">One message per plugin class whose constructor or <c>Register</c> threw.</param>
public sealed record PluginRegistration(string Path, EnvRegistry Registry, IReadOnlyList<string> Failures);
