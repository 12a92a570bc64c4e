using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Fast;

/// <summary>
/// Acrobot in float32: <see cref="AcrobotDynamics"/>' RK4 step with float constants and <see cref="FastMath"/>'s sine
/// and cosine. The state is (theta1, theta2, dtheta1, dtheta2) in a <see cref="Float4"/>; the observation an
/// <see cref="AcrobotObservation"/>. Actions 0, 1, 2 apply torque -1, 0, +1.
/// </summary>
public readonly struct AcrobotFastDynamics : IFastDynamics<Float4, AcrobotObservation, int>
{
    /// <summary><see cref="AcrobotDynamics.Dt"/> as float.</summary>
    public const float Dt = (float)AcrobotDynamics.Dt;

    /// <summary><see cref="AcrobotDynamics.LinkMass1"/> as float.</summary>
    public const float M1 = (float)AcrobotDynamics.LinkMass1;

    /// <summary><see cref="AcrobotDynamics.LinkMass2"/> as float.</summary>
    public const float M2 = (float)AcrobotDynamics.LinkMass2;

    /// <summary><see cref="AcrobotDynamics.LinkLength1"/> as float.</summary>
    public const float L1 = (float)AcrobotDynamics.LinkLength1;

    /// <summary><see cref="AcrobotDynamics.LinkComPosition1"/> as float.</summary>
    public const float Lc1 = (float)AcrobotDynamics.LinkComPosition1;

    /// <summary><see cref="AcrobotDynamics.LinkComPosition2"/> as float.</summary>
    public const float Lc2 = (float)AcrobotDynamics.LinkComPosition2;

    /// <summary><see cref="AcrobotDynamics.LinkMoment"/> as float.</summary>
    public const float I1 = (float)AcrobotDynamics.LinkMoment;

    /// <summary><see cref="AcrobotDynamics.LinkMoment"/> as float.</summary>
    public const float I2 = (float)AcrobotDynamics.LinkMoment;

    /// <summary><see cref="AcrobotDynamics.Gravity"/> as float.</summary>
    public const float G = (float)AcrobotDynamics.Gravity;

    /// <summary><see cref="AcrobotDynamics.MaxVelocity1"/> as float.</summary>
    public const float MaxVelocity1 = (float)AcrobotDynamics.MaxVelocity1;

    /// <summary><see cref="AcrobotDynamics.MaxVelocity2"/> as float.</summary>
    public const float MaxVelocity2 = (float)AcrobotDynamics.MaxVelocity2;

    /// <summary>π in float.</summary>
    public const float Pi = MathF.PI;

    /// <inheritdoc />
    public Float4 Reset(ref FastRandom random)
    {
        var theta1 = random.Uniform(-0.1f, 0.1f);
        var theta2 = random.Uniform(-0.1f, 0.1f);
        var dtheta1 = random.Uniform(-0.1f, 0.1f);
        var dtheta2 = random.Uniform(-0.1f, 0.1f);
        return new(theta1, theta2, dtheta1, dtheta2);
    }

    /// <inheritdoc />
    public Float4 Step(Float4 state, int action, ref FastRandom random, out float reward, out bool terminated)
    {
        var torque = (float)(action - 1);
        const float half = Dt / 2f;
        const float sixth = Dt / 6f;
        var k1 = Derivatives(state, torque);
        var k2 = Derivatives(Axpy(state, half, k1), torque);
        var k3 = Derivatives(Axpy(state, half, k2), torque);
        var k4 = Derivatives(Axpy(state, Dt, k3), torque);
        var y = new Float4(
            state.X + (sixth * (k1.X + (2f * k2.X) + (2f * k3.X) + k4.X)),
            state.Y + (sixth * (k1.Y + (2f * k2.Y) + (2f * k3.Y) + k4.Y)),
            state.Z + (sixth * (k1.Z + (2f * k2.Z) + (2f * k3.Z) + k4.Z)),
            state.W + (sixth * (k1.W + (2f * k2.W) + (2f * k3.W) + k4.W)));
        var next = new Float4(
            Wrap(y.X),
            Wrap(y.Y),
            MathF.Min(MathF.Max(y.Z, -MaxVelocity1), MaxVelocity1),
            MathF.Min(MathF.Max(y.W, -MaxVelocity2), MaxVelocity2));
        terminated = -FastMath.Cos(next.X) - FastMath.Cos(next.Y + next.X) > 1f;
        reward = terminated ? 0f : -1f;
        return next;
    }

    /// <inheritdoc />
    public void Observe(in Float4 state, out AcrobotObservation observation)
    {
        FastMath.SinCos(state.X, out var sin1, out var cos1);
        FastMath.SinCos(state.Y, out var sin2, out var cos2);
        observation = new(cos1, sin1, cos2, sin2, state.Z, state.W);
    }

    private static Float4 Axpy(Float4 y, float h, Float4 k) =>
        new(y.X + (h * k.X), y.Y + (h * k.Y), y.Z + (h * k.Z), y.W + (h * k.W));

    // d/dt of (theta1, theta2, dtheta1, dtheta2) as Gymnasium's _dsdt ("book" dynamics).
    private static Float4 Derivatives(Float4 s, float a)
    {
        FastMath.SinCos(s.Y, out var sin2, out var cos2);
        var d1 = (M1 * (Lc1 * Lc1)) + (M2 * ((L1 * L1) + (Lc2 * Lc2) + (2f * L1 * Lc2 * cos2))) + I1 + I2;
        var d2 = (M2 * ((Lc2 * Lc2) + (L1 * Lc2 * cos2))) + I2;
        var phi2 = M2 * Lc2 * G * FastMath.Cos(s.X + s.Y - (Pi / 2f));
        var phi1 = (-M2 * L1 * Lc2 * s.W * s.W * sin2)
            - (2f * M2 * L1 * Lc2 * s.W * s.Z * sin2)
            + (((M1 * Lc1) + (M2 * L1)) * G * FastMath.Cos(s.X - (Pi / 2f)))
            + phi2;
        var ddtheta2 = (a + (d2 / d1 * phi1) - (M2 * L1 * Lc2 * s.Z * s.Z * sin2) - phi2)
            / ((M2 * (Lc2 * Lc2)) + I2 - (d2 * d2 / d1));
        var ddtheta1 = -((d2 * ddtheta2) + phi1) / d1;
        return new(s.Z, s.W, ddtheta1, ddtheta2);
    }

    private static float Wrap(float x)
    {
        const float turn = 2f * Pi;
        while (x > Pi)
        {
            x -= turn;
        }

        while (x < -Pi)
        {
            x += turn;
        }

        return x;
    }
}
