using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RlGym.Core.Spaces;

namespace RlGym.Core.Dynamics;

/// <summary>
/// A scalar environment whose rules are an <see cref="IDynamics{TState, TObs, TAction}"/>: reset, step and the
/// observation are the dynamics', so a subclass declares only its spaces and metadata, and its rendering. The same
/// dynamics make the id's batched variant (<see cref="Vector.DynamicsVectorEnv{TDynamics, TState, TObs, TAction}"/>).
/// </summary>
/// <typeparam name="TDynamics">The rules, carrying the environment's kwargs.</typeparam>
/// <typeparam name="TState">The per-episode state.</typeparam>
/// <typeparam name="TObs">The observation's element type: observations are <typeparamref name="TObs"/>[].</typeparam>
/// <typeparam name="TAction">The action as the environment takes it: <c>int</c> (Discrete) or an array (Box).</typeparam>
/// <typeparam name="TActionElement">The action's element type (<c>int</c>, <c>float</c>).</typeparam>
public abstract class DynamicsEnv<TDynamics, TState, TObs, TAction, TActionElement> : Env<TObs[], TAction>, IDynamicsEnv<TDynamics>
    where TDynamics : struct, IDynamics<TState, TObs, TActionElement>
    where TState : struct
    where TObs : unmanaged
    where TAction : notnull
    where TActionElement : unmanaged
{
    private readonly int _observationSize;
    private TState _state;
    private bool _hasState;

    /// <summary>Declares the dynamics, spaces, metadata and the chosen render mode.</summary>
    protected DynamicsEnv(TDynamics dynamics, Space<TObs[]> observationSpace, Space<TAction> actionSpace, EnvMetadata? metadata = null, string? renderMode = null)
        : base(observationSpace, actionSpace, metadata, renderMode)
    {
        if (typeof(TAction) != typeof(TActionElement) && typeof(TAction) != typeof(TActionElement[]))
        {
            throw new ArgumentException($"Actions of type {typeof(TAction).Name} are neither a {typeof(TActionElement).Name} nor an array of them.");
        }

        Dynamics = dynamics;
        _observationSize = observationSpace.Shape.Aggregate(1, (a, b) => a * b);
    }

    /// <inheritdoc />
    public TDynamics Dynamics { get; }

    /// <summary>True once the first reset has drawn a state.</summary>
    protected bool HasState => _hasState;

    /// <summary>The current state (the default before the first reset); setting it places the environment there.</summary>
    protected TState CurrentState
    {
        get => _state;
        set
        {
            _state = value;
            _hasState = true;
        }
    }

    /// <inheritdoc />
    protected sealed override ResetResult<TObs[]> ResetCore(IReadOnlyDictionary<string, object>? options)
    {
        CurrentState = Dynamics.Reset(NpRandom, options);
        return new(Observation(), EnvInfo.Empty);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidActionException">The action is not one the environment takes (see <see cref="CheckAction"/>).</exception>
    /// <exception cref="ResetNeededException">No reset yet.</exception>
    public sealed override StepResult<TObs[]> Step(TAction action)
    {
        CheckAction(action);
        if (!_hasState)
        {
            throw new ResetNeededException($"Call Reset() before Step(): {Spec?.Id ?? GetType().Name} has no state yet.");
        }

        var reward = Dynamics.Step(ref _state, Elements(ref action), NpRandom, out var terminated);
        return new(Observation(), reward, terminated, false, EnvInfo.Empty);
    }

    /// <summary>
    /// Throws <see cref="InvalidActionException"/> for an action the environment does not take: by default one outside
    /// the action space. Box environments that clip, as Gymnasium's do, check the shape only.
    /// </summary>
    protected virtual void CheckAction(TAction action) => RequireValidAction(action);

    /// <summary>The observation of the current state.</summary>
    protected TObs[] Observation()
    {
        var observation = new TObs[_observationSize];
        Dynamics.Observe(in _state, observation);
        return observation;
    }

    // An int action is its own single element; an array action is its elements.
    private static ReadOnlySpan<TActionElement> Elements(ref TAction action) =>
        typeof(TAction) == typeof(TActionElement)
            ? MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TAction, TActionElement>(ref action), 1)
            : (TActionElement[])(object)action;
}

/// <summary>An environment built on dynamics: the batched variants take its <see cref="Dynamics"/> (with its kwargs).</summary>
/// <typeparam name="TDynamics">The rules.</typeparam>
public interface IDynamicsEnv<TDynamics>
    where TDynamics : struct
{
    /// <summary>The rules, carrying the environment's kwargs.</summary>
    TDynamics Dynamics { get; }
}
