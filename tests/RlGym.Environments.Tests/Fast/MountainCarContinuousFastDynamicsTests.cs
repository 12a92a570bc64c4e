using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;
using RlGym.Environments.Fast;

namespace RlGym.Environments.Tests.Fast;

/// <summary>
/// From one state, <see cref="MountainCarContinuousFastDynamics"/> stays within a stated tolerance of the exact float64 dynamics over a short
/// horizon (the error is float32 rounding and <see cref="FastMath"/>'s sine and cosine, growing with the horizon).
/// </summary>
public sealed class MountainCarContinuousFastDynamicsTests
{
    [Fact]
    public void Step_150Steps_StaysWithin1e4OfTheExactDynamics()
    {
        var (position, velocity) = (-0.5, 0.0);
        var fast = new Float2(-0.5f, 0f);
        var dynamics = new MountainCarContinuousFastDynamics(0f);
        var random = FastRandom.FromSeed(0); // unused by these dynamics (they draw nothing while stepping)
        for (var step = 0; step < 150; step++)
        {
            var action = velocity >= 0 ? 0.8f : -1.5f;
            MountainCarContinuousDynamics.Step(ref position, ref velocity, true, action, 0.0, NumpyPromotion.NumPy2, out var reward);
            fast = dynamics.Step(fast, action, ref random, out var fastReward, out _);

            DynamicsAssert.Close([position, velocity, reward], [fast.X, fast.Y, fastReward], 1e-4, step);
        }
    }
}
