using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Tests.ClassicControl;

public sealed class MountainCarDynamicsTests
{
    [Fact]
    public void Step_IntoLeftWall_StopsTheCar()
    {
        double position = -1.19, velocity = -0.07;

        var terminated = MountainCarDynamics.Step(ref position, ref velocity, 0, goalVelocity: 0);

        Assert.Equal(-1.2, position);
        Assert.Equal(0.0, velocity);
        Assert.False(terminated);
    }

    [Fact]
    public void Step_PastTheFlagAtSpeedLimit_Terminates()
    {
        // v = clip(0.07 + 0.001 - 0.0025 cos(1.35), ±0.07) = 0.07, then p = 0.45 + 0.07 = 0.52 >= 0.5.
        double position = 0.45, velocity = 0.07;

        var terminated = MountainCarDynamics.Step(ref position, ref velocity, 2, goalVelocity: 0);

        Assert.Equal(0.07, velocity);
        Assert.Equal(0.45 + 0.07, position);
        Assert.True(terminated);
    }

    [Fact]
    public void Step_AtTheFlagSlowerThanGoalVelocity_DoesNotTerminate()
    {
        double position = 0.45, velocity = 0.07;

        var terminated = MountainCarDynamics.Step(ref position, ref velocity, 2, goalVelocity: 0.08);

        Assert.False(terminated);
    }
}
