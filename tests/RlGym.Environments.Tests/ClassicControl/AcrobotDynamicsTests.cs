using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Tests.ClassicControl;

public sealed class AcrobotDynamicsTests
{
    [Theory]
    [InlineData(Math.PI, 0.0, true)] // both links straight up: -cos(pi) - cos(pi) = 2
    [InlineData(0.0, 0.0, false)] // hanging down: -2
    [InlineData(Math.PI / 2, 0.0, false)] // horizontal: the tip is level with the pivot
    public void IsTerminal_TipHeight_ComparedWithOneLink(double theta1, double theta2, bool expected) =>
        Assert.Equal(expected, AcrobotDynamics.IsTerminal(theta1, theta2));

    [Fact]
    public void Step_SpinningPastPi_WrapsTheAngle()
    {
        double theta1 = 3.1, theta2 = 0, dtheta1 = 4, dtheta2 = 0;

        AcrobotDynamics.Step(ref theta1, ref theta2, ref dtheta1, ref dtheta2, 1);

        Assert.InRange(theta1, -Math.PI, 0);
    }

    [Fact]
    public void Step_Always_BoundsTheVelocities()
    {
        double theta1 = 0, theta2 = 0, dtheta1 = 100, dtheta2 = -100;

        AcrobotDynamics.Step(ref theta1, ref theta2, ref dtheta1, ref dtheta2, 2);

        Assert.InRange(dtheta1, -AcrobotDynamics.MaxVelocity1, AcrobotDynamics.MaxVelocity1);
        Assert.InRange(dtheta2, -AcrobotDynamics.MaxVelocity2, AcrobotDynamics.MaxVelocity2);
    }

    [Fact]
    public void Torque_UnknownAction_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AcrobotDynamics.Torque(3));
}
