using RlGym.Agents.Common;
using RlGym.Agents.PolicyGradient;
using RlGym.Environments;
using Xunit.Abstractions;

namespace RlGym.Agents.Tests.PolicyGradient;

public class PpoAlgorithmTests(ITestOutputHelper output)
{
    [Fact]
    public void Train_CartPolePreset_ReachesModestReturnQuickly()
    {
        var request = AgentsTestHelpers.Local("CartPole-v1", 20_000) with { EvalEvery = 2048, EvalEpisodes = 5 };

        var result = new PpoAlgorithm().Train(request);
        using var policy = result.Policy;

        foreach (var e in result.Evaluations)
        {
            output.WriteLine($"{e.Step} {e.WallSeconds:F2}s {e.MeanReturn:F1}");
        }

        output.WriteLine($"elapsed {result.Elapsed.TotalSeconds:F2}s");
        using var env = Gym.Make("CartPole-v1");
        var evaluation = Evaluation.Run(policy, env, 10, seed: 123);
        Assert.True(evaluation.MeanReturn >= 200, $"mean return {evaluation.MeanReturn}");
    }
}
