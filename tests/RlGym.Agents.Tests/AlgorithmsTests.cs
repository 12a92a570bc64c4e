namespace RlGym.Agents.Tests;

public class AlgorithmsTests
{
    [Fact]
    public void Create_EachName_ReturnsAlgorithmOfThatName()
    {
        Assert.Equal(["q-learning", "sarsa", "expected-sarsa", "dqn", "ppo", "a2c", "reinforce", "sac", "td3"], Algorithms.Names);
        Assert.All(Algorithms.Names, name => Assert.Equal(name, Algorithms.Create(name).Name));
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingNames()
    {
        var error = Assert.Throws<ArgumentException>(() => Algorithms.Create("ddpg"));

        Assert.Contains("'ddpg'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ppo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeOptions_PresetAndOverrides_ResolvesAsTrainWould()
    {
        var request = AgentsTestHelpers.Local("CartPole-v1", 12_345, overrides: new Dictionary<string, string> { ["learning_rate"] = "0.002" });

        var options = Algorithms.Create("ppo").DescribeOptions(request);

        Assert.Equal(12_345, options["total_steps"]!.GetValue<long>());
        Assert.Equal(8, options["num_envs"]!.GetValue<int>());
        Assert.Equal(0.002, options["learning_rate"]!.GetValue<double>());
    }

    [Fact]
    public void DescribeOptions_UnknownOverride_Throws()
    {
        var request = AgentsTestHelpers.Local("CartPole-v1", 100, overrides: new Dictionary<string, string> { ["nope"] = "1" });

        Assert.All(Algorithms.Names, name => Assert.Throws<ArgumentException>(() => Algorithms.Create(name).DescribeOptions(request)));
    }
}
