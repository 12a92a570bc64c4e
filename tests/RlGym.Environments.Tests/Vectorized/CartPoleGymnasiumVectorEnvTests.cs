using System.Text.Json;
using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Random;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;
using RlGym.Environments.Vectorized;
using RlGym.TestSupport.Gymnasium;

namespace RlGym.Environments.Tests.Vectorized;

/// <summary>
/// The <c>gymnasium</c> vectorization of CartPole equals Gymnasium's CartPoleVectorEnv runs in CartPole-v1_vector.json:
/// observations, rewards, flags and the shared generator's state after reset and at the end.
/// </summary>
public sealed class CartPoleGymnasiumVectorEnvTests
{
    private static readonly JsonElement Fixture = LoadFixture();

    public static TheoryData<string> VectorEntryPointRuns()
    {
        var data = new TheoryData<string>();
        foreach (var run in Fixture.GetProperty("runs").EnumerateArray())
        {
            if (run.GetProperty("make_vec").GetProperty("vectorization_mode").GetString() == "vector_entry_point")
            {
                data.Add(run.GetProperty("name").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorEntryPointRuns))]
    public void Step_RecordedActions_MatchGymnasiumCartPoleVectorEnv(string name)
    {
        var run = Run(name);
        var makeVec = run.GetProperty("make_vec");
        int? maxEpisodeSteps = makeVec.TryGetProperty("max_episode_steps", out var max) ? max.GetInt32() : null;
        using var env = (CartPoleGymnasiumVectorEnv)Gym.MakeVec(
            "CartPole-v1", run.GetProperty("num_envs").GetInt32(), vectorization: Vectorizations.Gymnasium, maxEpisodeSteps: maxEpisodeSteps);

        var (observations, info) = env.Reset(seed: run.GetProperty("seed").GetUInt64());
        Assert.Equal(Flatten(run.GetProperty("reset").GetProperty("obs")), observations);
        Assert.Empty(info);
        AssertRng(run.GetProperty("rng_after_reset"), env.NpRandom, "after reset");

        var steps = run.GetProperty("steps");
        var actions = steps.GetProperty("action").EnumerateArray().ToArray();
        var sawAutoreset = false;
        for (var t = 0; t < actions.Length; t++)
        {
            var result = env.Step(GymnasiumFixture.ToIntArray(actions[t]));

            Assert.Equal(Flatten(steps.GetProperty("obs")[t]), result.Observations);
            Assert.Equal(GymnasiumFixture.ToDoubleArray(steps.GetProperty("reward")[t]), result.Rewards);
            Assert.Equal(Flags(steps.GetProperty("terminated")[t]), result.Terminations);
            Assert.Equal(Flags(steps.GetProperty("truncated")[t]), result.Truncations);
            Assert.Empty(result.Info);
            sawAutoreset |= result.Rewards.Contains(0.0);
        }

        Assert.True(sawAutoreset, "the run should cover autoresets");
        AssertRng(run.GetProperty("rng_at_end"), env.NpRandom, "at the end");
    }

    [Fact]
    public void Reset_OneCopy_EqualsScalarCartPole()
    {
        // Fixture README: with N = 1 the (4, 1) draw is the scalar env's four draws.
        using var vector = new CartPoleGymnasiumVectorEnv(1);
        using var scalar = Gym.Make<float[], int>("CartPole-v1");

        Assert.Equal(scalar.Reset(seed: 42).Observation, vector.Reset(seed: 42).Observations);
        for (var t = 0; t < 100; t++)
        {
            var action = t % 3 == 0 ? 1 : 0;
            var expected = scalar.Step(action);
            var actual = vector.Step([action]);
            Assert.Equal(expected.Observation, actual.Observations);
            if (expected.Terminated)
            {
                break;
            }
        }
    }

    [Fact]
    public void Step_LargeBatchSplitAcrossCores_EachCopyFollowsItsDrawAndTheDynamics()
    {
        // 5000 copies step in two chunks on the thread pool. Until its first episode ends, copy i must be the
        // C-order draw (x = d[i], x_dot = d[N + i], ...) advanced by CartPoleDynamics alone.
        const int n = 5000;
        using var env = new CartPoleGymnasiumVectorEnv(n);
        env.Reset(seed: 3);
        var draws = new double[4 * n];
        NumpyGenerator.FromSeed(3).Uniform(-0.05, 0.05, draws);
        var states = Enumerable.Range(0, n).Select(i => new CartPoleState(draws[i], draws[n + i], draws[(2 * n) + i], draws[(3 * n) + i])).ToArray();
        var live = Enumerable.Repeat(true, n).ToArray();
        var actions = new int[n];
        for (var t = 0; t < 60; t++)
        {
            for (var i = 0; i < n; i++)
            {
                actions[i] = (t + i) % 3 == 0 ? 1 : 0;
            }

            var result = env.Step(actions);
            for (var i = 0; i < n; i++)
            {
                if (!live[i])
                {
                    continue;
                }

                states[i] = CartPoleDynamics.Step(states[i], actions[i]);
                var s = states[i];
                Assert.Equal([(float)s.X, (float)s.XDot, (float)s.Theta, (float)s.ThetaDot], result.Observations.AsSpan(4 * i, 4).ToArray());
                Assert.Equal(CartPoleDynamics.IsTerminal(s), result.Terminations[i]);
                live[i] = !result.Terminations[i];
            }
        }

        Assert.Contains(false, live);
    }

    [Fact]
    public void Reset_PerCopySeeds_ThrowsArgumentException()
    {
        using var env = new CartPoleGymnasiumVectorEnv(2);

        Assert.Throws<ArgumentException>(() => env.Reset([1UL, 2UL]));
    }

    [Fact]
    public void Step_InvalidAction_ThrowsInvalidAction()
    {
        using var env = new CartPoleGymnasiumVectorEnv(2);
        env.Reset(seed: 0);

        Assert.Throws<InvalidActionException>(() => env.Step([0, 2]));
    }

    private static void AssertRng(JsonElement expected, NumpyGenerator random, string when)
    {
        var bitGenerator = random.BitGenerator;
        Assert.True(GymnasiumFixture.ToUInt128(expected[0]) == bitGenerator.State, $"generator state {when}");
        Assert.Equal(expected[1].GetInt32() != 0, bitGenerator.HasUint32);
        Assert.Equal(expected[2].GetUInt32(), bitGenerator.UInteger);
    }

    private static JsonElement Run(string name) =>
        Fixture.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);

    private static float[] Flatten(JsonElement rows) => rows.EnumerateArray().SelectMany(GymnasiumFixture.ToFloatArray).ToArray();

    private static bool[] Flags(JsonElement values) =>
        values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.Number && v.GetInt32() != 0)).ToArray();

    private static JsonElement LoadFixture()
    {
        using var stream = File.OpenRead(Path.Combine(TestSupport.RepositoryPaths.GymnasiumFixtures, "CartPole-v1_vector.json"));
        return JsonDocument.Parse(stream).RootElement.Clone();
    }
}
