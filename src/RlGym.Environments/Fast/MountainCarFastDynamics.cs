using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Fast;

/// <summary>
/// MountainCar in float32: <see cref="MountainCarDynamics"/>'s equations with float constants and
/// <see cref="FastMath"/>'s cosine. State and observation are (position, velocity) in a <see cref="Float2"/>.
/// </summary>
/// <param name="goalVelocity">The kwarg <c>goal_velocity</c>.</param>
public readonly struct MountainCarFastDynamics(float goalVelocity) : IFastDynamics<Float2, Float2, int>
{
    /// <summary><see cref="MountainCarDynamics.MinPosition"/> as float.</summary>
    public const float MinPosition = (float)MountainCarDynamics.MinPosition;

    /// <summary><see cref="MountainCarDynamics.MaxPosition"/> as float.</summary>
    public const float MaxPosition = (float)MountainCarDynamics.MaxPosition;

    /// <summary><see cref="MountainCarDynamics.MaxSpeed"/> as float.</summary>
    public const float MaxSpeed = (float)MountainCarDynamics.MaxSpeed;

    /// <summary><see cref="MountainCarDynamics.GoalPosition"/> as float.</summary>
    public const float GoalPosition = (float)MountainCarDynamics.GoalPosition;

    /// <summary><see cref="MountainCarDynamics.Force"/> as float.</summary>
    public const float Force = (float)MountainCarDynamics.Force;

    /// <summary><see cref="MountainCarDynamics.Gravity"/> as float.</summary>
    public const float Gravity = (float)MountainCarDynamics.Gravity;

    /// <summary>The velocity the car must reach at the goal.</summary>
    public float GoalVelocity { get; } = goalVelocity;

    /// <inheritdoc />
    public Float2 Reset(ref FastRandom random) => new(random.Uniform(-0.6f, -0.4f), 0f);

    /// <inheritdoc />
    public Float2 Step(Float2 state, int action, ref FastRandom random, out float reward, out bool terminated)
    {
        var position = state.X;
        var velocity = state.Y + (((action - 1) * Force) + (FastMath.Cos(3f * position) * -Gravity));
        velocity = MathF.Min(MathF.Max(velocity, -MaxSpeed), MaxSpeed);
        position = MathF.Min(MathF.Max(position + velocity, MinPosition), MaxPosition);
        if (position == MinPosition && velocity < 0f)
        {
            velocity = 0f;
        }

        terminated = position >= GoalPosition && velocity >= GoalVelocity;
        reward = -1f;
        return new(position, velocity);
    }

    /// <inheritdoc />
    public void Observe(in Float2 state, out Float2 observation) => observation = state;
}
