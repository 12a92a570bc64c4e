using RlGym.Agents.Common;
using RlGym.Agents.Tabular;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlGym.Agents.Tests.Common;

public sealed class TrainingStateTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rlgym-resume-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Load_AfterSave_RestoresAdamMomentsStepCountsAndStatistics()
    {
        TorchSetup.EnsureInitialized();
        using var trained = new Parameter(linspace(-1, 1, 12).reshape(3, 4));
        using var target = linspace(2, -2, 12).reshape(3, 4);
        using var adam = new AdamOptimizer([trained], 0.01);
        for (var step = 0; step < 5; step++)
        {
            AdamOptimizerTests.Train(trained, target, adam.ZeroGrad, adam.Step);
        }

        var stats = new RunningMeanStd(2);
        stats.Update([1f, 2f, 3f, 5f], 2);
        var saved = new TrainingState();
        saved.Add("optimizer", adam);
        saved.Add("stats", stats);
        saved.Save(_dir.FullName, new ResumePoint("ppo", "CartPole-v1", 7, 1234));
        using var fresh = new Parameter(zeros(3, 4));
        using var freshAdam = new AdamOptimizer([fresh], 0.01);
        var freshStats = new RunningMeanStd(2);
        var loaded = new TrainingState();
        loaded.Add("optimizer", freshAdam);
        loaded.Add("stats", freshStats);

        var point = loaded.Load(_dir.FullName, "ppo", "CartPole-v1");

        Assert.Equal(new ResumePoint("ppo", "CartPole-v1", 7, 1234), point);
        Assert.Equal(adam.ExpAvg[0].data<float>().ToArray(), freshAdam.ExpAvg[0].data<float>().ToArray());
        Assert.Equal(adam.ExpAvgSq[0].data<float>().ToArray(), freshAdam.ExpAvgSq[0].data<float>().ToArray());
        Assert.NotEqual(0f, freshAdam.ExpAvg[0].abs().sum().item<float>());
        Assert.Equal([5L], freshAdam.Steps);
        Assert.Equal(stats.Mean, freshStats.Mean);
        Assert.Equal(stats.Variance, freshStats.Variance);
        Assert.Equal(stats.Count, freshStats.Count);
    }

    [Fact]
    public void Load_OtherShapes_NamesTheValue()
    {
        TorchSetup.EnsureInitialized();
        using var small = zeros(3);
        var saved = new TrainingState();
        saved.Add("weights", small);
        saved.Save(_dir.FullName, new ResumePoint("dqn", "CartPole-v1", 0, 10));
        using var large = zeros(4);
        var loaded = new TrainingState();
        loaded.Add("weights", large);

        var error = Assert.Throws<InvalidDataException>(() => loaded.Load(_dir.FullName, "dqn", "CartPole-v1"));

        Assert.Contains("'weights'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AnotherAlgorithmsRun_SaysWhatItHolds()
    {
        new TrainingState().Save(_dir.FullName, new ResumePoint("dqn", "CartPole-v1", 0, 10));

        var error = Assert.Throws<InvalidDataException>(() => new TrainingState().Load(_dir.FullName, "ppo", "CartPole-v1"));

        Assert.Contains("holds a dqn run on CartPole-v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AfterSave_RestoresRmsPropAveragesAndArrays()
    {
        TorchSetup.EnsureInitialized();
        using var trained = new Parameter(linspace(-1, 1, 12).reshape(3, 4));
        using var target = linspace(2, -2, 12).reshape(3, 4);
        using var rmsProp = new RmsPropOptimizer([trained], 0.01);
        for (var step = 0; step < 5; step++)
        {
            AdamOptimizerTests.Train(trained, target, rmsProp.ZeroGrad, rmsProp.Step);
        }

        double[] table = [0.5, -1.25, 3];
        long[] counts = [4, 0, 9];
        var saved = new TrainingState();
        saved.Add("optimizer", rmsProp);
        saved.Add("q_table", table);
        saved.Add("counts", counts);
        saved.Save(_dir.FullName, new ResumePoint("a2c", "CartPole-v1", 7, 1234));
        using var fresh = new Parameter(zeros(3, 4));
        using var freshRmsProp = new RmsPropOptimizer([fresh], 0.01);
        var freshTable = new double[3];
        var freshCounts = new long[3];
        var loaded = new TrainingState();
        loaded.Add("optimizer", freshRmsProp);
        loaded.Add("q_table", freshTable);
        loaded.Add("counts", freshCounts);

        loaded.Load(_dir.FullName, "a2c", "CartPole-v1");

        Assert.Equal(rmsProp.SquareAvg[0].data<float>().ToArray(), freshRmsProp.SquareAvg[0].data<float>().ToArray());
        Assert.NotEqual(0f, freshRmsProp.SquareAvg[0].sum().item<float>());
        Assert.Equal(table, freshTable);
        Assert.Equal(counts, freshCounts);
        Assert.Equal(["optimizer.square_avg.0", "q_table", "counts"], TrainingState.ReadValues(_dir.FullName).Keys);
    }

    [Theory]
    [InlineData("ppo", "CartPole-v1", 1024, 2048, "num_envs", "8")]
    [InlineData("dqn", "CartPole-v1", 600, 1200, "learning_starts", "100")]
    [InlineData("td3", "Pendulum-v1", 300, 600, "learning_starts", "100")]
    [InlineData("sarsa", "Taxi-v3", 2000, 4000, "num_envs", "2")]
    [InlineData("expected-sarsa", "Taxi-v3", 2000, 4000, "num_envs", "1")]
    public void Resume_HalfwayRun_RestoresItsStateAndContinuesTheStepCounter(string algorithm, string envId, long half, long total, string key, string value) =>
        ResumeHalfway(algorithm, envId, half, total, new Dictionary<string, string> { [key] = value });

    [Fact]
    public void Resume_HalfwaySacRun_ContinuesItsAdamStepCountsAndEntropyCoefficient()
    {
        // 300 steps, learning from step 101: 200 updates of α, actor and critics; 300 more after resuming to 600.
        var run = ResumeHalfway("sac", "Pendulum-v1", 300, 600, new Dictionary<string, string> { ["learning_starts"] = "100" });

        foreach (var optimizer in new[] { "actor_optimizer", "critic_optimizer", "alpha_optimizer" })
        {
            Assert.All(run.Saved[$"{optimizer}.steps"], steps => Assert.Equal(200, steps));
            Assert.All(run.Final[$"{optimizer}.steps"], steps => Assert.Equal(500, steps));
        }

        // log α moved from log(ent_coef) = 0, and the resumed run's first α is one Adam step (≤ ~lr = 1e-3) from it.
        var logAlpha = Assert.Single(run.Saved["log_alpha"]);
        Assert.True(Math.Abs(logAlpha) > 0.01, $"log α {logAlpha} did not move in 200 updates");
        var firstAlpha = run.Metrics.First(m => m.Name == MetricNames.Alpha);
        Assert.Equal(301, firstAlpha.Step);
        Assert.Equal(logAlpha, Math.Log(firstAlpha.Value), 0.002);
        var actorWeights = run.Saved.Keys.First(name => name.StartsWith("actor.", StringComparison.Ordinal));
        Assert.NotEqual(run.Saved[actorWeights], run.Final[actorWeights]);
    }

    [Fact]
    public void Resume_HalfwayA2cRun_ContinuesItsNormalisationStatisticsAndLearningRateSchedule()
    {
        // 8 copies x 5 steps: 10 iterations to step 400, 10 more to 800.
        var overrides = new Dictionary<string, string>
        {
            ["anneal_lr"] = "true", ["normalize_observations"] = "true", ["normalize_rewards"] = "true",
        };
        var run = ResumeHalfway("a2c", "CartPole-v1", 400, 800, overrides);

        // Observations: the reset's 8 rows and every step's; a resumed run adds its own reset's 8 to the saved count.
        Assert.Equal(1e-4 + 8 + 400, Assert.Single(run.Saved["observation_stats.count"]), 6);
        Assert.Equal(1e-4 + 16 + 400, Assert.Single(run.Reloaded["observation_stats.count"]), 6);
        Assert.Equal(1e-4 + 16 + 800, Assert.Single(run.Final["observation_stats.count"]), 6);
        Assert.Equal(1e-4 + 400, Assert.Single(run.Saved["reward_stats.count"]), 6);
        Assert.Equal(1e-4 + 800, Assert.Single(run.Final["reward_stats.count"]), 6);
        Assert.Contains(Values(run.Saved, "optimizer.square_avg."), v => v > 0);
        Assert.NotEqual(Values(run.Saved, "optimizer.square_avg."), Values(run.Final, "optimizer.square_avg."));

        // The schedule's last iteration (20 of 20) anneals the learning rate to 1/20 of 7e-4.
        var lastRate = Assert.Single(run.Metrics, m => m.Name == MetricNames.LearningRate && m.Step == 800);
        Assert.Equal(7e-4 / 20, lastRate.Value, 12);
        Assert.All(run.Metrics.Where(m => m.Name == MetricNames.LearningRate), m => Assert.True(m.Value < 7e-4 / 2));
    }

    [Fact]
    public void Resume_HalfwayReinforceRun_ContinuesItsAdamStepCounts()
    {
        // 2 copies x 50 steps: one update per 100 steps, 3 before saving and 3 after resuming.
        var overrides = new Dictionary<string, string> { ["num_envs"] = "2", ["num_steps"] = "50" };
        var run = ResumeHalfway("reinforce", "CartPole-v1", 300, 600, overrides);

        Assert.Equal(3, run.Saved["optimizer.steps"].Max());
        Assert.Equal(6, run.Final["optimizer.steps"].Max());
        Assert.Contains(Values(run.Saved, "optimizer.exp_avg_sq."), v => v > 0);
    }

    [Fact]
    public void Resume_HalfwayQLearningRun_ContinuesItsQTableVisitCountsAndEpsilonSchedule()
    {
        // ε decays from 1 to 0.02 over all 4000 steps, so each recorded ε says where the schedule stood.
        var overrides = new Dictionary<string, string> { ["exploration_fraction"] = "1", ["learning_rate"] = "0.5" };
        var run = ResumeHalfway("q-learning", "Taxi-v3", 2000, 4000, overrides);

        Assert.Contains(run.Saved["q_table"], q => q != 0);
        var visits = run.Saved["action_counts"].Sum();
        Assert.InRange(visits, 1500, 2000); // every step but those that only reset an ended episode
        Assert.InRange(run.Final["action_counts"].Sum(), visits + 1500, visits + 2000);
        Assert.Equal(visits, run.Saved["state_counts"].Sum());
        var epsilons = run.Metrics.Where(m => m.Name == MetricNames.Epsilon).ToArray();
        Assert.NotEmpty(epsilons);
        Assert.All(epsilons, m => Assert.Equal(Schedules.Linear(1.0, 0.02, 4000, m.Step - 1), m.Value, 12));
    }

    [Fact]
    public void Resume_AlgorithmWithoutTrainingState_ThrowsListingTheResumableOnes()
    {
        var request = AgentsTestHelpers.Local("CartPole-v1", 100) with { ResumeFrom = _dir.FullName };

        var error = Assert.Throws<ArgumentException>(() => new StatelessAlgorithm().Train(request));

        Assert.StartsWith(
            "stateless cannot resume a run; resumable: q-learning, sarsa, expected-sarsa, dqn, ppo, a2c, reinforce, sac, td3", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Trains <paramref name="half"/> steps; resumes that run and stops it before its first step (what it saves must be
    /// what it restored); resumes it again to <paramref name="total"/>, whose metrics must all be at later steps.
    /// </summary>
    private ResumedRun ResumeHalfway(string algorithm, string envId, long half, long total, Dictionary<string, string> overrides)
    {
        var first = Path.Combine(_dir.FullName, "first");
        var reloaded = Path.Combine(_dir.FullName, "reloaded");
        var resumed = Path.Combine(_dir.FullName, "resumed");
        Train(algorithm, envId, half, overrides, first, resumeFrom: null, default).Policy.Dispose();

        using (var stopped = new CancellationTokenSource())
        {
            stopped.Cancel();
            Train(algorithm, envId, total, overrides, reloaded, Path.Combine(first, "final"), stopped.Token).Policy.Dispose();
        }

        var log = new MetricLog();
        using var recorder = new MetricRecorder(log);
        var result = Train(algorithm, envId, total, overrides, resumed, Path.Combine(first, "final"), default, recorder);
        result.Policy.Dispose();

        // Observation statistics are the exception: the resumed run's reset observations were added to them.
        var saved = TrainingState.ReadValues(Path.Combine(first, "final"));
        var reloadedValues = TrainingState.ReadValues(Path.Combine(reloaded, "final"));
        Assert.Equal(saved.Keys, reloadedValues.Keys);
        Assert.All(saved.Where(entry => !entry.Key.StartsWith("observation_stats.", StringComparison.Ordinal)), entry => Assert.Equal(entry.Value, reloadedValues[entry.Key]));
        Assert.Equal(half, ResumePoint.Read(Path.Combine(reloaded, "final")).Steps);
        Assert.Equal(total, result.Steps);
        Assert.Equal(total, ResumePoint.Read(Path.Combine(resumed, "final")).Steps);
        Assert.NotEmpty(log.Metrics);
        Assert.All(log.Metrics, metric => Assert.InRange(metric.Step, half + 1, total));
        return new ResumedRun(saved, reloadedValues, TrainingState.ReadValues(Path.Combine(resumed, "final")), log.Metrics);
    }

    private static TrainResult Train(
        string algorithm, string envId, long totalSteps, Dictionary<string, string> overrides, string output, string? resumeFrom, CancellationToken token, MetricRecorder? recorder = null)
    {
        var request = AgentsTestHelpers.Local(envId, totalSteps, overrides: overrides, recorder: recorder) with
        {
            OutputDirectory = output,
            ResumeFrom = resumeFrom,
        };
        return Algorithms.Create(algorithm).Train(request, token);
    }

    /// <summary>The values of every entry whose name starts with <paramref name="prefix"/>, in saved order.</summary>
    private static double[] Values(IReadOnlyDictionary<string, double[]> state, string prefix) =>
        [.. state.Where(entry => entry.Key.StartsWith(prefix, StringComparison.Ordinal)).SelectMany(entry => entry.Value)];

    /// <summary>The state saved halfway, as resumed and saved before a step, the resumed run's final state and its metrics.</summary>
    private sealed record ResumedRun(
        IReadOnlyDictionary<string, double[]> Saved, IReadOnlyDictionary<string, double[]> Reloaded, IReadOnlyDictionary<string, double[]> Final, List<Metric> Metrics);

    private sealed record Metric(string Name, double Value, long Step);

    /// <summary>Every metric recorded, in order.</summary>
    private sealed class MetricLog : IMetricWriter
    {
        public List<Metric> Metrics { get; } = [];

        public void Write(string name, double value, long step) => Metrics.Add(new Metric(name, value, step));

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }

    /// <summary>An algorithm that saves no training state (as a plug-in algorithm may be).</summary>
    private sealed class StatelessAlgorithm : Algorithm<TabularOptions>
    {
        public override string Name => "stateless";

        protected override TabularOptions Preset(string envId) => new();

        protected override TrainResult Train(TabularOptions o, TrainRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Train is refused before it is reached.");
    }
}
