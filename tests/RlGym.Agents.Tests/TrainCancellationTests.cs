using RlGym.Agents.Common;

namespace RlGym.Agents.Tests;

/// <summary><see cref="IAlgorithm.Train"/> cancelled part-way: it stops promptly, returns and saves the policy so far.</summary>
public sealed class TrainCancellationTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rlgym-cancel-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData("ppo", "CartPole-v1", true)]
    [InlineData("a2c", "CartPole-v1", true)]
    [InlineData("reinforce", "CartPole-v1", true)]
    [InlineData("dqn", "CartPole-v1", false)]
    [InlineData("q-learning", "FrozenLake-v1", false)]
    public void Train_CancelledMidRun_StopsSoonAndSavesALoadableCheckpoint(string algorithm, string envId, bool rollouts)
    {
        using var stop = new CancellationTokenSource();
        var watch = new CancelAtStep(500, stop);
        using var recorder = new MetricRecorder(watch);
        var output = Path.Combine(_dir.FullName, algorithm);
        var request = AgentsTestHelpers.Local(envId, 10_000_000, recorder: recorder) with { OutputDirectory = output };

        var result = Algorithms.Create(algorithm).Train(request, stop.Token);
        using var policy = result.Policy;

        Assert.True(watch.CancelledAt is { } at && result.Steps >= at && result.Steps < at + 5_000, $"stopped at {result.Steps}, cancelled at {watch.CancelledAt}");
        using var checkpoint = Checkpoint.Load(Path.Combine(output, "final"));
        Assert.Equal((algorithm, envId), (checkpoint.Algorithm, checkpoint.EnvId));
        if (rollouts)
        {
            // A rollout cut short by the cancellation is not learned from.
            Assert.False(watch.LearnedAfterCancel);
        }
    }

    /// <summary>Cancels at the first episode that ends at or after a step; notes any update recorded afterwards.</summary>
    private sealed class CancelAtStep(long step, CancellationTokenSource stop) : IMetricWriter
    {
        public long? CancelledAt { get; private set; }

        public bool LearnedAfterCancel { get; private set; }

        public void Write(string name, double value, long at)
        {
            if (CancelledAt is not null && name.StartsWith("losses/", StringComparison.Ordinal))
            {
                LearnedAfterCancel = true;
            }

            if (CancelledAt is null && name == MetricNames.EpisodicReturn && at >= step)
            {
                CancelledAt = at;
                stop.Cancel();
            }
        }

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
