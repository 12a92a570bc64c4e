using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Fast;

/// <summary>
/// MountainCarContinuous in float32: <see cref="MountainCarContinuousDynamics"/>'s equations with float constants and
/// <see cref="FastMath"/>'s cosine. State and observation are (position, velocity) in a <see cref="Float2"/>; the
/// action is the one-element Box's force.
/// </summary>
/// <param name="goalVelocity">The kwarg <c>goal_velocity</c>.</param>
public readonly struct MountainCarContinuousFastDynamics(float goalVelocity) : IFastDynamics<Float2, Float2, float>
{
    /// <summary><see cref="MountainCarContinuousDynamics.MinPosition"/> as float.</summary>
    public const float MinPosition = (float)MountainCarContinuousDynamics.MinPosition;

    /// <summary><see cref="MountainCarContinuousDynamics.MaxPosition"/> as float.</summary>
    public const float MaxPosition = (float)MountainCarContinuousDynamics.MaxPosition;

    /// <summary><see cref="MountainCarContinuousDynamics.MaxSpeed"/> as float.</summary>
    public const float MaxSpeed = (float)MountainCarContinuousDynamics.MaxSpeed;

    /// <summary><see cref="MountainCarContinuousDynamics.GoalPosition"/> as float.</summary>
    public const float GoalPosition = (float)MountainCarContinuousDynamics.GoalPosition;

    /// <summary><see cref="MountainCarContinuousDynamics.Power"/> as float.</summary>
    public const float Power = (float)MountainCarContinuousDynamics.Power;

    /// <summary><see cref="MountainCarContinuousDynamics.Gravity"/> as float.</summary>
    public const float Gravity = (float)MountainCarContinuousDynamics.Gravity;

    /// <summary><see cref="MountainCarContinuousDynamics.GoalReward"/> as float.</summary>
    public const float GoalReward = (float)MountainCarContinuousDynamics.GoalReward;

    /// <summary>The velocity the car must reach at the goal.</summary>
    public float GoalVelocity { get; } = goalVelocity;

    /// <inheritdoc />
    public Float2 Reset(ref FastRandom random) => new(random.Uniform(-0.6f, -0.4f), 0f);

    /// <inheritdoc />
    public Float2 Step(Float2 state, float action, ref FastRandom random, out float reward, out bool terminated)
    {
        var force = MathF.Min(MathF.Max(action, -1f), 1f);
        var velocity = state.Y + ((force * Power) - (Gravity * FastMath.Cos(3f * state.X)));
        velocity = MathF.Min(MathF.Max(velocity, -MaxSpeed), MaxSpeed);
        var position = MathF.Min(MathF.Max(state.X + velocity, MinPosition), MaxPosition);
        if (position == MinPosition && velocity < 0f)
        {
            velocity = 0f;
        }

        terminated = position >= GoalPosition && velocity >= GoalVelocity;
        reward = (terminated ? GoalReward : 0f) - (action * action * 0.1f);
        return new(position, velocity);
    }

    /// <inheritdoc />
    public void Observe(in Float2 state, out Float2 observation) => observation = state;
}
