using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;

namespace RlGym.Environments.ClassicControl;

/// <summary>
/// MountainCar-v0: drive an underpowered car out of a valley by rocking it back and forth. Step for step and seed for
/// seed equal to Gymnasium's <c>MountainCarEnv</c>.
/// </summary>
/// <remarks>
/// <para><b>Description.</b> A car sits at the bottom of a sinusoidal valley (Andrew Moore's 1990 thesis). Its engine
/// is too weak to climb the right hill directly, so it must build momentum by swinging between the two slopes. The
/// transition is deterministic; only the starting position is random. This is the discrete-action version; see
/// <see cref="MountainCarContinuousEnv"/> for the continuous one.</para>
/// <para><b>Action Space.</b> <c>Discrete(3)</c>: 0 accelerates left, 1 does nothing, 2 accelerates right.</para>
/// <para><b>Observation Space.</b> <c>Box([-1.2, -0.07], [0.6, 0.07], (2,), float32)</c>:</para>
/// <list type="table">
/// <listheader><term>Index</term><description>Observation (min, max)</description></listheader>
/// <item><term>0</term><description>Position of the car along the track (-1.2, 0.6)</description></item>
/// <item><term>1</term><description>Velocity of the car (-0.07, 0.07)</description></item>
/// </list>
/// <para>Each step: <c>velocity += (action - 1) * 0.001 - 0.0025 * cos(3 * position)</c>, clipped to ±0.07; then
/// <c>position += velocity</c>, clipped to [-1.2, 0.6]. Hitting the left wall stops the car (velocity 0).</para>
/// <para><b>Rewards.</b> -1 on every step, so the task is to reach the flag as quickly as possible.</para>
/// <para><b>Starting State.</b> Position uniform in [-0.6, -0.4] (one draw from the environment's generator),
/// velocity 0. Reset options <c>low</c> and <c>high</c> replace those bounds (numbers, or strings Python's
/// <c>float()</c> accepts; <c>low</c> must not exceed <c>high</c>); the state may then leave the observation space.</para>
/// <para><b>Episode End.</b> Termination: position ≥ 0.5 (the flag) with velocity ≥ <c>goal_velocity</c>.
/// Truncation: after 200 steps (the time limit <c>Make</c> adds).</para>
/// <para><b>Arguments.</b> <c>goal_velocity</c> (default 0): the velocity the car needs at the flag;
/// <c>render_mode</c>: <c>rgb_array</c> draws a 400x600 frame of the hill, the car and the flag (30 fps).</para>
/// <para><b>Version History.</b> v0: the original version (Gymnasium 1.0 and later behave the same).</para>
/// </remarks>
public sealed class MountainCarEnv : DynamicsEnv<MountainCarDynamics, MountainCarState, float, int, int>
{
    // Gymnasium's render modes (minus "human", which needs a window) and frame rate.
    private static readonly EnvMetadata RenderMetadata = new([RenderModes.RgbArray], 30);

    /// <summary>Creates the environment.</summary>
    /// <param name="goalVelocity">Velocity the car must have at the flag for the episode to terminate.</param>
    /// <param name="renderMode"><c>rgb_array</c>, or null for no rendering.</param>
    public MountainCarEnv(double goalVelocity = 0, string? renderMode = null)
        : base(
            new MountainCarDynamics(goalVelocity),
            new Box<float>(
                [MountainCarDynamics.MinPosition, -MountainCarDynamics.MaxSpeed],
                [MountainCarDynamics.MaxPosition, MountainCarDynamics.MaxSpeed]),
            new Discrete(3),
            RenderMetadata,
            renderMode)
    {
    }

    /// <summary>The velocity the car needs at the flag.</summary>
    public double GoalVelocity => Dynamics.GoalVelocity;

    /// <summary>The internal float64 state (Gymnasium's <c>env.unwrapped.state</c>): position, velocity.</summary>
    public (double Position, double Velocity) State => (CurrentState.Position, CurrentState.Velocity);

    /// <summary>
    /// The <c>rgb_array</c> frame (400 x 600 x 3): the hill, the car and the flag, as Gymnasium draws them; null without
    /// a render mode or before the first reset.
    /// </summary>
    public override Rendering? Render() =>
        RenderMode is null || !HasState ? null : MountainCarRendering.Render(CurrentState.Position, MountainCarDynamics.GoalPosition);
}
