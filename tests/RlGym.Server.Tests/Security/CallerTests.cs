using RlGym.Server.Security;

namespace RlGym.Server.Tests.Security;

public class CallerTests
{
    [Theory]
    [InlineData("CartPole-v1", "CartPole-v1", true)]
    [InlineData("CartPole-v1", "CartPole-v0", false)]
    [InlineData("CartPole-*", "CartPole-v0", true)]
    [InlineData("CartPole-*", "Acrobot-v1", false)]
    [InlineData("*-v1", "Acrobot-v1", true)]
    [InlineData("*-v1", "Taxi-v3", false)]
    [InlineData("Mountain*Continuous*", "MountainCarContinuous-v0", true)]
    [InlineData("Mountain*Continuous*", "MountainCar-v0", false)]
    [InlineData("a*a", "a", false)]
    [InlineData("*", "anything", true)]
    public void Matches_GlobPattern_MatchesAsAShellWould(string pattern, string id, bool expected) =>
        Assert.Equal(expected, Caller.Matches(pattern, id));

    [Fact]
    public void MayUse_NoPatterns_AllowsEveryId() => Assert.True(Caller.Anonymous.MayUse("Taxi-v3"));
}
