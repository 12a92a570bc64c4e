using RlGym.Core.Dynamics;
using RlGym.Core.Random;

namespace RlGym.Environments.ClassicControl;

/// <summary>
/// MountainCar-v0's rules, once: reset distribution, physics, reward and termination, and the observation. The scalar
/// environment (<see cref="MountainCarEnv"/>) and the batched variant (<c>DynamicsVectorEnv</c>) call them; the physics
/// is the pure per-element <see cref="Step(ref double, ref double, int, double)"/>, float64 throughout, in Gymnasium's
/// evaluation order.
/// </summary>
/// <param name="goalVelocity">The kwarg <c>goal_velocity</c>: the velocity the car needs at the flag.</param>
public readonly struct MountainCarDynamics(double goalVelocity) : IDynamics<MountainCarState, float, int>
{
    /// <summary>Left end of the track (a wall).</summary>
    public const double MinPosition = -1.2;

    /// <summary>Right end of the track.</summary>
    public const double MaxPosition = 0.6;

    /// <summary>Speed limit in either direction.</summary>
    public const double MaxSpeed = 0.07;

    /// <summary>Position of the flag; reaching it (with enough velocity) ends the episode.</summary>
    public const double GoalPosition = 0.5;

    /// <summary>Acceleration per unit of action.</summary>
    public const double Force = 0.001;

    /// <summary>Scale of the hill's pull, <c>cos(3 x)</c> times this.</summary>
    public const double Gravity = 0.0025;

    /// <summary>The velocity the car needs at the flag.</summary>
    public double GoalVelocity { get; } = goalVelocity;

    /// <summary>
    /// Position uniform in [-0.6, -0.4), or in [<c>low</c>, <c>high</c>) from the reset options (one draw); velocity 0.
    /// </summary>
    public MountainCarState Reset(NumpyGenerator random, IReadOnlyDictionary<string, object>? options)
    {
        ArgumentNullException.ThrowIfNull(random);
        var (low, high) = ResetBounds.Parse(options, -0.6, -0.4);
        return new(random.Uniform(low, high), 0.0);
    }

    /// <summary>One step (0 pushes left, 1 nothing, 2 right): reward -1; terminated at the flag with enough velocity.</summary>
    public double Step(ref MountainCarState state, ReadOnlySpan<int> action, NumpyGenerator random, out bool terminated)
    {
        var (position, velocity) = state;
        terminated = Step(ref position, ref velocity, action[0], GoalVelocity);
        state = new(position, velocity);
        return -1.0;
    }

    /// <summary>The state cast to float32: position, velocity.</summary>
    public void Observe(in MountainCarState state, Span<float> observation)
    {
        observation[0] = (float)state.Position;
        observation[1] = (float)state.Velocity;
    }

    /// <summary>
    /// Advances one step: action 0 pushes left, 1 does nothing, 2 pushes right.
    /// Returns true when the car stands at or past the goal with at least <paramref name="goalVelocity"/>.
    /// </summary>
    public static bool Step(ref double position, ref double velocity, int action, double goalVelocity)
    {
        // The bracket is summed first, then added to the velocity (Python's `v += a + b`).
        velocity += ((action - 1) * Force) + (Math.Cos(3 * position) * -Gravity);
        velocity = Clip(velocity, -MaxSpeed, MaxSpeed);
        position += velocity;
        position = Clip(position, MinPosition, MaxPosition);
        if (position == MinPosition && velocity < 0)
        {
            velocity = 0;
        }

        return position >= GoalPosition && velocity >= goalVelocity;
    }

    /// <summary>The track's height at <paramref name="position"/> (used for drawing): <c>0.45 sin(3x) + 0.55</c>.</summary>
    public static double Height(double position) => (Math.Sin(3 * position) * 0.45) + 0.55;

    /// <summary><c>np.clip</c> on a scalar: NaN stays NaN.</summary>
    internal static double Clip(double value, double low, double high) =>
        double.IsNaN(value) ? value : Math.Min(Math.Max(value, low), high);
}
