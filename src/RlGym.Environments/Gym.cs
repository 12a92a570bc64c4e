using RlGym.Core;
using RlGym.Core.Registration;

namespace RlGym.Environments;

/// <summary>Gymnasium-style entry point: <c>Gym.Make("CartPole-v1")</c> over the built-in registry.</summary>
public static class Gym
{
    /// <summary>The registry <see cref="Make"/> uses: every built-in environment; add your own with <c>Register</c>.</summary>
    public static EnvRegistry Registry { get; } = BuiltInEnvironments.CreateRegistry();

    /// <summary>Makes a registered environment (time limit and order enforcement applied).</summary>
    public static IEnv Make(string id, IReadOnlyDictionary<string, object?>? kwargs = null, string? renderMode = null, int? maxEpisodeSteps = null) =>
        Registry.Make(id, kwargs, renderMode, maxEpisodeSteps);

    /// <summary>Makes a registered environment with typed observations and actions.</summary>
    public static IEnv<TObs, TAction> Make<TObs, TAction>(string id, IReadOnlyDictionary<string, object?>? kwargs = null, string? renderMode = null, int? maxEpisodeSteps = null)
        where TObs : notnull
        where TAction : notnull =>
        Registry.Make<TObs, TAction>(id, kwargs, renderMode, maxEpisodeSteps);
}
