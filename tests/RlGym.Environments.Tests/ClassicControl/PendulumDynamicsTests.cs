using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Tests.ClassicControl;

public sealed class PendulumDynamicsTests
{
    [Fact]
    public void AngleNormalize_MinusPi_IsMinusPi() =>
        Assert.Equal(-Math.PI, PendulumDynamics.AngleNormalize(-Math.PI));

    [Fact]
    public void AngleNormalize_NegativeAngle_UsesFloorModulo()
    {
        // ((-3pi/2 + pi) mod 2pi) - pi = (3pi/2) - pi = pi/2; a truncating remainder would give -3pi/2.
        Assert.Equal(Math.PI / 2, PendulumDynamics.AngleNormalize(-1.5 * Math.PI), 12);
    }

    [Fact]
    public void AngleNormalize_BeyondPi_WrapsToNegative() =>
        Assert.Equal(-Math.PI / 2, PendulumDynamics.AngleNormalize(1.5 * Math.PI), 12);

    [Theory]
    [InlineData(NumpyPromotion.NumPy2)]
    [InlineData(NumpyPromotion.Legacy)]
    public void Step_FastSpin_ClipsAngularVelocity(NumpyPromotion promotion)
    {
        double theta = Math.PI / 2, thetaDot = 7.9;

        PendulumDynamics.Step(ref theta, ref thetaDot, 2f, 10.0, promotion);

        Assert.Equal(8.0, thetaDot);
        Assert.Equal((Math.PI / 2) + (8.0 * 0.05), theta);
    }

    [Fact]
    public void ClipTorque_OutOfRange_ClipsToTwo()
    {
        Assert.Equal(2f, PendulumDynamics.ClipTorque(7f));
        Assert.Equal(-2f, PendulumDynamics.ClipTorque(-2.5f));
        Assert.Equal(0.5f, PendulumDynamics.ClipTorque(0.5f));
    }
}
