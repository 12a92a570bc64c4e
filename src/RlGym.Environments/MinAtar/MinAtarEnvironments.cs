using RlGym.Core.Registration;

namespace RlGym.Environments.MinAtar;

/// <summary>Registers the built-in MinAtar environments.</summary>
/// <remarks>
/// Ids, kwargs and (absent) time limits follow MinAtar's own Gymnasium registration (<c>minatar/gym.py</c>):
/// <c>-v0</c> uses the full action set of 6, <c>-v1</c> the game's minimal action set; sticky actions are on with
/// MinAtar's default probability 0.1; no <c>max_episode_steps</c> is registered.
/// </remarks>
public static class MinAtarEnvironments
{
    /// <summary>Adds every MinAtar environment to <paramref name="registry"/>.</summary>
    public static void Register(EnvRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        RegisterBreakout(registry, "MinAtar/Breakout-v0", useMinimalActionSet: false);
        RegisterBreakout(registry, "MinAtar/Breakout-v1", useMinimalActionSet: true);
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
    }
}
