using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;
using RlGym.Environments.Fast;

namespace RlGym.Environments.Tests.Fast;

/// <summary>
/// From one state, <see cref="AcrobotFastDynamics"/> stays within a stated tolerance of the exact float64 dynamics over a short
/// horizon (the error is float32 rounding and <see cref="FastMath"/>'s sine and cosine, growing with the horizon).
/// </summary>
public sealed class AcrobotFastDynamicsTests
{
    [Fact]
    public void Step_10Steps_StaysWithin1e3OfTheExactDynamics()
    {
        var (t1, t2, d1, d2) = (0.05, -0.08, 0.02, 0.09);
        var fast = new Float4((float)t1, (float)t2, (float)d1, (float)d2);
        var dynamics = default(AcrobotFastDynamics);
        var random = FastRandom.FromSeed(0); // unused by these dynamics (they draw nothing while stepping)
        for (var step = 0; step < 10; step++)
        {
            var action = step % 3;
            AcrobotDynamics.Step(ref t1, ref t2, ref d1, ref d2, action);
            fast = dynamics.Step(fast, action, ref random, out _, out _);

            DynamicsAssert.Close([t1, t2, d1, d2], [fast.X, fast.Y, fast.Z, fast.W], 1e-3, step);
        }
    }
}
