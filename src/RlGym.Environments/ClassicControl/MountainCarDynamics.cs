namespace RlGym.Environments.ClassicControl;

/// <summary>
/// The physics of MountainCar-v0, once, as a pure function on plain doubles: the scalar environment and any batched
/// variant call <see cref="Step"/> per element. Float64 throughout, in Gymnasium's evaluation order.
/// </summary>
public static class MountainCarDynamics
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
