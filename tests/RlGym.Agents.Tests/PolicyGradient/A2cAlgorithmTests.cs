using RlGym.Agents.Common;
using RlGym.Agents.PolicyGradient;

namespace RlGym.Agents.Tests.PolicyGradient;

public class A2cAlgorithmTests
{
    [Fact]
    public void Train_Corridor_WalksStraightToGoal()
    {
        var overrides = new Dictionary<string, string> { ["learning_rate"] = "0.003", ["gamma"] = "0.9", ["ent_coef"] = "0.01" };

        using var policy = new A2cAlgorithm().Train(AgentsTestHelpers.Corridor(6000, overrides: overrides)).Policy;

        using var env = AgentsTestHelpers.MakeCorridor();
        Assert.True(Evaluation.Run(policy, env, 10, seed: 5).MeanLength <= 4);
    }
}
