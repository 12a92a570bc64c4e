using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Fast;

/// <summary>
/// CartPole in float32: <see cref="CartPoleDynamics"/>'s equations in the same order with float constants (dividing
/// by the total mass becomes multiplying by its float inverse) and
/// <see cref="FastMath"/>'s sine and cosine. State and observation are (x, x_dot, theta, theta_dot) in a
/// <see cref="Float4"/> (X, Y, Z, W). The SIMD loop of CartPoleFastVectorEnv transcribes
/// <see cref="Step"/> lane-wise and equals it bit for bit.
/// </summary>
/// <param name="suttonBartoReward">The kwarg <c>sutton_barto_reward</c>: reward 0 per step and -1 on termination.</param>
public readonly struct CartPoleFastDynamics(bool suttonBartoReward) : IFastDynamics<Float4, Float4, int>
{
    /// <summary><see cref="CartPoleDynamics.Gravity"/> as float.</summary>
    public const float Gravity = (float)CartPoleDynamics.Gravity;

    /// <summary><see cref="CartPoleDynamics.MassPole"/> as float.</summary>
    public const float MassPole = (float)CartPoleDynamics.MassPole;

    /// <summary><see cref="CartPoleDynamics.TotalMass"/> as float.</summary>
    public const float TotalMass = (float)CartPoleDynamics.TotalMass;

    /// <summary><see cref="CartPoleDynamics.Length"/> as float.</summary>
    public const float Length = (float)CartPoleDynamics.Length;

    /// <summary><see cref="CartPoleDynamics.PoleMassLength"/> as float.</summary>
    public const float PoleMassLength = (float)CartPoleDynamics.PoleMassLength;

    /// <summary><see cref="CartPoleDynamics.ForceMag"/> as float.</summary>
    public const float ForceMag = (float)CartPoleDynamics.ForceMag;

    /// <summary><see cref="CartPoleDynamics.Tau"/> as float.</summary>
    public const float Tau = (float)CartPoleDynamics.Tau;

    /// <summary><see cref="CartPoleDynamics.ThetaThresholdRadians"/> as float.</summary>
    public const float ThetaThreshold = (float)CartPoleDynamics.ThetaThresholdRadians;

    /// <summary><see cref="CartPoleDynamics.XThreshold"/> as float.</summary>
    public const float XThreshold = (float)CartPoleDynamics.XThreshold;

    /// <summary><c>1 / total mass</c> in float: the fast step multiplies by it instead of dividing (three divisions fewer).</summary>
    public const float InverseTotalMass = 1f / TotalMass;

    /// <summary><c>4 / 3</c> in float.</summary>
    public const float FourThirds = 4f / 3f;

    // A byte, not a bool: ILGPU passes only blittable structs to kernels.
    private readonly byte _suttonBartoReward = suttonBartoReward ? (byte)1 : (byte)0;

    /// <summary>Whether the Sutton-Barto reward is used.</summary>
    public bool SuttonBartoReward => _suttonBartoReward != 0;

    /// <inheritdoc />
    public Float4 Reset(ref FastRandom random)
    {
        var x = random.Uniform(-0.05f, 0.05f);
        var xDot = random.Uniform(-0.05f, 0.05f);
        var theta = random.Uniform(-0.05f, 0.05f);
        var thetaDot = random.Uniform(-0.05f, 0.05f);
        return new(x, xDot, theta, thetaDot);
    }

    /// <inheritdoc />
    public Float4 Step(Float4 state, int action, ref FastRandom random, out float reward, out bool terminated)
    {
        var force = action == 1 ? ForceMag : -ForceMag;
        FastMath.SinCos(state.Z, out var sintheta, out var costheta);
        var temp = (force + (PoleMassLength * (state.W * state.W) * sintheta)) * InverseTotalMass;
        var thetaacc = ((Gravity * sintheta) - (costheta * temp)) / (Length * (FourThirds - (MassPole * (costheta * costheta) * InverseTotalMass)));
        var xacc = temp - (PoleMassLength * thetaacc * costheta * InverseTotalMass);
        var next = new Float4(
            state.X + (Tau * state.Y),
            state.Y + (Tau * xacc),
            state.Z + (Tau * state.W),
            state.W + (Tau * thetaacc));
        terminated = next.X < -XThreshold || next.X > XThreshold || next.Z < -ThetaThreshold || next.Z > ThetaThreshold;
        reward = SuttonBartoReward ? (terminated ? -1f : 0f) : 1f;
        return next;
    }

    /// <inheritdoc />
    public void Observe(in Float4 state, out Float4 observation) => observation = state;
}
