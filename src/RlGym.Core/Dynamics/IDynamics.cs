using RlGym.Core.Random;

namespace RlGym.Core.Dynamics;

/// <summary>
/// One environment's exact rules, once: how an episode starts, how a state steps (reward and termination) and what it
/// observes. The scalar environment (<see cref="DynamicsEnv{TDynamics, TState, TObs, TAction, TActionElement}"/>) and
/// the structure-of-arrays vector environment (<see cref="Vector.DynamicsVectorEnv{TDynamics, TState, TObs, TAction}"/>)
/// both call it, so copy i of the batch equals the scalar environment seeded alike, bit for bit.
/// </summary>
/// <remarks>
/// Implement it on a <c>readonly struct</c> whose fields are the environment's kwargs, and keep every method pure:
/// all randomness from the generator passed in, all per-episode data in <typeparamref name="TState"/>. The generic
/// environments are constrained to structs, so the JIT specializes and inlines the calls: no virtual call per copy.
/// The float32 counterpart, for the fast CPU and GPU variants, is <see cref="IFastDynamics{TState, TObs, TAction}"/>.
/// </remarks>
/// <typeparam name="TState">Everything one copy carries between steps.</typeparam>
/// <typeparam name="TObs">The observation's element type (<c>float</c>, <c>bool</c>, ...).</typeparam>
/// <typeparam name="TAction">The action's element type: <c>int</c> for Discrete, <c>float</c> for a Box.</typeparam>
public interface IDynamics<TState, TObs, TAction>
    where TState : struct
    where TObs : unmanaged
    where TAction : unmanaged
{
    /// <summary>A starting state drawn from <paramref name="random"/>, as the environment's reset draws it.</summary>
    /// <param name="random">The copy's generator (Gymnasium's <c>np_random</c>).</param>
    /// <param name="options">The reset options (Gymnasium's <c>options</c>), null when none were given.</param>
    TState Reset(NumpyGenerator random, IReadOnlyDictionary<string, object>? options);

    /// <summary>Advances <paramref name="state"/> one step under <paramref name="action"/>.</summary>
    /// <param name="state">The copy's state, updated in place.</param>
    /// <param name="action">The action's elements (one for Discrete), already checked against the action space's shape.</param>
    /// <param name="random">The copy's generator, for rules that draw while stepping (sticky actions).</param>
    /// <param name="terminated">Whether the new state ends the episode.</param>
    /// <returns>The step's reward.</returns>
    double Step(ref TState state, ReadOnlySpan<TAction> action, NumpyGenerator random, out bool terminated);

    /// <summary>Writes the observation of <paramref name="state"/> into <paramref name="observation"/> (the copy's slot).</summary>
    void Observe(in TState state, Span<TObs> observation);
}
