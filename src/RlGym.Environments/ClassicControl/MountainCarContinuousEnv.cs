using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;

namespace RlGym.Environments.ClassicControl;

/// <summary>
/// MountainCarContinuous-v0: the mountain car with a continuous engine force and an energy penalty. Step for step and
/// seed for seed equal to Gymnasium's <c>Continuous_MountainCarEnv</c> (under NumPy 2 by default).
/// </summary>
/// <remarks>
/// <para><b>Description.</b> As <see cref="MountainCarEnv"/>: an underpowered car must rock itself out of a valley to
/// the flag on the right hill. Here the action is a force, and strong actions cost reward.</para>
/// <para><b>Action Space.</b> <c>Box(-1, 1, (1,), float32)</c>: the force. It is clipped to [-1, 1] and scaled by
/// 0.0015. Values outside the box are accepted, as in Gymnasium (clipped for the force, penalised unclipped).</para>
/// <para><b>Observation Space.</b> <c>Box([-1.2, -0.07], [0.6, 0.07], (2,), float32)</c>:</para>
/// <list type="table">
/// <listheader><term>Index</term><description>Observation (min, max)</description></listheader>
/// <item><term>0</term><description>Position of the car along the track (-1.2, 0.6)</description></item>
/// <item><term>1</term><description>Velocity of the car (-0.07, 0.07)</description></item>
/// </list>
/// <para>Each step: <c>velocity += force * 0.0015 - 0.0025 * cos(3 * position)</c>, clamped to ±0.07; then
/// <c>position += velocity</c>, clamped to [-1.2, 0.6]; hitting the left wall stops the car. The state is kept as
/// float32 after every step, as Gymnasium keeps it.</para>
/// <para><b>Rewards.</b> <c>-0.1 * action²</c> every step (the unclipped action), plus 100 on the step that reaches
/// the goal.</para>
/// <para><b>Starting State.</b> Position uniform in [-0.6, -0.4] (one draw), velocity 0. Reset options <c>low</c> and
/// <c>high</c> replace those bounds.</para>
/// <para><b>Episode End.</b> Termination: position ≥ 0.45 with velocity ≥ <c>goal_velocity</c>. Truncation: after
/// 999 steps (the time limit <c>Make</c> adds).</para>
/// <para><b>Arguments.</b> <c>goal_velocity</c> (default 0); <c>render_mode</c>: <c>rgb_array</c> draws a 400x600
/// frame (30 fps). The constructor's <c>promotion</c> chooses NumPy 2 (default, what current Gymnasium computes) or
/// NumPy 1.x arithmetic; the two differ in the last bits of float32 results from the first steps.</para>
/// <para><b>Version History.</b> v0: the original version.</para>
/// </remarks>
public sealed class MountainCarContinuousEnv : DynamicsEnv<MountainCarContinuousDynamics, MountainCarContinuousState, float, float[], float>
{
    // Gymnasium's render modes (minus "human", which needs a window) and frame rate.
    private static readonly EnvMetadata RenderMetadata = new([RenderModes.RgbArray], 30);

    /// <summary>Creates the environment.</summary>
    /// <param name="goalVelocity">Velocity the car must have at the flag for the episode to terminate.</param>
    /// <param name="renderMode"><c>rgb_array</c>, or null for no rendering.</param>
    /// <param name="promotion">NumPy 2 (default) or NumPy 1.x arithmetic, to reproduce results of either.</param>
    public MountainCarContinuousEnv(double goalVelocity = 0, string? renderMode = null, NumpyPromotion promotion = NumpyPromotion.NumPy2)
        : base(
            new MountainCarContinuousDynamics(goalVelocity, promotion),
            new Box<float>(
                [MountainCarContinuousDynamics.MinPosition, -MountainCarContinuousDynamics.MaxSpeed],
                [MountainCarContinuousDynamics.MaxPosition, MountainCarContinuousDynamics.MaxSpeed]),
            new Box<float>(-1.0, 1.0, [1]),
            RenderMetadata,
            renderMode)
    {
    }

    /// <summary>The velocity the car needs at the flag.</summary>
    public double GoalVelocity => Dynamics.GoalVelocity;

    /// <summary>The NumPy arithmetic this instance reproduces.</summary>
    public NumpyPromotion Promotion => Dynamics.Promotion;

    /// <summary>The internal state (Gymnasium's <c>env.unwrapped.state</c>): float64 after reset, float32 values after a step.</summary>
    public (double Position, double Velocity) State => (CurrentState.Position, CurrentState.Velocity);

    /// <summary>
    /// The <c>rgb_array</c> frame (400 x 600 x 3): the hill, the car and the flag, as Gymnasium draws them; null without
    /// a render mode or before the first reset.
    /// </summary>
    public override Rendering? Render() =>
        RenderMode is null || !HasState ? null : MountainCarRendering.Render(CurrentState.Position, MountainCarContinuousDynamics.GoalPosition);

    /// <summary>Checks the action's shape only: out-of-bounds forces pass, clipped and penalised as in Gymnasium.</summary>
    protected override void CheckAction(float[] action) => ScalarAction.Read(action, "MountainCarContinuous-v0");
}
