namespace RlGym.Core.Dynamics;

/// <summary>
/// One environment's per-element dynamics, shared by the fast CPU variant and the GPU kernel: implemented by a small
/// struct (its fields are the env's kwargs), called through a generic constraint so ILGPU can compile it.
/// Methods must stay kernel-safe: no allocation, no exceptions, no managed references, float32 (or integer) math only.
/// </summary>
/// <typeparam name="TState">The per-copy state (an unmanaged struct).</typeparam>
/// <typeparam name="TObs">
/// The per-copy observation: an unmanaged struct laid out exactly as the observation's elements (floats for the
/// classic-control envs, one byte per bool for Breakout); see the observation element type of <see cref="Vector.Float32VectorEnv{TDynamics, TState, TObs, TObsElement, TAction}"/>.
/// </typeparam>
/// <typeparam name="TAction">The per-copy action: <c>int</c> for Discrete, <c>float</c> for a one-element Box.</typeparam>
public interface IFastDynamics<TState, TObs, TAction>
    where TState : unmanaged
    where TObs : unmanaged
    where TAction : unmanaged
{
    /// <summary>A starting state drawn from <paramref name="random"/> (the scalar env's reset distribution).</summary>
    TState Reset(ref FastRandom random);

    /// <summary>
    /// The state after one step under <paramref name="action"/>, with its reward and whether it is terminal.
    /// <paramref name="random"/> is the copy's generator, for dynamics that draw while stepping (Breakout's sticky
    /// actions); the classic-control dynamics leave it alone.
    /// </summary>
    TState Step(TState state, TAction action, ref FastRandom random, out float reward, out bool terminated);

    /// <summary>
    /// Writes the observation of <paramref name="state"/> into <paramref name="observation"/>, which is the copy's slot
    /// of the batch: written in place, a large observation (Breakout's 400 bytes) is never copied through return values.
    /// </summary>
    void Observe(in TState state, out TObs observation);
}
