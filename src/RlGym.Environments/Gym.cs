using RlGym.Core;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.Vectorized;

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

    /// <summary>
    /// Makes <paramref name="numEnvs"/> copies of a registered environment as one vector environment (Gymnasium's
    /// <c>make_vec</c>); see <see cref="EnvRegistry.MakeVec"/> for the vectorizations.
    /// </summary>
    public static IVectorEnv MakeVec(
        string id,
        int numEnvs,
        AutoresetMode autoresetMode = AutoresetMode.NextStep,
        string vectorization = Vectorizations.Auto,
        IReadOnlyDictionary<string, object?>? kwargs = null,
        int? maxEpisodeSteps = null) =>
        Registry.MakeVec(id, numEnvs, autoresetMode, vectorization, kwargs, maxEpisodeSteps);
}
