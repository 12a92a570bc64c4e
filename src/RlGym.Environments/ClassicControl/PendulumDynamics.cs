namespace RlGym.Environments.ClassicControl;

/// <summary>
/// The physics and cost of Pendulum-v1, once, as a pure function on plain doubles and floats, callable per element by
/// a batched variant. The state is float64; the torque is a float32 value, as in Gymnasium.
/// </summary>
public static class PendulumDynamics
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
