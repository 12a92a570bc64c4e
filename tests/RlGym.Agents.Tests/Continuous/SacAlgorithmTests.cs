using RlGym.Agents.Common;
using RlGym.Agents.Continuous;
using RlGym.Agents.Tests.Environments;

namespace RlGym.Agents.Tests.Continuous;

public class SacAlgorithmTests
{
    [Fact]
    public void Train_TargetReach_BeatsRandomClearly()
    {
        using var policy = new SacAlgorithm().Train(AgentsTestHelpers.TargetReach(1500, overrides: ContinuousTestSupport.Fast())).Policy;

        using var env = new TargetReachEnv();
        var learned = Evaluation.Run(policy, env, 100, seed: 9).MeanReturn;
        // Uniformly random actions score −8/3 ≈ −2.67 on average; a = 2x scores 0.
        Assert.True(learned > -0.3, $"mean return {learned}");
    }

    [Theory]
    [InlineData("-20", false)]
    [InlineData("5", true)]
    public void Train_AutoEntropy_MovesAlphaTowardsTheTargetEntropy(string targetEntropy, bool rises)
    {
        var writer = new ContinuousTestSupport.CollectingWriter();
        using var recorder = new MetricRecorder(writer);
        var overrides = ContinuousTestSupport.Fast(("target_entropy", targetEntropy), ("learning_starts", "50"));

        new SacAlgorithm().Train(AgentsTestHelpers.TargetReach(300, overrides: overrides, recorder: recorder)).Policy.Dispose();

        // α starts at 1 (ent_coef): an unreachably high target entropy raises it, a very low one lowers it.
        var alpha = writer.Values[MetricNames.Alpha];
        Assert.Equal(250, alpha.Count);
        Assert.True(rises ? alpha[^1] > 1.1 : alpha[^1] < 0.9, $"final α {alpha[^1]}");
        Assert.Contains(MetricNames.AlphaLoss, writer.Values.Keys);
    }

    [Fact]
    public void Train_FixedEntCoef_KeepsAlpha()
    {
        var writer = new ContinuousTestSupport.CollectingWriter();
        using var recorder = new MetricRecorder(writer);
        var overrides = ContinuousTestSupport.Fast(("auto_entropy", "false"), ("ent_coef", "0.1"), ("learning_starts", "50"));

        new SacAlgorithm().Train(AgentsTestHelpers.TargetReach(100, overrides: overrides, recorder: recorder)).Policy.Dispose();

        Assert.All(writer.Values[MetricNames.Alpha], a => Assert.Equal(0.1, a, 6));
        Assert.DoesNotContain(MetricNames.AlphaLoss, writer.Values.Keys);
        Assert.Superset(new HashSet<string> { MetricNames.QfLoss, MetricNames.ActorLoss, MetricNames.QValues, MetricNames.Entropy }, writer.Values.Keys.ToHashSet());
    }

    [Fact]
    public void Train_DiscreteActions_ThrowsNamingBox()
    {
        var error = Assert.Throws<ArgumentException>(() => new SacAlgorithm().Train(AgentsTestHelpers.Local("CartPole-v1", 10)));

        Assert.Contains("SAC needs a Box action space", error.Message, StringComparison.Ordinal);
        Assert.Contains("CartPole-v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Act_Pendulum_ReturnsActionsInsideTheBounds()
    {
        using var policy = new SacAlgorithm().Train(AgentsTestHelpers.Local("Pendulum-v1", 50, overrides: ContinuousTestSupport.Fast())).Policy;

        using var env = RlGym.Environments.Gym.Make("Pendulum-v1");
        var observation = env.ResetObject(1).Observation;
        for (var k = 0; k < 20; k++)
        {
            Assert.True(env.ActionSpace.ContainsObject(policy.Act(observation, deterministic: k % 2 == 0)));
        }
    }
}
