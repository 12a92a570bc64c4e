using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;
using RlGym.Environments.Fast;

namespace RlGym.Environments.Tests.Fast;

/// <summary>
/// From one state, <see cref="PendulumFastDynamics"/> stays within a stated tolerance of the exact float64 dynamics over a short
/// horizon (the error is float32 rounding and <see cref="FastMath"/>'s sine and cosine, growing with the horizon).
/// </summary>
public sealed class PendulumFastDynamicsTests
{
    [Fact]
    public void Step_50Steps_StaysWithin1e3OfTheExactDynamics()
    {
        var (theta, thetaDot) = (2.5, -0.5);
        var fast = new Float2(2.5f, -0.5f);
        var dynamics = new PendulumFastDynamics(10f);
        var random = FastRandom.FromSeed(0); // unused by these dynamics (they draw nothing while stepping)
        for (var step = 0; step < 50; step++)
        {
            var action = (float)Math.Sin(step * 0.3) * 2.5f;
            var cost = PendulumDynamics.Step(ref theta, ref thetaDot, action, 10.0, NumpyPromotion.NumPy2);
            fast = dynamics.Step(fast, action, ref random, out var reward, out _);

            DynamicsAssert.Close([theta, thetaDot, -cost], [fast.X, fast.Y, reward], 1e-3, step);
        }
    }
}
