using RlGym.Agents.Common;
using RlGym.Agents.Continuous;
using RlGym.Agents.Tests.Environments;

namespace RlGym.Agents.Tests.Continuous;

public class Td3AlgorithmTests
{
    [Fact]
    public void Train_TargetReach_BeatsRandomClearly()
    {
        using var policy = new Td3Algorithm().Train(AgentsTestHelpers.TargetReach(1500, overrides: ContinuousTestSupport.Fast())).Policy;

        using var env = new TargetReachEnv();
        var learned = Evaluation.Run(policy, env, 100, seed: 9).MeanReturn;
        // Uniformly random actions score −8/3 ≈ −2.67 on average; a = 2x scores 0.
        Assert.True(learned > -0.3, $"mean return {learned}");
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 50)]
    [InlineData(3, 33)]
    public void Train_PolicyDelay_UpdatesTheActorOncePerDelayCriticUpdates(int delay, int actorUpdates)
    {
        var writer = new ContinuousTestSupport.CollectingWriter();
        using var recorder = new MetricRecorder(writer);
        var overrides = ContinuousTestSupport.Fast(("policy_delay", delay.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("learning_starts", "10"));

        new Td3Algorithm().Train(AgentsTestHelpers.TargetReach(110, overrides: overrides, recorder: recorder)).Policy.Dispose();

        // One critic update per step after the first 10; the actor loss is recorded when the actor was updated.
        Assert.Equal(100, writer.Values[MetricNames.QfLoss].Count);
        Assert.Equal(actorUpdates, writer.Values[MetricNames.ActorLoss].Count);
    }

    [Fact]
    public void Train_DiscreteActions_ThrowsNamingBox()
    {
        var error = Assert.Throws<ArgumentException>(() => new Td3Algorithm().Train(AgentsTestHelpers.Local("Acrobot-v1", 10)));

        Assert.Contains("TD3 needs a Box action space", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Act_NotDeterministic_StaysDeterministic()
    {
        using var policy = new Td3Algorithm().Train(AgentsTestHelpers.Local("Pendulum-v1", 50, overrides: ContinuousTestSupport.Fast())).Policy;

        using var env = RlGym.Environments.Gym.Make("Pendulum-v1");
        var observation = env.ResetObject(1).Observation;
        Assert.Equal((float[])policy.Act(observation, deterministic: true), (float[])policy.Act(observation, deterministic: false));
    }
}
