using RlGym.Environments.ClassicControl;
using RlGym.Environments.Fast;

namespace RlGym.Environments.Tests.Fast;

/// <summary>
/// Short horizons from the same state: the float32 dynamics stay within a stated tolerance of the exact float64
/// dynamics (the error is float32 rounding and <see cref="FastMath"/>'s sine and cosine, growing with the horizon).
/// </summary>
public sealed class FastDynamicsTests
{
    [Fact]
    public void CartPole_30Steps_StaysWithin1e4OfTheExactDynamics()
    {
        var (x, xDot, theta, thetaDot) = (0.03, -0.02, 0.04, 0.01);
        var fast = new Float4((float)x, (float)xDot, (float)theta, (float)thetaDot);
        var dynamics = new CartPoleFastDynamics(false);
        for (var step = 0; step < 30; step++)
        {
            var action = step % 3 == 0 ? 0 : 1;
            CartPoleDynamics.Step(ref x, ref xDot, ref theta, ref thetaDot, action);
            fast = dynamics.Step(fast, action, out _, out var terminated);

            Assert.Equal(CartPoleDynamics.IsTerminal(x, theta), terminated);
            AssertClose([x, xDot, theta, thetaDot], [fast.X, fast.Y, fast.Z, fast.W], 1e-4, step);
        }
    }

    [Fact]
    public void MountainCar_150Steps_StaysWithin1e4OfTheExactDynamics()
    {
        var (position, velocity) = (-0.5, 0.0);
        var fast = new Float2(-0.5f, 0f);
        var dynamics = new MountainCarFastDynamics(0f);
        for (var step = 0; step < 150; step++)
        {
            var action = velocity >= 0 ? 2 : 0;
            MountainCarDynamics.Step(ref position, ref velocity, action, 0.0);
            fast = dynamics.Step(fast, action, out _, out _);

            AssertClose([position, velocity], [fast.X, fast.Y], 1e-4, step);
        }
    }

    [Fact]
    public void MountainCarContinuous_150Steps_StaysWithin1e4OfTheExactDynamics()
    {
        var (position, velocity) = (-0.5, 0.0);
        var fast = new Float2(-0.5f, 0f);
        var dynamics = new MountainCarContinuousFastDynamics(0f);
        for (var step = 0; step < 150; step++)
        {
            var action = velocity >= 0 ? 0.8f : -1.5f;
            MountainCarContinuousDynamics.Step(ref position, ref velocity, true, action, 0.0, NumpyPromotion.NumPy2, out var reward);
            fast = dynamics.Step(fast, action, out var fastReward, out _);

            AssertClose([position, velocity, reward], [fast.X, fast.Y, fastReward], 1e-4, step);
        }
    }

    [Fact]
    public void Pendulum_50Steps_StaysWithin1e3OfTheExactDynamics()
    {
        var (theta, thetaDot) = (2.5, -0.5);
        var fast = new Float2(2.5f, -0.5f);
        var dynamics = new PendulumFastDynamics(10f);
        for (var step = 0; step < 50; step++)
        {
            var action = (float)Math.Sin(step * 0.3) * 2.5f;
            var cost = PendulumDynamics.Step(ref theta, ref thetaDot, action, 10.0, NumpyPromotion.NumPy2);
            fast = dynamics.Step(fast, action, out var reward, out _);

            AssertClose([theta, thetaDot, -cost], [fast.X, fast.Y, reward], 1e-3, step);
        }
    }

    [Fact]
    public void Acrobot_10Steps_StaysWithin1e3OfTheExactDynamics()
    {
        var (t1, t2, d1, d2) = (0.05, -0.08, 0.02, 0.09);
        var fast = new Float4((float)t1, (float)t2, (float)d1, (float)d2);
        var dynamics = default(AcrobotFastDynamics);
        for (var step = 0; step < 10; step++)
        {
            var action = step % 3;
            AcrobotDynamics.Step(ref t1, ref t2, ref d1, ref d2, action);
            fast = dynamics.Step(fast, action, out _, out _);

            AssertClose([t1, t2, d1, d2], [fast.X, fast.Y, fast.Z, fast.W], 1e-3, step);
        }
    }

    private static void AssertClose(double[] exact, float[] fast, double tolerance, int step)
    {
        for (var k = 0; k < exact.Length; k++)
        {
            var error = Math.Abs(exact[k] - fast[k]);
            Assert.True(error <= tolerance, $"step {step}, element {k}: exact {exact[k]}, fast {fast[k]}, |error| {error:E2} > {tolerance:E0}");
        }
    }
}
