namespace RlGym.Environments.ClassicControl;

/// <summary>
/// CartPole's physics, once: the scalar environment and any batched (SoA, GPU) variant call the same per-element
/// <see cref="Step(ref double, ref double, ref double, ref double, int)"/>. It is pure, allocation-free and uses
/// only doubles and <see cref="Math"/>, so it can run inside an ILGPU kernel.
/// </summary>
/// <remarks>
/// Bit-exact with Gymnasium 1.3.0's <c>CartPoleEnv.step</c>: float64 throughout, the operations in Gymnasium's order,
/// the constants computed as Gymnasium computes them (0.1 + 1.0, 0.1 * 0.5, 12 * 2 * pi / 360), explicit Euler
/// with every variable updated from the old values, and the C library's sin/cos (<see cref="Math.SinCos"/> calls glibc's sincos on
/// Linux, which gives the bits of its sin and cos).
/// </remarks>
public static class CartPoleDynamics
{
    /// <summary>Gravity (m/s²).</summary>
    public const double Gravity = 9.8;

    /// <summary>Cart mass (kg).</summary>
    public const double MassCart = 1.0;

    /// <summary>Pole mass (kg).</summary>
    public const double MassPole = 0.1;

    /// <summary>Cart plus pole mass: <c>masspole + masscart</c> in float64.</summary>
    public const double TotalMass = MassPole + MassCart;

    /// <summary>Half the pole's length (m).</summary>
    public const double Length = 0.5;

    /// <summary><c>masspole * length</c> in float64.</summary>
    public const double PoleMassLength = MassPole * Length;

    /// <summary>Magnitude of the force an action applies (N).</summary>
    public const double ForceMag = 10.0;

    /// <summary>Seconds per step.</summary>
    public const double Tau = 0.02;

    /// <summary>The episode terminates when |theta| exceeds this: 12 degrees, as <c>12 * 2 * math.pi / 360</c>.</summary>
    public const double ThetaThresholdRadians = 12 * 2 * Math.PI / 360;

    /// <summary>The episode terminates when |x| exceeds this (m).</summary>
    public const double XThreshold = 2.4;

    /// <summary>Advances one step of <see cref="Tau"/> seconds in place: action 1 pushes right, anything else left.</summary>
    public static void Step(ref double x, ref double xDot, ref double theta, ref double thetaDot, int action)
    {
        var force = action == 1 ? ForceMag : -ForceMag;
        // One sincos call: glibc's sincos returns the bits of its sin and cos (checked on 20M arguments, and by the
        // fixtures), at a quarter of the cost of the two calls through .NET.
        var (sintheta, costheta) = Math.SinCos(theta);

        var temp = (force + (PoleMassLength * (thetaDot * thetaDot) * sintheta)) / TotalMass;
        var thetaacc = ((Gravity * sintheta) - (costheta * temp))
            / (Length * ((4.0 / 3.0) - (MassPole * (costheta * costheta) / TotalMass)));
        var xacc = temp - (PoleMassLength * thetaacc * costheta / TotalMass);

        var newX = x + (Tau * xDot);
        var newXDot = xDot + (Tau * xacc);
        var newTheta = theta + (Tau * thetaDot);
        var newThetaDot = thetaDot + (Tau * thetaacc);
        x = newX;
        xDot = newXDot;
        theta = newTheta;
        thetaDot = newThetaDot;
    }

    /// <summary>The state one step after <paramref name="state"/> under <paramref name="action"/>.</summary>
    public static CartPoleState Step(in CartPoleState state, int action)
    {
        var (x, xDot, theta, thetaDot) = state;
        Step(ref x, ref xDot, ref theta, ref thetaDot, action);
        return new(x, xDot, theta, thetaDot);
    }

    /// <summary>True when the cart left [-2.4, 2.4] or the pole tilted past 12 degrees (tested on the float64 state).</summary>
    public static bool IsTerminal(double x, double theta) =>
        x < -XThreshold || x > XThreshold || theta < -ThetaThresholdRadians || theta > ThetaThresholdRadians;

    /// <summary>True when <paramref name="state"/> ends the episode (see <see cref="IsTerminal(double, double)"/>).</summary>
    public static bool IsTerminal(in CartPoleState state) => IsTerminal(state.X, state.Theta);
}
