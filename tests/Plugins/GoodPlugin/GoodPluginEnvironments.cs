using RlGym.Core.Dynamics;
using RlGym.Core.Registration;
using RlGym.Core.Vector;

namespace GoodPlugin;

/// <summary>
/// Registers <c>LineWalk-v0</c> (kwarg <c>length</c>, default 5; 50 steps; solved at 1.0), a scalar environment only,
/// and <c>Ladder-v0</c> (kwargs <c>height</c>, default 8, and <c>slip</c>, default 0.1; 40 steps) with its soa
/// variant and fast dynamics (fast CPU and GPU variants).
/// </summary>
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

        registry.Register(
            "Ladder-v0",
            (kwargs, renderMode) => new LadderEnv((int)kwargs.GetInt("height"), kwargs.GetDouble("slip"), renderMode),
            maxEpisodeSteps: 40,
            kwargs: new Dictionary<string, object?> { ["height"] = 8L, ["slip"] = 0.1 });
        registry.RegisterVector("Ladder-v0", Vectorizations.Soa, DynamicsVectorEnv<LadderDynamics, int, float, int>.Make);
        registry.RegisterFastDynamics("Ladder-v0", kwargs =>
            FastDynamicsSource.Of<LadderDynamics, int, float, float, int>(new((int)kwargs.GetInt("height"), kwargs.GetDouble("slip"))));
    }
}
