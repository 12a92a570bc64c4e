using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Fast;

/// <summary>
/// Pendulum in float32: <see cref="PendulumDynamics"/>'s equations with float constants and <see cref="FastMath"/>'s
/// sine and cosine. The state is (theta, theta_dot) in a <see cref="Float2"/>; the observation (cos theta,
/// sin theta, theta_dot) a <see cref="Float3"/>; the action the one-element Box's torque. Never terminates.
/// </summary>
/// <param name="g">The kwarg <c>g</c> (gravity).</param>
public readonly struct PendulumFastDynamics(float g) : IFastDynamics<Float2, Float3, float>
{
    /// <summary><see cref="PendulumDynamics.MaxSpeed"/> as float.</summary>
    public const float MaxSpeed = (float)PendulumDynamics.MaxSpeed;

    /// <summary><see cref="PendulumDynamics.MaxTorque"/> as float.</summary>
    public const float MaxTorque = (float)PendulumDynamics.MaxTorque;

    /// <summary><see cref="PendulumDynamics.Dt"/> as float.</summary>
    public const float Dt = (float)PendulumDynamics.Dt;

    /// <summary><see cref="PendulumDynamics.Length"/> as float.</summary>
    public const float Length = (float)PendulumDynamics.Length;

    /// <summary>3 / (m l²) in float: the torque's angular acceleration per unit.</summary>
    public const float TorqueGain = (float)(3.0 / (PendulumDynamics.Mass * (PendulumDynamics.Length * PendulumDynamics.Length)));

    /// <summary>π in float.</summary>
    public const float Pi = MathF.PI;

    /// <summary>Gravity.</summary>
    public float G { get; } = g;

    /// <inheritdoc />
    public Float2 Reset(ref FastRandom random)
    {
        var theta = random.Uniform(-Pi, Pi);
        var thetaDot = random.Uniform(-1f, 1f);
        return new(theta, thetaDot);
    }

    /// <inheritdoc />
    public Float2 Step(Float2 state, float action, ref FastRandom random, out float reward, out bool terminated)
    {
        var u = MathF.Min(MathF.Max(action, -MaxTorque), MaxTorque);
        var shifted = state.X + Pi;
        var normalized = shifted - (2f * Pi * MathF.Floor(shifted / (2f * Pi))) - Pi;
        var cost = (normalized * normalized) + (0.1f * state.Y * state.Y) + (0.001f * u * u);
        var gravityTerm = 3f * G / (2f * Length) * FastMath.Sin(state.X);
        var thetaDot = state.Y + ((gravityTerm + (TorqueGain * u)) * Dt);
        thetaDot = MathF.Min(MathF.Max(thetaDot, -MaxSpeed), MaxSpeed);
        reward = -cost;
        terminated = false;
        return new(state.X + (thetaDot * Dt), thetaDot);
    }

    /// <inheritdoc />
    public void Observe(in Float2 state, out Float3 observation)
    {
        FastMath.SinCos(state.X, out var sin, out var cos);
        observation = new(cos, sin, state.Y);
    }
}
