using RlGym.Core.Dynamics;
using RlGym.Core.Random;

namespace RlGym.Environments.ClassicControl;

/// <summary>
/// Pendulum-v1's rules, once: reset distribution, physics, reward (never terminating), and the observation. The scalar
/// environment (<see cref="PendulumEnv"/>) and the batched variant (<c>DynamicsVectorEnv</c>) call them; the physics
/// and cost are the pure per-element <see cref="Step(ref double, ref double, float, double, NumpyPromotion)"/>. The
/// state is float64; the torque is a float32 value, as in Gymnasium.
/// </summary>
/// <param name="g">The kwarg <c>g</c>: gravity (m/s²).</param>
/// <param name="promotion">The NumPy arithmetic reproduced: NumPy 2 (what current Gymnasium computes) or 1.x.</param>
public readonly struct PendulumDynamics(double g, NumpyPromotion promotion) : IDynamics<PendulumState, float, float>
{
    /// <summary>Angular speed limit (rad/s).</summary>
    public const double MaxSpeed = 8;

    /// <summary>Torque limit (N m); actions are clipped to it.</summary>
    public const double MaxTorque = 2.0;

    /// <summary>Integration step (s).</summary>
    public const double Dt = 0.05;

    /// <summary>Mass of the pendulum (kg).</summary>
    public const double Mass = 1.0;

    /// <summary>Length of the pendulum (m).</summary>
    public const double Length = 1.0;

    /// <summary>Gymnasium's default gravity (m/s²).</summary>
    public const double DefaultGravity = 10.0;

    /// <summary>Gravity (m/s²).</summary>
    public double G { get; } = g;

    /// <summary>The NumPy arithmetic reproduced.</summary>
    public NumpyPromotion Promotion { get; } = promotion;

    /// <summary>
    /// theta uniform in [-pi, pi], then theta_dot uniform in [-1, 1] (<c>uniform(low=-high, high=high)</c> with
    /// <c>high = [x_init, y_init]</c>, two draws); the reset options <c>x_init</c> and <c>y_init</c> replace pi and 1.
    /// </summary>
    public PendulumState Reset(NumpyGenerator random, IReadOnlyDictionary<string, object>? options)
    {
        ArgumentNullException.ThrowIfNull(random);
        double x = Math.PI, y = 1.0;
        if (options is not null)
        {
            x = ResetBounds.Option(options, "x_init", x);
            y = ResetBounds.Option(options, "y_init", y);
        }

        Span<double> draws = stackalloc double[2];
        random.Uniform([-x, -y], [x, y], draws);
        return new(draws[0], draws[1], LastTorque: null);
    }

    /// <summary>One step with the torque <c>action[0]</c> (clipped to ±2): the reward is minus the cost of the state before it.</summary>
    public double Step(ref PendulumState state, ReadOnlySpan<float> action, NumpyGenerator random, out bool terminated)
    {
        var (theta, thetaDot, _) = state;
        var cost = Step(ref theta, ref thetaDot, action[0], G, Promotion);
        state = new(theta, thetaDot, ClipTorque(action[0]));
        terminated = false;
        return -cost;
    }

    /// <summary>cos(theta), sin(theta) and theta_dot, cast to float32.</summary>
    public void Observe(in PendulumState state, Span<float> observation)
    {
        observation[0] = (float)Math.Cos(state.Theta);
        observation[1] = (float)Math.Sin(state.Theta);
        observation[2] = (float)state.ThetaDot;
    }

    /// <summary>
    /// Advances one step with the torque <paramref name="action"/> (clipped to ±2) under gravity <paramref name="g"/>.
    /// </summary>
    /// <returns>The cost of the state before the step (the reward is its negation).</returns>
    public static double Step(ref double theta, ref double thetaDot, float action, double g, NumpyPromotion promotion)
    {
        var u = ClipTorque(action);
        var normalized = AngleNormalize(theta);
        var legacy = promotion == NumpyPromotion.Legacy;

        // costs = angle_normalize(th)**2 + 0.1 * thdot**2 + 0.001 * (u**2). NumPy's scalar `**` calls the C pow,
        // which is not always x*x rounded (the fixtures catch it), so Pow it is. NumPy 1.x squares the float32 u in
        // float64; NumPy 2 squares it with powf and scales it in float32.
        var torqueCost = legacy ? 0.001 * Math.Pow(u, 2) : (double)((float)0.001 * MathF.Pow(u, 2));
        var cost = Math.Pow(normalized, 2) + (0.1 * Math.Pow(thetaDot, 2)) + torqueCost;

        // newthdot = thdot + (3 * g / (2 * l) * sin(th) + 3.0 / (m * l**2) * u) * dt
        var gravityTerm = 3 * g / (2 * Length) * Math.Sin(theta);
        const double torqueGain = 3.0 / (Mass * (Length * Length));
        var torqueTerm = legacy ? torqueGain * u : (double)((float)torqueGain * u);
        var newThetaDot = thetaDot + ((gravityTerm + torqueTerm) * Dt);
        newThetaDot = MountainCarDynamics.Clip(newThetaDot, -MaxSpeed, MaxSpeed);
        theta += newThetaDot * Dt;
        thetaDot = newThetaDot;
        return cost;
    }

    /// <summary><c>np.clip(a, -2, 2)</c> on the float32 torque (NaN stays NaN).</summary>
    public static float ClipTorque(float action) =>
        float.IsNaN(action) ? action : Math.Min(Math.Max(action, (float)-MaxTorque), (float)MaxTorque);

    /// <summary>
    /// <c>((x + pi) % (2 pi)) - pi</c> with NumPy's floor modulo (result takes the divisor's sign), i.e. the angle
    /// mapped into [-pi, pi).
    /// </summary>
    public static double AngleNormalize(double x) => FloorMod(x + Math.PI, 2 * Math.PI) - Math.PI;

    // npy_divmod's remainder: fmod, then shifted by the divisor when the signs differ; a zero takes the divisor's sign.
    private static double FloorMod(double a, double b)
    {
        var mod = a % b; // C#'s % on doubles is C's fmod
        if (mod != 0)
        {
            if ((b < 0) != (mod < 0))
            {
                mod += b;
            }
        }
        else
        {
            mod = Math.CopySign(0.0, b);
        }

        return mod;
    }
}
