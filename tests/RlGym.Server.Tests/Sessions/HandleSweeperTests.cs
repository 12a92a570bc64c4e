using RlGym.Server.Sessions;

namespace RlGym.Server.Tests.Sessions;

public class HandleSweeperTests
{
    [Theory]
    [InlineData(1800, 0, 60)] // the default idle timeout alone: every minute
    [InlineData(5, 0, 1)] // a short idle timeout: at least a second apart
    [InlineData(1800, 10, 1)] // the default lease: within about a second of its end
    [InlineData(1800, 0.5, 0.1)] // a short lease: a fifth of it, at least 100 ms apart
    [InlineData(0, 10, 1)]
    public void PeriodFor_Options_SweepsOftenEnough(double idleSeconds, double leaseSeconds, double expectedSeconds)
    {
        var options = new RlGymServerOptions { HandleIdleTimeout = TimeSpan.FromSeconds(idleSeconds), HandleLease = TimeSpan.FromSeconds(leaseSeconds) };

        var period = HandleSweeper.PeriodFor(options);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), period);
    }

    [Fact]
    public void PeriodFor_NothingExpires_IsNull()
    {
        var options = new RlGymServerOptions { HandleIdleTimeout = TimeSpan.Zero, HandleLease = TimeSpan.Zero };

        Assert.Null(HandleSweeper.PeriodFor(options));
    }
}
