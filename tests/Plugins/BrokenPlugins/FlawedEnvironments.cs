using RlGym.Core.Registration;

namespace BrokenPlugins;

/// <summary>
/// Registers <c>Flawed/NAME-v0</c> for every <see cref="Flaw"/> (NAME the flaw's name; <c>Flawed/None-v0</c> is
/// correct), plus a correct environment under the built-in id <c>CartPole-v1</c> to provoke an id clash.
/// </summary>
public sealed class FlawedEnvironments : IEnvironmentPlugin
{
    /// <inheritdoc />
    public void Register(EnvRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var flaw in Enum.GetValues<Flaw>())
        {
            registry.Register($"Flawed/{flaw}-v0", (_, renderMode) => new FlawedEnv(flaw, renderMode), maxEpisodeSteps: 20);
        }

        registry.Register("CartPole-v1", (_, renderMode) => new FlawedEnv(Flaw.None, renderMode), maxEpisodeSteps: 20);
    }
}
