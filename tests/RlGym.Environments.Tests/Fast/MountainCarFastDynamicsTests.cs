using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;
using RlGym.Environments.Fast;

namespace RlGym.Environments.Tests.Fast;

/// <summary>
/// From one state, <see cref="MountainCarFastDynamics"/> stays within a stated tolerance of the exact float64 dynamics over a short
/// horizon (the error is float32 rounding and <see cref="FastMath"/>'s sine and cosine, growing with the horizon).
/// </summary>
public sealed class MountainCarFastDynamicsTests
{
    [Fact]
    public void Step_150Steps_StaysWithin1e4OfTheExactDynamics()
    {
        var (position, velocity) = (-0.5, 0.0);
        var fast = new Float2(-0.5f, 0f);
        var dynamics = new MountainCarFastDynamics(0f);
        var random = FastRandom.FromSeed(0); // unused by these dynamics (they draw nothing while stepping)
        for (var step = 0; step < 150; step++)
        {
            var action = velocity >= 0 ? 2 : 0;
            MountainCarDynamics.Step(ref position, ref velocity, action, 0.0);
            fast = dynamics.Step(fast, action, ref random, out _, out _);

            DynamicsAssert.Close([position, velocity], [fast.X, fast.Y], 1e-4, step);
        }
    }
}
