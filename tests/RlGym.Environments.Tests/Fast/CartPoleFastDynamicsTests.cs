using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;
using RlGym.Environments.Fast;

namespace RlGym.Environments.Tests.Fast;

/// <summary>
/// From one state, <see cref="CartPoleFastDynamics"/> stays within a stated tolerance of the exact float64 dynamics over a short
/// horizon (the error is float32 rounding and <see cref="FastMath"/>'s sine and cosine, growing with the horizon).
/// </summary>
public sealed class CartPoleFastDynamicsTests
{
    [Fact]
    public void Step_30Steps_StaysWithin1e4OfTheExactDynamics()
    {
        var (x, xDot, theta, thetaDot) = (0.03, -0.02, 0.04, 0.01);
        var fast = new Float4((float)x, (float)xDot, (float)theta, (float)thetaDot);
        var dynamics = new CartPoleFastDynamics(false);
        var random = FastRandom.FromSeed(0); // unused by these dynamics (they draw nothing while stepping)
        for (var step = 0; step < 30; step++)
        {
            var action = step % 3 == 0 ? 0 : 1;
            CartPoleDynamics.Step(ref x, ref xDot, ref theta, ref thetaDot, action);
            fast = dynamics.Step(fast, action, ref random, out _, out var terminated);

            Assert.Equal(CartPoleDynamics.IsTerminal(x, theta), terminated);
            DynamicsAssert.Close([x, xDot, theta, thetaDot], [fast.X, fast.Y, fast.Z, fast.W], 1e-4, step);
        }
    }
}
