using RlGym.Agents.Common;

namespace RlGym.Agents.Tests.Common;

public class SchedulesTests
{
    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(50, 0.525)]
    [InlineData(100, 0.05)]
    [InlineData(1000, 0.05)]
    public void Linear_OverDuration_InterpolatesThenHolds(double t, double expected)
    {
        Assert.Equal(expected, Schedules.Linear(1.0, 0.05, 100, t), 10);
    }

    [Fact]
    public void Linear_ZeroDuration_IsEnd()
    {
        Assert.Equal(0.1, Schedules.Linear(1.0, 0.1, 0, 0));
    }
}
