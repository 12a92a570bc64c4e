namespace RlGym.Agents.Tests;

public class AlgorithmsTests
{
    [Fact]
    public void Create_EachName_ReturnsAlgorithmOfThatName()
    {
        Assert.Equal(["q-learning", "sarsa", "expected-sarsa", "dqn", "ppo", "a2c", "reinforce"], Algorithms.Names);
        Assert.All(Algorithms.Names, name => Assert.Equal(name, Algorithms.Create(name).Name));
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingNames()
    {
        var error = Assert.Throws<ArgumentException>(() => Algorithms.Create("sac"));

        Assert.Contains("'sac'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ppo", error.Message, StringComparison.Ordinal);
    }
}
