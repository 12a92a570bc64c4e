using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Core.Wrappers;

namespace RlGym.Core.Registration;

/// <summary>
/// Environment ids and how to make them (Gymnasium's registry). Registration is plain data plus a constructor;
/// <see cref="Make"/> merges kwargs, constructs the environment and adds order enforcement and the time limit, so an
/// environment never counts its own steps; <see cref="MakeVec"/> makes N copies as one vector environment. An id's
/// batched implementations are registration data too (<see cref="RegisterVector"/>, <see cref="RegisterFastDynamics"/>,
/// as Gymnasium's <c>vector_entry_point</c>): every place that batches (<c>make_vec</c>, the server, <c>rlgym envs</c>
/// and <c>rlgym check</c>, the GPU runtime) reads them from here.
/// </summary>
public sealed class EnvRegistry
{
    private readonly Dictionary<string, Registration> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private sealed record Registration(EnvSpec Spec, Func<EnvSpec, Kwargs, string?, int?, IEnv> Make)
    {
        public IReadOnlyDictionary<string, Func<VectorRequest, IVectorEnv>> Vectors { get; init; } =
            new Dictionary<string, Func<VectorRequest, IVectorEnv>>(StringComparer.Ordinal);

        public Func<Kwargs, IFastDynamicsSource>? FastDynamics { get; init; }
    }

    /// <summary>Every registered spec, ordered by id.</summary>
    public IReadOnlyList<EnvSpec> Specs
    {
        get
        {
            lock (_lock)
            {
                return _entries.Values.Select(e => e.Spec).OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>Registers <paramref name="spec"/>; <paramref name="create"/> builds the bare environment from kwargs and a render mode.</summary>
    /// <exception cref="ArgumentException">The id is already registered (the message names both sources).</exception>
    public void Register<TObs, TAction>(EnvSpec spec, Func<Kwargs, string?, IEnv<TObs, TAction>> create)
        where TObs : notnull
        where TAction : notnull
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(create);
        lock (_lock)
        {
            if (_entries.TryGetValue(spec.Id, out var existing))
            {
                throw new ArgumentException(
                    $"Environment id '{spec.Id}' from {spec.Source} is already registered by {existing.Spec.Source}.");
            }

            _entries[spec.Id] = new Registration(spec, (effective, kwargs, renderMode, maxSteps) =>
            {
                IEnv<TObs, TAction> env = create(kwargs, renderMode);
                if (env is Env<TObs, TAction> bare)
                {
                    bare.Spec = effective;
                }

                if (effective.OrderEnforce)
                {
                    env = new OrderEnforcing<TObs, TAction>(env);
                }

                if (maxSteps is { } limit)
                {
                    env = new TimeLimit<TObs, TAction>(env, limit);
                }

                return env;
            });
        }
    }

    /// <summary>
    /// Registers an <see cref="Env{TObs, TAction}"/> subclass in one call (the way plugins register): the spec is built
    /// from the arguments, render modes come from the environment's <see cref="Env{TObs, TAction}.Metadata"/>.
    /// </summary>
    /// <param name="id">Id such as <c>MyTask-v0</c>.</param>
    /// <param name="create">Builds the bare environment from the merged kwargs and a render mode (null for none).</param>
    /// <param name="maxEpisodeSteps">Steps after which <see cref="Make"/>'s time limit truncates; null for none.</param>
    /// <param name="rewardThreshold">Mean return at which the task counts as solved; null when none.</param>
    /// <param name="kwargs">
    /// Every kwarg the environment accepts with its default (bool, long, double, string, a list of those, or null);
    /// any other name given to <see cref="Make"/> is rejected.
    /// </param>
    /// <param name="nondeterministic">True when the same seed does not guarantee the same trajectory.</param>
    /// <exception cref="ArgumentException">The id is already registered.</exception>
    public void Register<TObs, TAction>(
        string id,
        Func<Kwargs, string?, Env<TObs, TAction>> create,
        int? maxEpisodeSteps = null,
        double? rewardThreshold = null,
        IReadOnlyDictionary<string, object?>? kwargs = null,
        bool nondeterministic = false)
        where TObs : notnull
        where TAction : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(create);
        if (maxEpisodeSteps is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEpisodeSteps), maxEpisodeSteps, "max_episode_steps must be positive, or null for no time limit.");
        }

        var spec = new EnvSpec
        {
            Id = id,
            // Where the registration is written (the plugin class), outside any closure class.
            EntryPoint = OuterType(create.Method.DeclaringType)?.FullName ?? id,
            MaxEpisodeSteps = maxEpisodeSteps,
            RewardThreshold = rewardThreshold,
            Nondeterministic = nondeterministic,
            Kwargs = new Dictionary<string, object?>(kwargs ?? new Dictionary<string, object?>(), StringComparer.Ordinal),
        };
        Register<TObs, TAction>(spec, create);
    }

    /// <summary>
    /// Copies the registration of <paramref name="id"/> from <paramref name="other"/> into this registry with
    /// <see cref="EnvSpec.Source"/> set to <paramref name="source"/> (how plugin environments join the built-ins).
    /// </summary>
    /// <exception cref="ArgumentException">The id is already registered here (the message names both sources).</exception>
    public void Import(EnvRegistry other, string id, string source)
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(source);
        var registration = other.Find(id);
        var spec = registration.Spec with { Source = source };
        lock (_lock)
        {
            if (_entries.TryGetValue(id, out var existing))
            {
                throw new ArgumentException($"Environment id '{id}' from {source} is already registered by {existing.Spec.Source}.");
            }

            _entries[id] = registration with { Spec = spec };
        }
    }

    /// <summary>
    /// Registers a batched implementation of <paramref name="id"/> (its <c>vector_entry_point</c>):
    /// <see cref="Vector.Vectorizations.Soa"/> (exact, equal to copies of the scalar env: for an environment built on
    /// dynamics, <c>DynamicsVectorEnv.Make</c>), <see cref="Vector.Vectorizations.Gymnasium"/> (Gymnasium's own vector
    /// semantics where they differ) or <see cref="Vector.Vectorizations.Fast"/> (a float32 loop of its own; without one,
    /// <see cref="RegisterFastDynamics"/> provides the generic one).
    /// </summary>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    /// <exception cref="ArgumentException">Another vectorization name, or one already registered for the id.</exception>
    public void RegisterVector(string id, string vectorization, Func<VectorRequest, IVectorEnv> make)
    {
        ArgumentNullException.ThrowIfNull(vectorization);
        ArgumentNullException.ThrowIfNull(make);
        if (!Vector.Vectorizations.Registrable.Contains(vectorization))
        {
            throw new ArgumentException(
                $"Cannot register vectorization {Formatting.Quote(vectorization)} for {id}; registrable: {string.Join(", ", Vector.Vectorizations.Registrable)} (sync and parallel exist for every id).",
                nameof(vectorization));
        }

        Update(id, registration =>
        {
            if (registration.Vectors.ContainsKey(vectorization))
            {
                throw new ArgumentException($"{id} already has a {Formatting.Quote(vectorization)} vectorization.", nameof(vectorization));
            }

            var vectors = new Dictionary<string, Func<VectorRequest, IVectorEnv>>(registration.Vectors, StringComparer.Ordinal) { [vectorization] = make };
            var exact = vectorization is Vector.Vectorizations.Soa or Vector.Vectorizations.Gymnasium;
            return registration with
            {
                Spec = registration.Spec with { HasVectorEntryPoint = registration.Spec.HasVectorEntryPoint || exact },
                Vectors = vectors,
            };
        });
    }

    /// <summary>
    /// Registers <paramref name="id"/>'s float32 per-element dynamics, built from the merged kwargs: they make its
    /// <see cref="Vector.Vectorizations.Fast"/> variant (unless one is registered) and its GPU variant.
    /// </summary>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    /// <exception cref="ArgumentException">The id already has fast dynamics.</exception>
    public void RegisterFastDynamics(string id, Func<Kwargs, IFastDynamicsSource> make)
    {
        ArgumentNullException.ThrowIfNull(make);
        Update(id, registration => registration.FastDynamics is null
            ? registration with { FastDynamics = make }
            : throw new ArgumentException($"{id} already has fast dynamics.", nameof(make)));
    }

    /// <summary>
    /// The vectorizations <paramref name="id"/> offers besides <see cref="Vector.Vectorizations.Auto"/>: sync and parallel,
    /// then those its registration adds.
    /// </summary>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    public IReadOnlyList<string> Vectorizations(string id)
    {
        var registration = Find(id);
        return
        [
            Vector.Vectorizations.Sync,
            Vector.Vectorizations.Parallel,
            .. Vector.Vectorizations.Registrable.Where(v => registration.Vectors.ContainsKey(v) || (v == Vector.Vectorizations.Fast && registration.FastDynamics is not null)),
        ];
    }

    /// <summary>The registered batched implementation <paramref name="vectorization"/> of <paramref name="id"/>, or null.</summary>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    public Func<VectorRequest, IVectorEnv>? VectorVariant(string id, string vectorization) =>
        Find(id).Vectors.GetValueOrDefault(vectorization);

    /// <summary>The fast dynamics of <paramref name="id"/> for <paramref name="kwargs"/>, or null when it has none.</summary>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    public IFastDynamicsSource? FastDynamics(string id, Kwargs kwargs) => Find(id).FastDynamics?.Invoke(kwargs);

    /// <summary>True when <paramref name="id"/> has fast dynamics (a fast CPU and a GPU variant).</summary>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    public bool HasFastDynamics(string id) => Find(id).FastDynamics is not null;

    /// <summary>True when <paramref name="id"/> is registered.</summary>
    public bool Contains(string id)
    {
        lock (_lock)
        {
            return _entries.ContainsKey(id);
        }
    }

    /// <summary>The spec registered for <paramref name="id"/>.</summary>
    /// <exception cref="UnknownEnvironmentException">Unknown id; the message lists the registered ids.</exception>
    public EnvSpec Spec(string id) => Find(id).Spec;

    /// <summary>Makes <paramref name="id"/> with its time limit and order enforcement (Gymnasium's <c>make</c>).</summary>
    /// <param name="id">A registered id.</param>
    /// <param name="kwargs">Overrides of the registered kwargs; unknown names are an <see cref="ArgumentException"/>.</param>
    /// <param name="renderMode">A render mode from the environment's metadata, or null.</param>
    /// <param name="maxEpisodeSteps">Overrides the registered time limit; 0 removes it.</param>
    public IEnv Make(string id, IReadOnlyDictionary<string, object?>? kwargs = null, string? renderMode = null, int? maxEpisodeSteps = null)
    {
        var registration = Find(id);
        var merged = new Kwargs(id, registration.Spec.Kwargs, kwargs);
        if (maxEpisodeSteps is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEpisodeSteps), maxEpisodeSteps, "max_episode_steps must be positive, or 0 for no time limit.");
        }

        var limit = maxEpisodeSteps switch
        {
            null => registration.Spec.MaxEpisodeSteps,
            0 => null,
            var steps => steps,
        };
        var effective = registration.Spec with { Kwargs = merged.Values, MaxEpisodeSteps = limit };
        return registration.Make(effective, merged, renderMode, limit);
    }

    /// <summary>Makes <paramref name="id"/> with typed observations and actions.</summary>
    /// <exception cref="InvalidCastException">The environment's types differ; the message names them.</exception>
    public IEnv<TObs, TAction> Make<TObs, TAction>(string id, IReadOnlyDictionary<string, object?>? kwargs = null, string? renderMode = null, int? maxEpisodeSteps = null)
        where TObs : notnull
        where TAction : notnull
    {
        var env = Make(id, kwargs, renderMode, maxEpisodeSteps);
        if (env is IEnv<TObs, TAction> typed)
        {
            return typed;
        }

        env.Dispose();
        throw new InvalidCastException(
            $"{id} observes {env.ObservationSpace} and acts in {env.ActionSpace}; it is not an IEnv<{typeof(TObs).Name}, {typeof(TAction).Name}>.");
    }

    /// <summary>
    /// Makes <paramref name="numEnvs"/> copies of <paramref name="id"/> as one vector environment (Gymnasium's
    /// <c>make_vec</c>): copies of the scalar environment (<see cref="Vector.Vectorizations.Sync"/>,
    /// <see cref="Vector.Vectorizations.Parallel"/>), or a batched variant the id's registration provides
    /// (<see cref="RegisterVector"/>, <see cref="RegisterFastDynamics"/>).
    /// </summary>
    /// <param name="id">A registered id, e.g. <c>CartPole-v1</c>.</param>
    /// <param name="numEnvs">Number of copies (at least 1).</param>
    /// <param name="autoresetMode">How copies that ended are reset (the gymnasium and fast variants support next-step only).</param>
    /// <param name="vectorization"><see cref="Vector.Vectorizations.Auto"/> or one of <see cref="Vectorizations(string)"/>.</param>
    /// <param name="kwargs">Overrides of the registered kwargs.</param>
    /// <param name="maxEpisodeSteps">Overrides the registered time limit; 0 removes it.</param>
    /// <param name="renderMode">The copies' render mode; copies that render are copies of the scalar environment
    /// (sync or parallel; auto picks sync).</param>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    /// <exception cref="ArgumentException">Fewer than one copy, an unknown kwarg, or a vectorization the id does not offer (the message lists those it does).</exception>
    public IVectorEnv MakeVec(
        string id,
        int numEnvs,
        AutoresetMode autoresetMode = AutoresetMode.NextStep,
        string vectorization = Vector.Vectorizations.Auto,
        IReadOnlyDictionary<string, object?>? kwargs = null,
        int? maxEpisodeSteps = null,
        string? renderMode = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(vectorization);
        if (numEnvs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numEnvs), numEnvs, $"A vector environment needs at least one copy; got num_envs={numEnvs} for {id}.");
        }

        // The first copy validates id and kwargs and carries the effective spec (merged kwargs, time limit).
        var first = Make(id, kwargs, renderMode, maxEpisodeSteps);
        try
        {
            var chosen = ResolveVectorization(id, vectorization, renderMode);
            if (renderMode is not null && chosen is not (Vector.Vectorizations.Sync or Vector.Vectorizations.Parallel))
            {
                throw new ArgumentException(
                    $"Vectorization {Formatting.Quote(chosen)} does not render; with render_mode {Formatting.Quote(renderMode)} use {Vector.Vectorizations.Auto}, {Vector.Vectorizations.Sync} or {Vector.Vectorizations.Parallel}.",
                    nameof(renderMode));
            }

            if (chosen is Vector.Vectorizations.Sync or Vector.Vectorizations.Parallel)
            {
                var envs = new IEnv[numEnvs];
                envs[0] = first;
                for (var i = 1; i < numEnvs; i++)
                {
                    envs[i] = Make(id, kwargs, renderMode, maxEpisodeSteps);
                }

                first = null;
                var type = typeof(SyncVectorEnv<,>).MakeGenericType(
                    SpaceBatching.BatchType(envs[0].ObservationSpace), SpaceBatching.BatchType(envs[0].ActionSpace));
                return (IVectorEnv)Activator.CreateInstance(type, envs, autoresetMode, chosen == Vector.Vectorizations.Parallel)!;
            }

            var spec = first.Spec!;
            var request = new VectorRequest(first.Unwrapped, new Kwargs(id, spec.Kwargs), numEnvs, autoresetMode, spec);
            return VectorVariant(id, chosen) is { } registered
                ? registered(request)
                : FastDynamics(id, request.Kwargs)!.Accept(new FastVectorFactory(request), request.Prototype);
        }
        finally
        {
            first?.Dispose();
        }
    }

    /// <summary>
    /// The vectorization <see cref="MakeVec"/> uses for <paramref name="vectorization"/>: itself when <paramref name="id"/>
    /// offers it; for <see cref="Vector.Vectorizations.Auto"/>, the structure-of-arrays variant where the id has one and
    /// nothing renders, otherwise sync.
    /// </summary>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    /// <exception cref="ArgumentException">A vectorization the id does not offer (the message lists those it does).</exception>
    public string ResolveVectorization(string id, string vectorization, string? renderMode = null)
    {
        ArgumentNullException.ThrowIfNull(vectorization);
        var available = Vectorizations(id);
        var chosen = vectorization == Vector.Vectorizations.Auto
            ? (available.Contains(Vector.Vectorizations.Soa) && renderMode is null ? Vector.Vectorizations.Soa : Vector.Vectorizations.Sync)
            : vectorization;
        return available.Contains(chosen)
            ? chosen
            : throw new ArgumentException(
                $"Vectorization {Formatting.Quote(vectorization)} is not available for {id}; available: {Vector.Vectorizations.Auto}, {string.Join(", ", available)}.",
                nameof(vectorization));
    }

    // Lambdas compile into generated closure classes nested in the class that wrote them: step out of those.
    private static Type? OuterType(Type? type)
    {
        while (type is not null && type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), inherit: false) && type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private void Update(string id, Func<Registration, Registration> change)
    {
        lock (_lock)
        {
            _entries[id] = change(Find(id));
        }
    }

    private Registration Find(string id)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(id, out var registration))
            {
                return registration;
            }

            var known = string.Join(", ", _entries.Keys.Order(StringComparer.Ordinal));
            throw new UnknownEnvironmentException($"No environment is registered as {Formatting.Quote(id)}; registered ids: {known}.");
        }
    }

    // The generic fast CPU variant (the per-element loop the GPU kernel also runs) of an id's fast dynamics.
    private sealed class FastVectorFactory(VectorRequest request) : IFastDynamicsVisitor<IVectorEnv>
    {
        public IVectorEnv Visit<TDynamics, TState, TObs, TObsElement, TAction>(TDynamics dynamics, IEnv prototype)
            where TDynamics : struct, IFastDynamics<TState, TObs, TAction>
            where TState : unmanaged
            where TObs : unmanaged
            where TObsElement : unmanaged
            where TAction : unmanaged =>
            new FastVectorEnv<TDynamics, TState, TObs, TObsElement, TAction>(
                request.NumEnvs, dynamics, prototype, request.AutoresetMode, request.Spec.MaxEpisodeSteps, request.Spec);
    }
}
