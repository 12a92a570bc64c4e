using System.Text.Json;
using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.Vectorized;
using RlGym.TestSupport.Gymnasium;

namespace RlGym.Environments.Tests.Vectorized;

/// <summary>The vector factory: which implementation each vectorization gives, and its errors.</summary>
public sealed class VectorEnvsTests
{
    [Theory]
    [InlineData("CartPole-v1")]
    [InlineData("CartPole-v0")]
    [InlineData("MountainCar-v0")]
    [InlineData("MountainCarContinuous-v0")]
    [InlineData("Acrobot-v1")]
    [InlineData("Pendulum-v1")]
    [InlineData("MinAtar/Breakout-v0")]
    public void Make_Auto_GivesTheStructureOfArraysVariantWithTheRegisteredTimeLimit(string id)
    {
        using var env = Gym.MakeVec(id, 4);

        Assert.Equal(typeof(SoaVectorEnv<,>), env.GetType().BaseType!.GetGenericTypeDefinition());
        Assert.Equal(4, env.NumEnvs);
        Assert.Equal(id, env.Spec!.Id);
        Assert.Equal(Gym.Registry.Spec(id).MaxEpisodeSteps, MaxEpisodeSteps(env));
    }

    [Theory]
    [InlineData(Vectorizations.Sync)]
    [InlineData(Vectorizations.Parallel)]
    public void Make_SyncOrParallel_GivesSyncVectorEnvOverRegistryCopies(string vectorization)
    {
        using var env = Gym.MakeVec("Pendulum-v1", 3, AutoresetMode.SameStep, vectorization);

        var sync = Assert.IsType<SyncVectorEnv<float[], float[]>>(env);
        Assert.Equal(3, sync.Envs.Count);
        Assert.Equal(AutoresetMode.SameStep, sync.AutoresetMode);
    }

    [Fact]
    public void Make_MaxEpisodeStepsOverride_TruncatesThere()
    {
        using var env = (SoaVectorEnv<float, int>)Gym.MakeVec("CartPole-v1", 2, maxEpisodeSteps: 3);
        env.Reset(seed: 0);
        env.Step([0, 1]);
        env.Step([1, 0]);

        Assert.Equal([true, true], env.Step([0, 1]).Truncations);
    }

    [Fact]
    public void Make_SoaOfTheSyncFixtureRuns_MatchesGymnasiumSyncVectorEnv()
    {
        // The SyncVectorEnv runs of CartPole-v1_vector.json, replayed through the SoA variant.
        using var stream = File.OpenRead(Path.Combine(TestSupport.RepositoryPaths.GymnasiumFixtures, "CartPole-v1_vector.json"));
        using var document = JsonDocument.Parse(stream);
        var runs = document.RootElement.GetProperty("runs").EnumerateArray()
            .Where(r => r.GetProperty("make_vec").GetProperty("vectorization_mode").GetString() == "sync")
            .ToArray();
        Assert.NotEmpty(runs);
        foreach (var run in runs)
        {
            var sameStep = run.GetProperty("make_vec").TryGetProperty("vector_kwargs", out var vk)
                && vk.GetProperty("autoreset_mode").GetString() == "SameStep";
            using var env = (SoaVectorEnv<float, int>)Gym.MakeVec(
                "CartPole-v1", run.GetProperty("num_envs").GetInt32(), sameStep ? AutoresetMode.SameStep : AutoresetMode.NextStep, Vectorizations.Soa);
            Assert.Equal(Flatten(run.GetProperty("reset").GetProperty("obs")), env.Reset(seed: run.GetProperty("seed").GetUInt64()).Observations);

            var steps = run.GetProperty("steps");
            var actions = steps.GetProperty("action").EnumerateArray().ToArray();
            for (var t = 0; t < actions.Length; t++)
            {
                var result = env.Step(GymnasiumFixture.ToIntArray(actions[t]));
                Assert.Equal(Flatten(steps.GetProperty("obs")[t]), result.Observations);
                Assert.Equal(GymnasiumFixture.ToDoubleArray(steps.GetProperty("reward")[t]), result.Rewards);
                Assert.Equal(Flags(steps.GetProperty("terminated")[t]), result.Terminations);
                Assert.Equal(Flags(steps.GetProperty("truncated")[t]), result.Truncations);
                var info = steps.GetProperty("info");
                var expected = info.ValueKind == JsonValueKind.Null ? info : info[t];
                if (expected.ValueKind == JsonValueKind.Null || !expected.EnumerateObject().Any())
                {
                    Assert.Empty(result.Info);
                }
                else
                {
                    var finalObs = (object?[])result.Info["final_obs"];
                    var recorded = expected.GetProperty("final_obs").EnumerateArray().ToArray();
                    for (var i = 0; i < recorded.Length; i++)
                    {
                        Assert.Equal(recorded[i].ValueKind == JsonValueKind.Null ? null : GymnasiumFixture.ToFloatArray(recorded[i]), (float[]?)finalObs[i]);
                    }

                    Assert.Equal(Flags(expected.GetProperty("_final_obs")), (bool[])result.Info["_final_obs"]);
                }
            }
        }
    }

    [Fact]
    public void Make_UnknownId_ThrowsUnknownEnvironmentListingIds()
    {
        var error = Assert.Throws<UnknownEnvironmentException>(() => Gym.MakeVec("CartPole-v9", 2));

        Assert.Contains("CartPole-v1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Make_FewerThanOneCopy_ThrowsArgumentOutOfRange(int numEnvs)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Gym.MakeVec("CartPole-v1", numEnvs));

        Assert.Contains("at least one copy", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MountainCar-v0", Vectorizations.Gymnasium, "available: auto, sync, parallel, soa")]
    [InlineData("CartPole-v1", "simd", "available: auto, sync, parallel, soa, gymnasium")]
    public void Make_UnsupportedVectorization_ThrowsArgumentNamingTheAvailableOnes(string id, string vectorization, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => Gym.MakeVec(id, 2, vectorization: vectorization));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Make_GymnasiumWithSameStep_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => Gym.MakeVec("CartPole-v1", 2, AutoresetMode.SameStep, Vectorizations.Gymnasium));

        Assert.Contains("next-step only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Make_UnknownKwarg_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Gym.MakeVec("Acrobot-v1", 2, kwargs: new Dictionary<string, object?> { ["gravity"] = 3.0 }));
    }

    [Fact]
    public void Available_CartPole_ListsEveryVectorization()
    {
        Assert.Equal([Vectorizations.Sync, Vectorizations.Parallel, Vectorizations.Soa, Vectorizations.Gymnasium, Vectorizations.Fast], Gym.Registry.Vectorizations("CartPole-v1"));
    }

    private static int? MaxEpisodeSteps(IVectorEnv env) => env switch
    {
        SoaVectorEnv<float, int> soa => soa.MaxEpisodeSteps,
        SoaVectorEnv<float, float> soa => soa.MaxEpisodeSteps,
        SoaVectorEnv<bool, int> soa => soa.MaxEpisodeSteps,
        _ => throw new ArgumentException($"{env.GetType().Name} is not a structure-of-arrays vector env."),
    };

    private static float[] Flatten(JsonElement rows) => rows.EnumerateArray().SelectMany(GymnasiumFixture.ToFloatArray).ToArray();

    private static bool[] Flags(JsonElement values) =>
        values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.Number && v.GetInt32() != 0)).ToArray();
}
