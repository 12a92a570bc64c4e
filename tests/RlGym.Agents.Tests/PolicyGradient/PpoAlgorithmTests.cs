using RlGym.Agents.Common;
using RlGym.Agents.PolicyGradient;
using RlGym.Environments;

namespace RlGym.Agents.Tests.PolicyGradient;

public class PpoAlgorithmTests
{
    [Fact]
    public void Train_CartPolePreset_ReachesModestReturnQuickly()
    {
        using var policy = new PpoAlgorithm().Train(AgentsTestHelpers.Local("CartPole-v1", 12_000)).Policy;

        using var env = Gym.Make("CartPole-v1");
        var evaluation = Evaluation.Run(policy, env, 5, seed: 123);
        Assert.True(evaluation.MeanReturn >= 150, $"mean return {evaluation.MeanReturn}");
    }

    [Fact]
    public void Train_Corridor_WalksStraightToGoal()
    {
        var overrides = new Dictionary<string, string> { ["num_steps"] = "32", ["learning_rate"] = "0.003", ["gamma"] = "0.9" };

        using var policy = new PpoAlgorithm().Train(AgentsTestHelpers.Corridor(4096, overrides: overrides)).Policy;

        using var env = AgentsTestHelpers.MakeCorridor();
        Assert.True(Evaluation.Run(policy, env, 10, seed: 5).MeanLength <= 4);
    }

    [Fact]
    public void Train_Recorder_GetsStyleGuideMetrics()
    {
        var names = new HashSet<string>();
        using var recorder = new MetricRecorder(new CollectingWriter(names));

        new PpoAlgorithm().Train(AgentsTestHelpers.Local("CartPole-v1", 2048, recorder: recorder)).Policy.Dispose();

        Assert.Superset(
            new HashSet<string> { MetricNames.Sps, MetricNames.EpisodicReturn, MetricNames.EpisodicLength, MetricNames.PolicyLoss, MetricNames.ValueLoss, MetricNames.Entropy, MetricNames.ApproxKl, MetricNames.ClipFraction, MetricNames.ExplainedVariance },
            names);
    }

    [Fact]
    public void Train_SameSeed_IsDeterministic()
    {
        using var env = Gym.Make("CartPole-v1");
        var observation = (float[])env.ResetObject(3).Observation;
        using var first = (ActorCriticPolicy)new PpoAlgorithm().Train(AgentsTestHelpers.Local("CartPole-v1", 1024, seed: 4)).Policy;
        using var second = (ActorCriticPolicy)new PpoAlgorithm().Train(AgentsTestHelpers.Local("CartPole-v1", 1024, seed: 4)).Policy;

        using var a = first.Network.forward(TorchSharp.torch.tensor(observation));
        using var b = second.Network.forward(TorchSharp.torch.tensor(observation));
        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
    }

    [Fact]
    public void Train_BoolBoxObservations_ActsInActionSpace()
    {
        var overrides = new Dictionary<string, string> { ["num_steps"] = "32", ["hidden_sizes"] = "16" };

        using var policy = new PpoAlgorithm().Train(AgentsTestHelpers.Local("MinAtar/Breakout-v0", 256, overrides: overrides) with { NumEnvs = 4 }).Policy;

        using var env = Gym.Make("MinAtar/Breakout-v0");
        var observation = env.ResetObject(0).Observation;
        Assert.IsType<bool[]>(observation);
        Assert.True(env.ActionSpace.ContainsObject(policy.Act(observation, deterministic: false)));
    }

    private sealed class CollectingWriter(HashSet<string> names) : IMetricWriter
    {
        public void Write(string name, double value, long step) => names.Add(name);

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
