using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Tests.ClassicControl;

public sealed class MountainCarContinuousDynamicsTests
{
    [Theory]
    [InlineData(NumpyPromotion.NumPy2)]
    [InlineData(NumpyPromotion.Legacy)]
    public void Step_ReachingTheGoal_PaysHundredMinusActionPenalty(NumpyPromotion promotion)
    {
        // Velocity is clamped to 0.07, so the car moves from 0.44 to 0.51 >= 0.45.
        double position = (float)0.44, velocity = (float)0.07;

        var terminated = MountainCarContinuousDynamics.Step(
            ref position, ref velocity, stateIsFloat32: true, 1f, goalVelocity: 0, promotion, out var reward);

        Assert.True(terminated);
        Assert.Equal(100.0 - 0.1, reward);
        Assert.Equal((float)0.07, (float)velocity);
    }

    [Theory]
    [InlineData(NumpyPromotion.NumPy2)]
    [InlineData(NumpyPromotion.Legacy)]
    public void Step_Always_LeavesFloat32Values(NumpyPromotion promotion)
    {
        double position = -0.5234567890123, velocity = 0;

        MountainCarContinuousDynamics.Step(ref position, ref velocity, stateIsFloat32: false, 0.3f, 0, promotion, out _);

        Assert.Equal(position, (float)position);
        Assert.Equal(velocity, (float)velocity);
    }

    [Fact]
    public void Step_IntoLeftWall_StopsTheCar()
    {
        double position = (float)-1.19, velocity = (float)-0.07;

        MountainCarContinuousDynamics.Step(ref position, ref velocity, true, -1f, 0, NumpyPromotion.NumPy2, out var reward);

        Assert.Equal((float)-1.2, (float)position);
        Assert.Equal(0.0, velocity);
        Assert.Equal(0.0 - 0.1, reward);
    }
}
