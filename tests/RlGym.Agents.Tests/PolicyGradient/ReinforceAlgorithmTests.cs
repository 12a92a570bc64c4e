using RlGym.Agents.Common;
using RlGym.Agents.PolicyGradient;

namespace RlGym.Agents.Tests.PolicyGradient;

public class ReinforceAlgorithmTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Train_Corridor_WalksStraightToGoal(bool baseline)
    {
        var overrides = new Dictionary<string, string>
        {
            ["num_steps"] = "40", ["learning_rate"] = "0.01", ["gamma"] = "0.9", ["use_baseline"] = baseline ? "true" : "false",
        };

        using var policy = new ReinforceAlgorithm().Train(AgentsTestHelpers.Corridor(8000, overrides: overrides)).Policy;

        using var env = AgentsTestHelpers.MakeCorridor();
        Assert.True(Evaluation.Run(policy, env, 10, seed: 5).MeanLength <= 4);
    }
}
