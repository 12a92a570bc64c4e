using RlGym.Core.Registration;

namespace GoodPlugin;

/// <summary>Registers <c>LineWalk-v0</c> (kwarg <c>length</c>, default 5; 50 steps; solved at 1.0).</summary>
public sealed class GoodPluginEnvironments : IEnvironmentPlugin
{
    /// <inheritdoc />
    public void Register(EnvRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register(
            "LineWalk-v0",
            (kwargs, renderMode) => new LineWalkEnv((int)kwargs.GetInt("length"), renderMode),
            maxEpisodeSteps: 50,
            rewardThreshold: 1.0,
            kwargs: new Dictionary<string, object?> { ["length"] = 5L });
    }
}
