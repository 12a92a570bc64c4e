using System.Runtime.InteropServices;
using RlGym.Core.Dynamics;
using RlGym.Core.Vector;

namespace RlGym.Environments.Fast;

/// <summary>Acrobot's observation as one unmanaged struct: the six float32 values in the observation's order.</summary>
/// <param name="cosTheta1">cos(theta1).</param>
/// <param name="sinTheta1">sin(theta1).</param>
/// <param name="cosTheta2">cos(theta2).</param>
/// <param name="sinTheta2">sin(theta2).</param>
/// <param name="dtheta1">Angular velocity of the first link.</param>
/// <param name="dtheta2">Angular velocity of the second link.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly struct AcrobotObservation(float cosTheta1, float sinTheta1, float cosTheta2, float sinTheta2, float dtheta1, float dtheta2)
{
    /// <summary>cos(theta1).</summary>
    public float CosTheta1 { get; } = cosTheta1;

    /// <summary>sin(theta1).</summary>
    public float SinTheta1 { get; } = sinTheta1;

    /// <summary>cos(theta2).</summary>
    public float CosTheta2 { get; } = cosTheta2;

    /// <summary>sin(theta2).</summary>
    public float SinTheta2 { get; } = sinTheta2;

    /// <summary>Angular velocity of the first link.</summary>
    public float Dtheta1 { get; } = dtheta1;

    /// <summary>Angular velocity of the second link.</summary>
    public float Dtheta2 { get; } = dtheta2;
}
