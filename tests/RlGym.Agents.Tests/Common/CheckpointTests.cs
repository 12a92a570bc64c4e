using RlGym.Agents.Common;
using RlGym.Agents.Continuous;
using RlGym.Agents.Dqn;
using RlGym.Agents.PolicyGradient;
using RlGym.Agents.Tabular;
using RlGym.Environments;

namespace RlGym.Agents.Tests.Common;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rlgym-agents-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Load_TabularCheckpoint_ActsIdentically()
    {
        var request = AgentsTestHelpers.Local("FrozenLake-v1", 3000) with { OutputDirectory = _directory };

        AssertRoundTrip(new TabularAlgorithm(TabularMethod.QLearning).Train(request), "q-learning", "FrozenLake-v1", Enumerable.Range(0, 16).Cast<object>());
    }

    [Fact]
    public void Load_DqnCheckpoint_ActsIdentically()
    {
        var request = AgentsTestHelpers.Local("CartPole-v1", 600, overrides: new Dictionary<string, string> { ["learning_starts"] = "100", ["train_frequency"] = "4", ["gradient_steps"] = "1", ["hidden_sizes"] = "32,32" }) with { OutputDirectory = _directory };

        AssertRoundTrip(new DqnAlgorithm().Train(request), "dqn", "CartPole-v1", CartPoleObservations());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_PpoContinuousWithNormalisation_ActsIdentically(bool stateDependentNoise)
    {
        var overrides = new Dictionary<string, string> { ["num_steps"] = "64", ["normalize_observations"] = "true", ["use_sde"] = stateDependentNoise ? "true" : "false" };
        var request = AgentsTestHelpers.Local("Pendulum-v1", 512, overrides: overrides) with { OutputDirectory = _directory, NumEnvs = 2 };

        var result = new PpoAlgorithm().Train(request);
        using var saved = result.Policy;
        using var loaded = Checkpoint.Load(result.CheckpointDirectory!);
        using var env = Gym.Make("Pendulum-v1");

        Assert.Contains("observation_normalization", File.ReadAllText(Path.Combine(result.CheckpointDirectory!, Checkpoint.ManifestFile)), StringComparison.Ordinal);
        var savedLogStd = ((ActorCriticPolicy)saved).Network.LogStd;
        var loadedLogStd = ((ActorCriticPolicy)loaded.Policy).Network.LogStd;
        Assert.Equal(stateDependentNoise ? [64, 1] : new long[] { 1, 1 }, loadedLogStd.shape); // gSDE: φ's width × actions
        Assert.Equal(savedLogStd.data<float>().ToArray(), loadedLogStd.data<float>().ToArray());
        for (ulong seed = 0; seed < 10; seed++)
        {
            var observation = env.ResetObject(seed).Observation;
            Assert.Equal((float[])saved.Act(observation), (float[])loaded.Policy.Act(observation));
        }
    }

    [Theory]
    [InlineData("sac")]
    [InlineData("td3")]
    public void Load_SquashedActorCheckpoint_ActsIdentically(string algorithm)
    {
        var overrides = new Dictionary<string, string> { ["learning_starts"] = "50", ["hidden_sizes"] = "32,32", ["batch_size"] = "32" };
        var request = AgentsTestHelpers.Local("Pendulum-v1", 150, overrides: overrides) with { OutputDirectory = _directory };

        var result = Algorithms.Create(algorithm).Train(request);
        using var saved = result.Policy;
        using var loaded = Checkpoint.Load(result.CheckpointDirectory!);
        using var env = Gym.Make("Pendulum-v1");

        Assert.Equal(algorithm, loaded.Algorithm);
        Assert.IsType<SquashedActorPolicy>(loaded.Policy);
        for (ulong seed = 0; seed < 10; seed++)
        {
            var observation = env.ResetObject(seed).Observation;
            var action = (float[])loaded.Policy.Act(observation);
            Assert.Equal((float[])saved.Act(observation), action);
            Assert.True(env.ActionSpace.ContainsObject(action));
        }
    }

    [Fact]
    public void Load_MissingDirectory_ThrowsNamingManifest()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Checkpoint.Load(_directory));

        Assert.Contains(Checkpoint.ManifestFile, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingModelFile_ThrowsNamingIt()
    {
        var request = AgentsTestHelpers.Local("CartPole-v1", 300, overrides: new Dictionary<string, string> { ["learning_starts"] = "1000", ["hidden_sizes"] = "16" }) with { OutputDirectory = _directory };
        var result = new DqnAlgorithm().Train(request);
        result.Policy.Dispose();
        File.Delete(Path.Combine(result.CheckpointDirectory!, "model.bin"));

        var error = Assert.Throws<FileNotFoundException>(() => Checkpoint.Load(result.CheckpointDirectory!));

        Assert.Contains("model.bin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptManifest_ThrowsInvalidData()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, Checkpoint.ManifestFile), "{ not json");

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(_directory));

        Assert.Contains(Checkpoint.ManifestFile, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptModelFile_ThrowsInvalidDataNamingIt()
    {
        var request = AgentsTestHelpers.Local("CartPole-v1", 300, overrides: new Dictionary<string, string> { ["learning_starts"] = "1000", ["hidden_sizes"] = "16" }) with { OutputDirectory = _directory };
        var result = new DqnAlgorithm().Train(request);
        result.Policy.Dispose();
        File.WriteAllBytes(Path.Combine(result.CheckpointDirectory!, "model.bin"), [1, 2, 3]);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(result.CheckpointDirectory!));

        Assert.Contains("model.bin", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<object> CartPoleObservations()
    {
        using var env = Gym.Make("CartPole-v1");
        return Enumerable.Range(0, 10).Select(seed => env.ResetObject((ulong)seed).Observation).ToArray();
    }

    private static void AssertRoundTrip(TrainResult result, string algorithm, string envId, IEnumerable<object> observations)
    {
        using var saved = result.Policy;
        using var loaded = Checkpoint.Load(result.CheckpointDirectory!);

        Assert.Equal(algorithm, loaded.Algorithm);
        Assert.Equal(envId, loaded.EnvId);
        Assert.NotEmpty(loaded.Options);
        foreach (var observation in observations)
        {
            Assert.Equal(saved.Act(observation), loaded.Policy.Act(observation));
        }
    }
}
