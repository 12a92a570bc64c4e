using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.MinAtar;

namespace RlGym.Environments.Fast;

/// <summary>
/// MinAtar Breakout for the fast and GPU variants: the rules are <see cref="BreakoutDynamics"/> itself (all-integer,
/// so a copy equals the scalar <see cref="BreakoutEnv"/> step for step given the same start side and sticky draws);
/// only the randomness comes from <see cref="FastRandom"/>: the start side (one bit) at reset and the sticky-action
/// draw (a float32 uniform against <c>sticky_action_prob</c>) on every step, before the game sees the action, as
/// <see cref="BreakoutEnv"/> does; what the draw decides is <see cref="BreakoutDynamics"/>' sticky-action rule too.
/// </summary>
/// <param name="stickyActionProb">The kwarg <c>sticky_action_prob</c>, in [0, 1).</param>
/// <param name="useMinimalActionSet">The kwarg <c>use_minimal_action_set</c>.</param>
public readonly struct BreakoutFastDynamics(float stickyActionProb, bool useMinimalActionSet) : IFastDynamics<BreakoutFastState, BreakoutObservation, int>
{
    // A byte, not a bool: ILGPU passes only blittable structs to kernels.
    private readonly byte _useMinimalActionSet = useMinimalActionSet ? (byte)1 : (byte)0;

    /// <summary>Probability of repeating the previous paddle move.</summary>
    public float StickyActionProb { get; } = stickyActionProb;

    /// <summary>True for the actions (no-op, left, right); false for MinAtar's full set of 6.</summary>
    public bool UseMinimalActionSet => _useMinimalActionSet != 0;

    /// <inheritdoc />
    public BreakoutFastState Reset(ref FastRandom random) => new()
    {
        Game = BreakoutDynamics.Reset(startRight: (random.NextUInt64() >> 63) != 0),
        LastMove = 0,
    };

    /// <inheritdoc />
    public BreakoutFastState Step(BreakoutFastState state, int action, ref FastRandom random, out float reward, out bool terminated)
    {
        reward = BreakoutDynamics.Step(ref state.Game, ref state.LastMove, action, random.NextFloat() < StickyActionProb, UseMinimalActionSet);
        terminated = state.Game.Terminal;
        return state;
    }

    /// <inheritdoc />
    public void Observe(in BreakoutFastState state, out BreakoutObservation observation) => BreakoutObservation.Write(state.Game, out observation);
}
