using System.Collections.Concurrent;
using RlGym.Agents.Common;
using RlGym.Agents.Continuous;
using RlGym.Agents.Dqn;
using RlGym.Agents.PolicyGradient;
using RlGym.Environments;
using static TorchSharp.torch;

namespace RlGym.Agents.Tests.Common;

/// <summary>
/// Trainings on parallel threads of one process while another thread keeps starting garbage collections: a
/// finalizer-owned TorchSharp <c>Scalar</c> that libtorch is still reading would be freed under it (before the fix
/// this failed in <c>c10::Scalar::toFloat</c> on every run).
/// </summary>
public class ConcurrentTrainingTests
{
    [Fact]
    public void Train_SixAlgorithmsOnParallelThreads_FinishWithFiniteMetricsAndSeededWeights()
    {
        var dqn = new Dictionary<string, string>
        {
            ["learning_starts"] = "200", ["train_frequency"] = "1", ["gradient_steps"] = "1", ["target_update_interval"] = "50", ["hidden_sizes"] = "32",
        };
        var pendulum = new Dictionary<string, string> { ["num_steps"] = "256" };
        var sac = new Dictionary<string, string> { ["learning_starts"] = "200", ["batch_size"] = "64", ["hidden_sizes"] = "32" };
        // Layers and batches large enough for LargeLinear's custom autograd nodes (Gemm's product), 200 updates.
        var wideSac = new Dictionary<string, string> { ["learning_starts"] = "1800", ["batch_size"] = "128", ["hidden_sizes"] = "256,256" };
        var trainings = new (string Name, IAlgorithm Algorithm, Func<MetricRecorder, TrainRequest> Request)[]
        {
            ("ppo CartPole", new PpoAlgorithm(), r => AgentsTestHelpers.Local("CartPole-v1", 2048, seed: 1, recorder: r)),
            ("dqn CartPole", new DqnAlgorithm(), r => AgentsTestHelpers.Local("CartPole-v1", 2000, seed: 2, overrides: dqn, recorder: r)),
            ("a2c CartPole", new A2cAlgorithm(), r => AgentsTestHelpers.Local("CartPole-v1", 4000, seed: 3, recorder: r)),
            ("ppo Pendulum", new PpoAlgorithm(), r => AgentsTestHelpers.Local("Pendulum-v1", 2048, seed: 4, overrides: pendulum, recorder: r)),
            ("ppo CartPole again", new PpoAlgorithm(), r => AgentsTestHelpers.Local("CartPole-v1", 2048, seed: 1, recorder: r)),
            ("sac Pendulum", new SacAlgorithm(), r => AgentsTestHelpers.Local("Pendulum-v1", 2000, seed: 5, overrides: sac, recorder: r)),
            ("td3 Pendulum", new Td3Algorithm(), r => AgentsTestHelpers.Local("Pendulum-v1", 2000, seed: 6, overrides: sac, recorder: r)),
            ("sac Pendulum, 256 wide", new SacAlgorithm(), r => AgentsTestHelpers.Local("Pendulum-v1", 2000, seed: 7, overrides: wideSac, recorder: r)),
        };
        var metrics = trainings.Select(_ => new ConcurrentBag<(string Name, double Value)>()).ToArray();
        var results = new TrainResult[trainings.Length];

        using (var stop = new CancellationTokenSource())
        {
            var collector = new Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    GC.Collect(0);
                    Thread.Sleep(1);
                }
            });
            collector.Start();
            try
            {
                Parallel.For(0, trainings.Length, new ParallelOptions { MaxDegreeOfParallelism = trainings.Length }, i =>
                {
                    using var recorder = new MetricRecorder(new CollectingWriter(metrics[i]));
                    results[i] = trainings[i].Algorithm.Train(trainings[i].Request(recorder));
                });
            }
            finally
            {
                stop.Cancel();
                collector.Join();
            }
        }

        try
        {
            for (var i = 0; i < trainings.Length; i++)
            {
                var (name, names) = (trainings[i].Name, string.Join(", ", metrics[i].Select(m => m.Name).Distinct()));
                Assert.True(results[i].Steps >= 2000, $"{name}: {results[i].Steps} steps");
                Assert.True(metrics[i].Any(m => m.Name == MetricNames.EpisodicReturn), $"{name}: no episodic return in {names}");
                Assert.True(metrics[i].Any(m => m.Name.StartsWith("losses/", StringComparison.Ordinal)), $"{name}: no losses in {names}");
                Assert.All(metrics[i], m => Assert.True(double.IsFinite(m.Value) || m.Name == MetricNames.ExplainedVariance, $"{name}: {m.Name} = {m.Value}"));
            }

            // The same seed on two threads, beside the others, gives the same network: seeding is per training.
            using var env = Gym.Make("CartPole-v1");
            using var observation = tensor((float[])env.ResetObject(3).Observation);
            using var first = ((ActorCriticPolicy)results[0].Policy).Network.forward(observation);
            using var again = ((ActorCriticPolicy)results[4].Policy).Network.forward(observation);
            Assert.Equal(first.data<float>().ToArray(), again.data<float>().ToArray());
        }
        finally
        {
            foreach (var result in results)
            {
                result.Policy.Dispose();
            }
        }
    }

    private sealed class CollectingWriter(ConcurrentBag<(string Name, double Value)> metrics) : IMetricWriter
    {
        public void Write(string name, double value, long step) => metrics.Add((name, value));

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
