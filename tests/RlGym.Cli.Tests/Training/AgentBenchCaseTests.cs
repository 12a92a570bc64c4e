using RlGym.Cli.Training;

namespace RlGym.Cli.Tests.Training;

public sealed class AgentBenchCaseTests
{
    [Theory]
    [InlineData("ppo:CartPole-v1", "ppo", "CartPole-v1", 475.0)]
    [InlineData("dqn:Acrobot-v1:-90.5", "dqn", "Acrobot-v1", -90.5)]
    [InlineData("a2c:CartPole-v1", "a2c", "CartPole-v1", 475.0)]
    [InlineData("ppo:Acrobot-v1", "ppo", "Acrobot-v1", -100.0)]
    [InlineData("reinforce:CartPole-v1", "reinforce", "CartPole-v1", null)]
    [InlineData("ppo:MinAtar/Breakout-v0", "ppo", "MinAtar/Breakout-v0", null)]
    [InlineData("sac:MountainCarContinuous-v0", "sac", "MountainCarContinuous-v0", 90.0)]
    [InlineData("td3:Pendulum-v1", "td3", "Pendulum-v1", -200.0)]
    public void Parse_Valid_TakesTheGivenOrDefaultThreshold(string text, string algorithm, string env, double? threshold)
    {
        var parsed = AgentBenchCase.Parse(text);

        Assert.Equal(new AgentBenchCase(algorithm, env, threshold), parsed);
    }

    [Theory]
    [InlineData("ppo")]
    [InlineData(":CartPole-v1")]
    [InlineData("ppo:CartPole-v1:high")]
    [InlineData("a:b:1:2")]
    public void Parse_Malformed_ThrowsWithTheExpectedForm(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => AgentBenchCase.Parse(text));

        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }
}
