using RlGym.Core.Dynamics;
using RlGym.Core.Random;

namespace RlGym.Environments.ClassicControl;

/// <summary>
/// Acrobot-v1's rules, once: reset distribution, physics (Sutton and Barto's "book" equations), reward and
/// termination, and the observation. The scalar environment (<see cref="AcrobotEnv"/>) and the batched variant
/// (<c>DynamicsVectorEnv</c>) call them; the physics is the pure per-element
/// <see cref="Step(ref double, ref double, ref double, ref double, int)"/> on plain doubles: one classic RK4 step of
/// 0.2 s, then the angles wrapped into [-pi, pi] and the velocities bounded. Float64 throughout, in Gymnasium's
/// evaluation order. Acrobot-v1 takes no kwargs, so the struct carries no fields.
/// </summary>
public readonly struct AcrobotDynamics : IDynamics<AcrobotState, float, int>
{
    /// <summary>Integration step (s).</summary>
    public const double Dt = 0.2;

    /// <summary>Length of link 1 (m).</summary>
    public const double LinkLength1 = 1.0;

    /// <summary>Length of link 2 (m).</summary>
    public const double LinkLength2 = 1.0;

    /// <summary>Mass of link 1 (kg).</summary>
    public const double LinkMass1 = 1.0;

    /// <summary>Mass of link 2 (kg).</summary>
    public const double LinkMass2 = 1.0;

    /// <summary>Position of link 1's centre of mass (m).</summary>
    public const double LinkComPosition1 = 0.5;

    /// <summary>Position of link 2's centre of mass (m).</summary>
    public const double LinkComPosition2 = 0.5;

    /// <summary>Moment of inertia of both links.</summary>
    public const double LinkMoment = 1.0;

    /// <summary>Gravity (m/s²).</summary>
    public const double Gravity = 9.8;

    /// <summary>Bound of the first joint's angular velocity: 4 pi.</summary>
    public const double MaxVelocity1 = 4 * Math.PI;

    /// <summary>Bound of the second joint's angular velocity: 9 pi.</summary>
    public const double MaxVelocity2 = 9 * Math.PI;

    /// <summary>
    /// All four state values uniform in [-0.1, 0.1], or in [<c>low</c>, <c>high</c>] from the reset options:
    /// <c>np_random.uniform(low, high, size=(4,)).astype(np.float32)</c>, four draws kept as float32 values.
    /// </summary>
    public AcrobotState Reset(NumpyGenerator random, IReadOnlyDictionary<string, object>? options)
    {
        ArgumentNullException.ThrowIfNull(random);
        var (low, high) = ResetBounds.Parse(options, -0.1, 0.1);
        Span<double> draws = stackalloc double[4];
        random.Uniform(low, high, draws);
        return new((float)draws[0], (float)draws[1], (float)draws[2], (float)draws[3]);
    }

    /// <summary>One step with action 0 (torque -1), 1 (0) or 2 (+1): reward -1, or 0 on the step that reaches the target height.</summary>
    public double Step(ref AcrobotState state, ReadOnlySpan<int> action, NumpyGenerator random, out bool terminated)
    {
        var (theta1, theta2, dtheta1, dtheta2) = state;
        terminated = Step(ref theta1, ref theta2, ref dtheta1, ref dtheta2, action[0]);
        state = new(theta1, theta2, dtheta1, dtheta2);
        return terminated ? 0.0 : -1.0;
    }

    /// <summary>cos(theta1), sin(theta1), cos(theta2), sin(theta2), dtheta1, dtheta2, each cast to float32.</summary>
    public void Observe(in AcrobotState state, Span<float> observation)
    {
        observation[0] = (float)Math.Cos(state.Theta1);
        observation[1] = (float)Math.Sin(state.Theta1);
        observation[2] = (float)Math.Cos(state.Theta2);
        observation[3] = (float)Math.Sin(state.Theta2);
        observation[4] = (float)state.DTheta1;
        observation[5] = (float)state.DTheta2;
    }

    /// <summary>The torque of action 0, 1 and 2.</summary>
    public static double Torque(int action) => action switch
    {
        0 => -1.0,
        1 => 0.0,
        2 => 1.0,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Acrobot actions are 0, 1 and 2."),
    };

    /// <summary>Advances one step with action 0 (torque -1), 1 (0) or 2 (+1).</summary>
    /// <returns>True when the free end is above the target line (<see cref="IsTerminal"/>).</returns>
    public static bool Step(ref double theta1, ref double theta2, ref double dtheta1, ref double dtheta2, int action)
    {
        var torque = Torque(action);

        // rk4 over t = [0, dt]: the torque rides along as a fifth state component whose derivative is 0.
        const double half = Dt / 2.0;
        double y0 = theta1, y1 = theta2, y2 = dtheta1, y3 = dtheta2;
        Derivatives(y0, y1, y2, y3, torque, out var k1a, out var k1b, out var k1c, out var k1d);
        Derivatives(y0 + (half * k1a), y1 + (half * k1b), y2 + (half * k1c), y3 + (half * k1d), torque,
            out var k2a, out var k2b, out var k2c, out var k2d);
        Derivatives(y0 + (half * k2a), y1 + (half * k2b), y2 + (half * k2c), y3 + (half * k2d), torque,
            out var k3a, out var k3b, out var k3c, out var k3d);
        Derivatives(y0 + (Dt * k3a), y1 + (Dt * k3b), y2 + (Dt * k3c), y3 + (Dt * k3d), torque,
            out var k4a, out var k4b, out var k4c, out var k4d);
        const double sixth = Dt / 6.0;
        theta1 = Wrap(y0 + (sixth * (k1a + (2 * k2a) + (2 * k3a) + k4a)));
        theta2 = Wrap(y1 + (sixth * (k1b + (2 * k2b) + (2 * k3b) + k4b)));
        dtheta1 = Bound(y2 + (sixth * (k1c + (2 * k2c) + (2 * k3c) + k4c)), MaxVelocity1);
        dtheta2 = Bound(y3 + (sixth * (k1d + (2 * k2d) + (2 * k3d) + k4d)), MaxVelocity2);
        return IsTerminal(theta1, theta2);
    }

    /// <summary>The free end is above the target line: <c>-cos(theta1) - cos(theta2 + theta1) &gt; 1</c>.</summary>
    public static bool IsTerminal(double theta1, double theta2) => -Math.Cos(theta1) - Math.Cos(theta2 + theta1) > 1.0;

    /// <summary>
    /// The time derivative of (theta1, theta2, dtheta1, dtheta2) under torque <paramref name="a"/> on the second joint
    /// (Gymnasium's <c>_dsdt</c> with the book equations).
    /// </summary>
    public static void Derivatives(
        double theta1, double theta2, double dtheta1, double dtheta2, double a,
        out double dTheta1, out double dTheta2, out double ddTheta1, out double ddTheta2)
    {
        const double m1 = LinkMass1, m2 = LinkMass2, l1 = LinkLength1, lc1 = LinkComPosition1, lc2 = LinkComPosition2;
        const double i1 = LinkMoment, i2 = LinkMoment, g = Gravity;
        var cos2 = Math.Cos(theta2);
        var sin2 = Math.Sin(theta2);

        // Same grouping as the Python source, products and sums left to right. A float64 `x**2` is NumPy's scalar power,
        // i.e. the C pow, which is not always x*x rounded; squares of constants are exact either way.
        var d1 = (m1 * (lc1 * lc1)) + (m2 * ((l1 * l1) + (lc2 * lc2) + (2 * l1 * lc2 * cos2))) + i1 + i2;
        var d2 = (m2 * ((lc2 * lc2) + (l1 * lc2 * cos2))) + i2;
        var phi2 = m2 * lc2 * g * Math.Cos(theta1 + theta2 - (Math.PI / 2.0));
        var phi1 = (-m2 * l1 * lc2 * Math.Pow(dtheta2, 2) * sin2)
            - (2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin2)
            + (((m1 * lc1) + (m2 * l1)) * g * Math.Cos(theta1 - (Math.PI / 2)))
            + phi2;
        var ddtheta2 = (a + (d2 / d1 * phi1) - (m2 * l1 * lc2 * Math.Pow(dtheta1, 2) * sin2) - phi2)
            / ((m2 * (lc2 * lc2)) + i2 - (Math.Pow(d2, 2) / d1));
        var ddtheta1 = -((d2 * ddtheta2) + phi1) / d1;
        (dTheta1, dTheta2, ddTheta1, ddTheta2) = (dtheta1, dtheta2, ddtheta1, ddtheta2);
    }

    // Gymnasium's wrap(x, -pi, pi): shift by whole turns until inside.
    private static double Wrap(double x)
    {
        const double turn = Math.PI - -Math.PI;
        while (x > Math.PI)
        {
            x -= turn;
        }

        while (x < -Math.PI)
        {
            x += turn;
        }

        return x;
    }

    // Gymnasium's bound(x, -limit, limit) = min(max(x, -limit), limit) with Python's min/max.
    private static double Bound(double x, double limit)
    {
        var lower = -limit > x ? -limit : x;
        return limit < lower ? limit : lower;
    }
}
