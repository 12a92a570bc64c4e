using RlGym.Agents.Continuous;
using RlGym.Agents.PolicyGradient;
using RlGym.Cli.Training;

namespace RlGym.Cli.Tests.Training;

public sealed class AlgorithmPresetsTests
{
    private static readonly Dictionary<string, string> None = [];

    [Fact]
    public void TotalSteps_NoOverrides_IsThePresetsForTheEnvironment()
    {
        var total = AlgorithmPresets.TotalSteps("ppo", "CartPole-v1", None, totalSteps: null);

        Assert.Equal(PpoOptions.For("CartPole-v1").TotalSteps, total);
    }

    [Fact]
    public void TotalSteps_SacAndTd3_AreTheirPresets()
    {
        Assert.Equal(SacOptions.For("MountainCarContinuous-v0").TotalSteps, AlgorithmPresets.TotalSteps("sac", "MountainCarContinuous-v0", None, totalSteps: null));
        Assert.Equal(Td3Options.For("Pendulum-v1").TotalSteps, AlgorithmPresets.TotalSteps("td3", "Pendulum-v1", None, totalSteps: null));
    }

    [Fact]
    public void TotalSteps_SetAndFlag_TheFlagWinsOverTheSetWhichWinsOverThePreset()
    {
        var overrides = new Dictionary<string, string> { ["total_steps"] = "1234" };

        Assert.Equal(1234, AlgorithmPresets.TotalSteps("dqn", "CartPole-v1", overrides, totalSteps: null));
        Assert.Equal(99, AlgorithmPresets.TotalSteps("dqn", "CartPole-v1", overrides, totalSteps: 99));
    }

    [Theory]
    [InlineData("q-learning", "learning_rat", "0.1", "learning_rate")]
    [InlineData("ppo", "gamma", "high", "gamma")]
    public void TotalSteps_BadOverride_ThrowsNamingTheKey(string algorithm, string key, string value, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => AlgorithmPresets.TotalSteps(algorithm, "CartPole-v1", new Dictionary<string, string> { [key] = value }, null));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }
}
