using RlGym.Agents.Common;
using RlGym.Agents.Tests.Environments;

namespace RlGym.Agents.Tests.Common;

public class VectorStepperTests
{
    [Fact]
    public void Step_AfterEpisodeEnds_MarksAutoresetStepInvalidAndRecordsEpisode()
    {
        // Every bandit step terminates: under next-step autoreset steps alternate real transition / reset step.
        var names = new List<(string Name, double Value)>();
        using var recorder = new MetricRecorder(new ListWriter(names));
        var request = new TrainRequest { EnvId = "Bandit", MakeVectorEnv = _ => throw new InvalidOperationException(), Recorder = recorder };
        using var run = new TrainingRun(request, "test", new Dictionary<string, string>());
        using var stepper = new VectorStepper(AgentsTestHelpers.Vector<int[], int[]>(2, () => new BanditEnv([0.0, 0.0])), run);
        stepper.Reset(0);

        var valid = new List<bool[]>();
        for (var k = 0; k < 3; k++)
        {
            stepper.Step(new[] { 0, 1 });
            valid.Add([.. stepper.Valid]);
        }

        Assert.Equal([true, true], valid[0]);
        Assert.Equal([false, false], valid[1]);
        Assert.Equal([true, true], valid[2]);
        Assert.Equal(6, run.Steps);
        Assert.Equal(4, names.Count(m => m.Name == MetricNames.EpisodicLength));
        Assert.All(names.Where(m => m.Name == MetricNames.EpisodicLength), m => Assert.Equal(1, m.Value));
    }

    [Fact]
    public void Constructor_SameStepAutoreset_ThrowsNamingNextStep()
    {
        var request = new TrainRequest { EnvId = "Bandit", MakeVectorEnv = _ => throw new InvalidOperationException() };
        using var run = new TrainingRun(request, "test", new Dictionary<string, string>());
        var env = new RlGym.Core.Vector.SyncVectorEnv<int[], int[]>([new BanditEnv([0.0])], RlGym.Core.Vector.AutoresetMode.SameStep);

        var error = Assert.Throws<ArgumentException>(() => new VectorStepper(env, run));

        Assert.Contains("next-step", error.Message, StringComparison.Ordinal);
    }

    private sealed class ListWriter(List<(string Name, double Value)> metrics) : IMetricWriter
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
