using RlGym.Core;
using RlGym.Core.Registration;
using RlGym.Core.Vector;

namespace RlGym.Environments.Vectorized;

/// <summary>
/// Makes vector environments (Gymnasium's <c>make_vec</c>): N copies of a registered id, vectorized generically
/// (<see cref="Sync"/>, <see cref="Parallel"/>), as a structure-of-arrays variant (<see cref="Soa"/>), or as Gymnasium's
/// own vector entry point (<see cref="Gymnasium"/>, CartPole only), or in float32 (<see cref="Fast"/>). The work is
/// <see cref="EnvRegistry.MakeVec"/>'s (in RlGym.Core, so plugin authors have it too); this class names the
/// vectorizations for the built-ins' callers.
/// </summary>
public static class VectorEnvs
{
    /// <summary>The structure-of-arrays variant when one exists for the id, otherwise <see cref="Sync"/>.</summary>
    public const string Auto = Vectorizations.Auto;

    /// <summary><see cref="SyncVectorEnv{TObsBatch, TActionBatch}"/> over N scalar environments, on one thread.</summary>
    public const string Sync = Vectorizations.Sync;

    /// <summary><see cref="SyncVectorEnv{TObsBatch, TActionBatch}"/> over N scalar environments, stepped on all cores.</summary>
    public const string Parallel = Vectorizations.Parallel;

    /// <summary>The structure-of-arrays variant (<see cref="SoaVectorEnv{TObs, TAction}"/>), equal to <see cref="Sync"/> copy for copy.</summary>
    public const string Soa = Vectorizations.Soa;

    /// <summary>Gymnasium's vector entry point (<see cref="CartPoleGymnasiumVectorEnv"/>): one shared generator, next-step autoreset.</summary>
    public const string Gymnasium = Vectorizations.Gymnasium;

    /// <summary>
    /// The fast variant (<see cref="FastVectorEnv{TDynamics, TState, TObs, TObsElement, TAction}"/>, SIMD for CartPole): the
    /// per-element function the GPU kernel runs, next-step autoreset only. Statistically equivalent to the exact
    /// variants, not seed-identical (float32 state, polynomial sine and cosine, its own generator; Breakout's rules are
    /// exact integers and only its generator differs).
    /// </summary>
    public const string Fast = Vectorizations.Fast;

    /// <summary>Makes <paramref name="numEnvs"/> copies of <paramref name="id"/> as one vector environment.</summary>
    /// <param name="registry">Where <paramref name="id"/> is registered.</param>
    /// <param name="id">A registered id, e.g. <c>CartPole-v1</c>.</param>
    /// <param name="numEnvs">Number of copies (at least 1).</param>
    /// <param name="autoresetMode">How copies that ended are reset (<see cref="Gymnasium"/> supports next-step only).</param>
    /// <param name="vectorization"><see cref="Auto"/>, <see cref="Sync"/>, <see cref="Parallel"/>, <see cref="Soa"/>, <see cref="Gymnasium"/> or <see cref="Fast"/>.</param>
    /// <param name="kwargs">Overrides of the registered kwargs.</param>
    /// <param name="maxEpisodeSteps">Overrides the registered time limit; 0 removes it.</param>
    /// <param name="renderMode">The copies' render mode (Gymnasium's <c>render_mode</c>); rendering copies are copies of the
    /// scalar environment (<see cref="Sync"/> or <see cref="Parallel"/>, <see cref="Auto"/> picks <see cref="Sync"/>).</param>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    /// <exception cref="ArgumentException">Fewer than one copy, an unknown kwarg, or a vectorization the id does not offer (the message lists those it does).</exception>
    public static IVectorEnv Make(
        EnvRegistry registry,
        string id,
        int numEnvs,
        AutoresetMode autoresetMode = AutoresetMode.NextStep,
        string vectorization = Auto,
        IReadOnlyDictionary<string, object?>? kwargs = null,
        int? maxEpisodeSteps = null,
        string? renderMode = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.MakeVec(id, numEnvs, autoresetMode, vectorization, kwargs, maxEpisodeSteps, renderMode);
    }

    /// <summary>
    /// The vectorization <see cref="Make"/> uses for <paramref name="vectorization"/>: itself when <paramref name="id"/>
    /// offers it; for <see cref="Auto"/>, the structure-of-arrays variant where the id has one and nothing renders,
    /// otherwise <see cref="Sync"/>.
    /// </summary>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    /// <exception cref="ArgumentException">A vectorization the id does not offer (the message lists those it does).</exception>
    public static string Resolve(EnvRegistry registry, string id, string vectorization, string? renderMode = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.ResolveVectorization(id, vectorization, renderMode);
    }

    /// <summary>The vectorizations <paramref name="registry"/> offers for <paramref name="id"/> (besides <see cref="Auto"/>).</summary>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    public static IReadOnlyList<string> Available(EnvRegistry registry, string id)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Vectorizations(id);
    }
}
