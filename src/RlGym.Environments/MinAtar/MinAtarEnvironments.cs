using RlGym.Core.Dynamics;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.Fast;

namespace RlGym.Environments.MinAtar;

/// <summary>Registers the built-in MinAtar environments.</summary>
/// <remarks>
/// <c>MinAtar/Breakout-v0</c> acts with the game's minimal action set (no-op, left, right), as our catalogue specifies;
/// MinAtar's own Gymnasium registration gives its v0 the full set of 6, available here with
/// <c>use_minimal_action_set=False</c>. Sticky actions are on with MinAtar's default probability 0.1, and, as in
/// MinAtar, no <c>max_episode_steps</c> is registered.
/// </remarks>
public static class MinAtarEnvironments
{
    /// <summary>Adds every MinAtar environment to <paramref name="registry"/>.</summary>
    public static void Register(EnvRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        RegisterBreakout(registry, "MinAtar/Breakout-v0", useMinimalActionSet: true);
    }

    private static void RegisterBreakout(EnvRegistry registry, string id, bool useMinimalActionSet)
    {
        var spec = new EnvSpec
        {
            Id = id,
            EntryPoint = typeof(BreakoutEnv).FullName!,
            Kwargs = new Dictionary<string, object?>
            {
                ["sticky_action_prob"] = 0.1,
                ["use_minimal_action_set"] = useMinimalActionSet,
            },
        };
        registry.Register(spec, (kwargs, renderMode) => new BreakoutEnv(
            kwargs.GetDouble("sticky_action_prob"),
            kwargs.GetBool("use_minimal_action_set"),
            renderMode));
        registry.RegisterVector(id, Vectorizations.Soa, DynamicsVectorEnv<BreakoutDynamics, BreakoutEpisode, bool, int>.Make);
        registry.RegisterFastDynamics(id, kwargs => FastDynamicsSource.Of<BreakoutFastDynamics, BreakoutFastState, BreakoutObservation, bool, int>(
            new((float)kwargs.GetDouble("sticky_action_prob"), kwargs.GetBool("use_minimal_action_set"))));
    }
}
