using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Core.Wrappers;

namespace RlGym.Core.Registration;

/// <summary>
/// Environment ids and how to make them (Gymnasium's registry). Registration is plain data plus a constructor;
/// <see cref="Make"/> merges kwargs, constructs the environment and adds order enforcement and the time limit, so an
/// environment never counts its own steps. An id's batched implementations are registration data too
/// (<see cref="RegisterVector"/>, <see cref="RegisterFastDynamics"/>, as Gymnasium's <c>vector_entry_point</c>):
/// every place that batches (<c>make_vec</c>, the server, <c>rlgym envs</c> and <c>rlgym check</c>, the GPU runtime)
/// reads them from here.
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
}
