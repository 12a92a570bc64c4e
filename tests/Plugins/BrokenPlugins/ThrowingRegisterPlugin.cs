using RlGym.Core.Registration;

namespace BrokenPlugins;

/// <summary>A plugin that registers one environment and then throws: nothing of it may be served.</summary>
public sealed class ThrowingRegisterPlugin : IEnvironmentPlugin
{
    /// <inheritdoc />
    public void Register(EnvRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register("HalfRegistered-v0", (_, renderMode) => new FlawedEnv(Flaw.None, renderMode), maxEpisodeSteps: 20);
        throw new InvalidOperationException("ThrowingRegisterPlugin.Register fails on purpose.");
    }
}
