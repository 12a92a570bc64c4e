using RlGym.Agents.Common;
using RlGym.Agents.Dqn;

namespace RlGym.Agents.Tests.Dqn;

public class DqnAlgorithmTests
{
    private static readonly Dictionary<string, string> Fast = new()
    {
        ["learning_starts"] = "200",
        ["train_frequency"] = "1",
        ["target_update_interval"] = "100",
        ["exploration_fraction"] = "0.5",
        ["learning_rate"] = "0.003",
        ["hidden_sizes"] = "32",
        ["gamma"] = "0.9",
    };

    [Theory]
    [InlineData(false, "1.0")]
    [InlineData(true, "0.05")]
    public void Train_Corridor_WalksStraightToGoal(bool doubleDqn, string tau)
    {
        var overrides = new Dictionary<string, string>(Fast) { ["double_dqn"] = doubleDqn ? "true" : "false", ["tau"] = tau };
        if (tau != "1.0")
        {
            overrides["target_update_interval"] = "1";
        }

        using var policy = new DqnAlgorithm().Train(AgentsTestHelpers.Corridor(3000, overrides: overrides)).Policy;

        using var env = AgentsTestHelpers.MakeCorridor();
        var result = Evaluation.Run(policy, env, 10, seed: 5);
        Assert.Equal(1.0, result.MeanReturn);
        Assert.True(result.MeanLength <= 4, $"mean length {result.MeanLength}");
    }

    [Fact]
    public void Train_DiscreteObservations_EncodesOneHot()
    {
        var overrides = new Dictionary<string, string>(Fast) { ["learning_starts"] = "50" };

        using var policy = new DqnAlgorithm().Train(AgentsTestHelpers.Local("FrozenLake-v1", 300, overrides: overrides)).Policy;

        Assert.InRange((int)policy.Act(5), 0, 3);
    }

    [Fact]
    public void Train_ContinuousActions_ThrowsNamingDiscrete()
    {
        var error = Assert.Throws<ArgumentException>(() => new DqnAlgorithm().Train(AgentsTestHelpers.Local("Pendulum-v1", 10)));

        Assert.Contains("Discrete action space", error.Message, StringComparison.Ordinal);
    }
}
