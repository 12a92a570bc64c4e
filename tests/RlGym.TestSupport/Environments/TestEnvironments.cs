using RlGym.Core.Registration;

namespace RlGym.TestSupport.Environments;

/// <summary>Registries holding the test environments, for server and client tests.</summary>
public static class TestEnvironments
{
    /// <summary>The corridor's id.</summary>
    public const string CorridorId = "Corridor-v0";

    /// <summary>A new registry with <see cref="CorridorEnv"/> as <c>Corridor-v0</c> (time limit 20 steps).</summary>
    public static EnvRegistry CreateRegistry()
    {
        var registry = new EnvRegistry();
        Register(registry);
        return registry;
    }

    /// <summary>Registers <see cref="CorridorEnv"/> as <c>Corridor-v0</c> in <paramref name="registry"/>.</summary>
    public static void Register(EnvRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var spec = new EnvSpec
        {
            Id = CorridorId,
            EntryPoint = typeof(CorridorEnv).FullName!,
            MaxEpisodeSteps = 20,
            RewardThreshold = 1.0,
            Kwargs = new Dictionary<string, object?> { ["length"] = 5L, ["int_rewards"] = false, ["fail_on_step"] = false },
            Source = "test",
        };
        registry.Register(spec, (kwargs, renderMode) => new CorridorEnv(
            checked((int)kwargs.GetInt("length")), kwargs.GetBool("int_rewards"), kwargs.GetBool("fail_on_step"), renderMode));
    }
}
