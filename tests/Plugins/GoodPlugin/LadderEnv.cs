using RlGym.Core.Dynamics;
using RlGym.Core.Spaces;

namespace GoodPlugin;

/// <summary>
/// A plugin environment with every variant: the scalar env is <see cref="LadderDynamics"/> behind
/// <see cref="DynamicsEnv{TDynamics, TState, TObs, TAction, TActionElement}"/>, and the same dynamics make its soa and
/// fast variants (see <see cref="GoodPluginEnvironments"/>). Observation <c>Box(0, height - 1, (1,), float32)</c> (the
/// rung), action <c>Discrete(2)</c> (0 down, 1 up), reward 1 on reaching the top rung (terminated).
/// </summary>
public sealed class LadderEnv : DynamicsEnv<LadderDynamics, int, float, int, int>
{
    /// <summary>A ladder of <paramref name="height"/> rungs, slipping with probability <paramref name="slip"/>.</summary>
    public LadderEnv(int height, double slip, string? renderMode = null)
        : base(new LadderDynamics(height, slip), new Box<float>(0, height - 1, [1]), new Discrete(2), renderMode: renderMode)
    {
    }
}
