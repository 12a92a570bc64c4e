using System.Text.Json;
using RlGym.Core;
using RlGym.Core.Vector;
using RlGym.TestSupport.Gymnasium;

namespace RlGym.Environments.Tests.Vector;

/// <summary>SyncVectorEnv over CartPole-v1 equals Gymnasium's SyncVectorEnv runs in CartPole-v1_vector.json.</summary>
public sealed class CartPoleSyncVectorEnvTests
{
    private static readonly JsonElement Fixture = LoadFixture();

    public static TheoryData<string> SyncRuns()
    {
        var data = new TheoryData<string>();
        foreach (var run in Fixture.GetProperty("runs").EnumerateArray())
        {
            if (run.GetProperty("make_vec").GetProperty("vectorization_mode").GetString() == "sync")
            {
                data.Add(run.GetProperty("name").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SyncRuns))]
    public void Step_RecordedActions_MatchGymnasiumSyncVectorEnv(string name)
    {
        var run = Fixture.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);
        var numEnvs = run.GetProperty("num_envs").GetInt32();
        var mode = run.GetProperty("make_vec").TryGetProperty("vector_kwargs", out var vk) && vk.GetProperty("autoreset_mode").GetString() == "SameStep"
            ? AutoresetMode.SameStep
            : AutoresetMode.NextStep;
        using var env = new SyncVectorEnv<float[], int[]>(
            Enumerable.Range(0, numEnvs).Select(_ => Gym.Make("CartPole-v1")).ToArray(), mode);

        var (obs, resetInfo) = env.Reset(seed: run.GetProperty("seed").GetUInt64());
        Assert.Equal(Flatten(run.GetProperty("reset").GetProperty("obs")), obs);
        Assert.Empty(resetInfo);

        var steps = run.GetProperty("steps");
        var actions = steps.GetProperty("action").EnumerateArray().ToArray();
        var infos = steps.GetProperty("info");
        for (var t = 0; t < actions.Length; t++)
        {
            var result = env.Step(GymnasiumFixture.ToIntArray(actions[t]));

            Assert.Equal(Flatten(steps.GetProperty("obs")[t]), result.Observations);
            Assert.Equal(GymnasiumFixture.ToDoubleArray(steps.GetProperty("reward")[t]), result.Rewards);
            Assert.Equal(Flags(steps.GetProperty("terminated")[t]), result.Terminations);
            Assert.Equal(Flags(steps.GetProperty("truncated")[t]), result.Truncations);
            AssertInfo(infos.ValueKind == JsonValueKind.Null ? infos : infos[t], result.Info);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reset_OptionThatIsNotAFloat_ThrowsTheCopysArgumentExceptionSequentialOrParallel(bool parallel)
    {
        using var env = new SyncVectorEnv<float[], int[]>(Enumerable.Range(0, 4).Select(_ => Gym.Make("CartPole-v1")).ToArray(), parallel: parallel);

        var error = Assert.Throws<ArgumentException>(() => env.Reset(seed: 1, options: new Dictionary<string, object> { ["low"] = new Dictionary<string, object?>() }));

        Assert.Contains("could not be converted to a float", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_Parallel_EqualsSequential()
    {
        using var sequential = new SyncVectorEnv<float[], int[]>(Enumerable.Range(0, 8).Select(_ => Gym.Make("CartPole-v1")).ToArray());
        using var parallel = new SyncVectorEnv<float[], int[]>(Enumerable.Range(0, 8).Select(_ => Gym.Make("CartPole-v1")).ToArray(), parallel: true);
        Assert.Equal(sequential.Reset(seed: 7).Observations, parallel.Reset(seed: 7).Observations);

        var actions = new int[8];
        for (var t = 0; t < 300; t++)
        {
            for (var i = 0; i < actions.Length; i++)
            {
                actions[i] = (t * 7 + i * 3) % 5 < 2 ? 1 : 0;
            }

            var a = sequential.Step(actions);
            var b = parallel.Step(actions);
            Assert.Equal(a.Observations, b.Observations);
            Assert.Equal(a.Terminations, b.Terminations);
            Assert.Equal(a.Truncations, b.Truncations);
        }
    }

    [Fact]
    public void Step_DisabledAutoresetAfterEpisodeEnd_RequiresResetMask()
    {
        using var env = new SyncVectorEnv<float[], int[]>([Gym.Make("CartPole-v1"), Gym.Make("CartPole-v1")], AutoresetMode.Disabled);
        env.Reset(seed: 0);
        VectorStepResult<float[]> result;
        do
        {
            result = env.Step([1, 0]);
        }
        while (!result.Terminations.Contains(true));

        var ended = Array.IndexOf(result.Terminations, true);
        Assert.Throws<ResetNeededException>(() => env.Step([1, 1]));

        var mask = new bool[2];
        mask[ended] = true;
        var (afterReset, _) = env.Reset(options: new Dictionary<string, object> { ["reset_mask"] = mask });
        Assert.Equal(result.Observations.AsSpan(4 * (1 - ended), 4).ToArray(), afterReset.AsSpan(4 * (1 - ended), 4).ToArray());
        env.Step([1, 1]);
    }

    private static void AssertInfo(JsonElement expected, IReadOnlyDictionary<string, object> actual)
    {
        if (expected.ValueKind == JsonValueKind.Null || !expected.EnumerateObject().Any())
        {
            Assert.Empty(actual);
            return;
        }

        Assert.Equal(expected.EnumerateObject().Select(p => p.Name).Order(), actual.Keys.Order());
        var finalObs = (object?[])actual["final_obs"];
        var recorded = expected.GetProperty("final_obs").EnumerateArray().ToArray();
        for (var i = 0; i < recorded.Length; i++)
        {
            if (recorded[i].ValueKind == JsonValueKind.Null)
            {
                Assert.Null(finalObs[i]);
            }
            else
            {
                Assert.Equal(GymnasiumFixture.ToFloatArray(recorded[i]), (float[])finalObs[i]!);
            }
        }

        Assert.Equal(Flags(expected.GetProperty("_final_obs")), (bool[])actual["_final_obs"]);
        Assert.Equal(Flags(expected.GetProperty("_final_info")), (bool[])actual["_final_info"]);
        Assert.Empty((IReadOnlyDictionary<string, object>)actual["final_info"]);
    }

    private static float[] Flatten(JsonElement rows) => rows.EnumerateArray().SelectMany(GymnasiumFixture.ToFloatArray).ToArray();

    private static bool[] Flags(JsonElement values) => values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.Number && v.GetInt32() != 0)).ToArray();

    private static JsonElement LoadFixture()
    {
        using var stream = File.OpenRead(Path.Combine(TestSupport.RepositoryPaths.GymnasiumFixtures, "CartPole-v1_vector.json"));
        return JsonDocument.Parse(stream).RootElement.Clone();
    }
}
