using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Registration;
using RlGym.Core.Vector;

namespace RlGym.Environments.Vectorized;

/// <summary>
/// Makes vector environments (Gymnasium's <c>make_vec</c>): N copies of a registered id, vectorized generically
/// (<see cref="Sync"/>, <see cref="Parallel"/>), as a structure-of-arrays variant (<see cref="Soa"/>), or as Gymnasium's
/// own vector entry point (<see cref="Gymnasium"/>, CartPole only), or in float32 (<see cref="Fast"/>).
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
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(vectorization);
        if (numEnvs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numEnvs), numEnvs, $"A vector environment needs at least one copy; got num_envs={numEnvs} for {id}.");
        }

        // The first copy validates id and kwargs and carries the effective spec (merged kwargs, time limit).
        var first = registry.Make(id, kwargs, renderMode, maxEpisodeSteps);
        try
        {
            var chosen = Resolve(registry, id, vectorization, renderMode);

            if (renderMode is not null && chosen is not (Sync or Parallel))
            {
                throw new ArgumentException(
                    $"Vectorization {RlGym.Core.Formatting.Quote(chosen)} does not render; with render_mode {RlGym.Core.Formatting.Quote(renderMode)} use {Auto}, {Sync} or {Parallel}.",
                    nameof(renderMode));
            }

            if (chosen is Sync or Parallel)
            {
                var envs = new IEnv[numEnvs];
                envs[0] = first;
                for (var i = 1; i < numEnvs; i++)
                {
                    envs[i] = registry.Make(id, kwargs, renderMode, maxEpisodeSteps);
                }

                first = null;
                var type = typeof(SyncVectorEnv<,>).MakeGenericType(
                    SpaceBatching.BatchType(envs[0].ObservationSpace), SpaceBatching.BatchType(envs[0].ActionSpace));
                return (IVectorEnv)Activator.CreateInstance(type, envs, autoresetMode, chosen == Parallel)!;
            }

            var spec = first.Spec!;
            var request = new VectorRequest(first.Unwrapped, new Kwargs(id, spec.Kwargs), numEnvs, autoresetMode, spec);
            return registry.VectorVariant(id, chosen) is { } registered
                ? registered(request)
                : MakeFast(registry.FastDynamics(id, request.Kwargs)!, request);
        }
        finally
        {
            first?.Dispose();
        }
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
        var available = registry.Vectorizations(id);
        var chosen = vectorization == Auto ? (available.Contains(Soa) && renderMode is null ? Soa : Sync) : vectorization;
        return available.Contains(chosen)
            ? chosen
            : throw new ArgumentException(
                $"Vectorization {RlGym.Core.Formatting.Quote(vectorization)} is not available for {id}; available: {Auto}, {string.Join(", ", available)}.",
                nameof(vectorization));
    }

    /// <summary>The vectorizations <paramref name="registry"/> offers for <paramref name="id"/> (besides <see cref="Auto"/>).</summary>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    public static IReadOnlyList<string> Available(EnvRegistry registry, string id)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Vectorizations(id);
    }

    /// <summary>The generic fast CPU variant (the per-element loop the GPU kernel also runs) of <paramref name="dynamics"/>.</summary>
    /// <exception cref="ArgumentException">An autoreset mode other than next-step.</exception>
    public static IVectorEnv MakeFast(IFastDynamicsSource dynamics, VectorRequest request)
    {
        ArgumentNullException.ThrowIfNull(dynamics);
        ArgumentNullException.ThrowIfNull(request);
        return dynamics.Accept(new FastFactory(request.NumEnvs, request.AutoresetMode, request.Spec), request.Prototype);
    }

    private sealed class FastFactory(int numEnvs, AutoresetMode mode, EnvSpec? spec) : IFastDynamicsVisitor<IVectorEnv>
    {
        public IVectorEnv Visit<TDynamics, TState, TObs, TObsElement, TAction>(TDynamics dynamics, IEnv prototype)
            where TDynamics : struct, IFastDynamics<TState, TObs, TAction>
            where TState : unmanaged
            where TObs : unmanaged
            where TObsElement : unmanaged
            where TAction : unmanaged =>
            new FastVectorEnv<TDynamics, TState, TObs, TObsElement, TAction>(numEnvs, dynamics, prototype, mode, spec?.MaxEpisodeSteps, spec);
    }
}
