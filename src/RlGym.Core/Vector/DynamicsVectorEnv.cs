using RlGym.Core.Dynamics;
using RlGym.Core.Random;
using RlGym.Core.Registration;

namespace RlGym.Core.Vector;

/// <summary>
/// N copies of an environment built on <see cref="IDynamics{TState, TObs, TAction}"/>, batched (<c>vectorization: soa</c>):
/// one state per copy, observations, rewards and flags in flat arrays, each copy stepped by the same dynamics as the
/// scalar environment, so copy i equals the scalar environment seeded with <c>seed + i</c> bit for bit.
/// </summary>
/// <typeparam name="TDynamics">The rules, carrying the environment's kwargs.</typeparam>
/// <typeparam name="TState">The per-copy state.</typeparam>
/// <typeparam name="TObs">The observation's element type.</typeparam>
/// <typeparam name="TAction">The action's element type: batches are <typeparamref name="TAction"/>[], action size elements per copy.</typeparam>
public sealed class DynamicsVectorEnv<TDynamics, TState, TObs, TAction> : SoaVectorEnv<TObs, TAction>
    where TDynamics : struct, IDynamics<TState, TObs, TAction>
    where TState : struct
    where TObs : unmanaged
    where TAction : unmanaged
{
    private readonly TDynamics _dynamics;
    private readonly TState[] _states;

    /// <summary>Creates <paramref name="numEnvs"/> copies; call <c>Reset</c> before the first step.</summary>
    /// <param name="numEnvs">Number of copies.</param>
    /// <param name="dynamics">The rules (with the kwargs of <paramref name="prototype"/>).</param>
    /// <param name="prototype">A scalar environment of the same kind: its spaces and metadata are the copies'.</param>
    /// <param name="autoresetMode">How copies that ended are reset.</param>
    /// <param name="maxEpisodeSteps">Time limit per copy, null for none.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    public DynamicsVectorEnv(int numEnvs, TDynamics dynamics, IEnv prototype, AutoresetMode autoresetMode, int? maxEpisodeSteps, EnvSpec? spec)
        : base(numEnvs, prototype, autoresetMode, maxEpisodeSteps, spec)
    {
        _dynamics = dynamics;
        _states = new TState[numEnvs];
    }

    /// <summary>
    /// The batched variant of a registered id whose scalar environment is an <see cref="IDynamicsEnv{TDynamics}"/>
    /// (register it with <c>EnvRegistry.RegisterVector(id, Vectorizations.Soa, ...)</c>).
    /// </summary>
    public static IVectorEnv Make(VectorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dynamics = request.Prototype is IDynamicsEnv<TDynamics> source
            ? source.Dynamics
            : throw new ArgumentException($"{request.Prototype.GetType().Name} is not built on {typeof(TDynamics).Name}.", nameof(request));
        return new DynamicsVectorEnv<TDynamics, TState, TObs, TAction>(
            request.NumEnvs, dynamics, request.Prototype, request.AutoresetMode, request.Spec.MaxEpisodeSteps, request.Spec);
    }

    /// <summary>Copy <paramref name="index"/>'s state (tests, rendering).</summary>
    public TState StateOf(int index) => _states[index];

    /// <inheritdoc />
    protected override void ResetCopy(int index, NumpyGenerator random, IReadOnlyDictionary<string, object>? options)
    {
        _states[index] = _dynamics.Reset(random, options);
        _dynamics.Observe(in _states[index], Observations.AsSpan(index * ObservationSize, ObservationSize));
    }

    /// <inheritdoc />
    protected override void StepCopies(int start, int end, TAction[] actions)
    {
        var (dynamics, states, observations, observationSize, actionSize) = (_dynamics, _states, Observations, ObservationSize, ActionSize);
        for (var i = start; i < end; i++)
        {
            if (AutoresetInstead(i))
            {
                continue;
            }

            var reward = dynamics.Step(ref states[i], actions.AsSpan(i * actionSize, actionSize), RandomOf(i), out var terminated);
            dynamics.Observe(in states[i], observations.AsSpan(i * observationSize, observationSize));
            Complete(i, reward, terminated);
        }
    }
}
