using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.Vectorized;

namespace RlGym.Environments.Tests.Vectorized;

/// <summary>
/// Every structure-of-arrays variant equals SyncVectorEnv over the scalar environments made through the registry, copy
/// for copy and bit for bit (observations, rewards, flags, infos with final_obs), in every autoreset mode, over
/// thousands of steps with autoresets, on one thread and split across cores.
/// </summary>
public sealed class SoaVectorEnvTests
{
    private static readonly string[] Ids =
    [
        "CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1",
        "MinAtar/Breakout-v0",
    ];

    public static TheoryData<string, AutoresetMode, int> SmallBatches()
    {
        var data = new TheoryData<string, AutoresetMode, int>();
        foreach (var id in Ids)
        {
            foreach (var mode in Enum.GetValues<AutoresetMode>())
            {
                foreach (var n in new[] { 1, 3, 17 })
                {
                    data.Add(id, mode, n);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, AutoresetMode> LargeBatches()
    {
        var data = new TheoryData<string, AutoresetMode>();
        foreach (var id in Ids)
        {
            data.Add(id, AutoresetMode.NextStep);
            data.Add(id, AutoresetMode.SameStep);
        }

        data.Add("CartPole-v1", AutoresetMode.Disabled);
        return data;
    }

    public static TheoryData<string, AutoresetMode, string, object> KwargsOverrides() => new()
    {
        { "CartPole-v1", AutoresetMode.NextStep, "sutton_barto_reward", true },
        { "CartPole-v1", AutoresetMode.SameStep, "sutton_barto_reward", true },
        { "MountainCar-v0", AutoresetMode.SameStep, "goal_velocity", 0.01 },
        { "MountainCarContinuous-v0", AutoresetMode.NextStep, "goal_velocity", 0.02 },
        { "Pendulum-v1", AutoresetMode.NextStep, "g", 9.81 },
        { "MinAtar/Breakout-v0", AutoresetMode.NextStep, "sticky_action_prob", 0.5 },
    };

    [Theory]
    [MemberData(nameof(SmallBatches))]
    public void Step_SmallBatchWithAutoresets_EqualsSyncVectorEnvBitForBit(string id, AutoresetMode mode, int numEnvs)
    {
        // 1500 steps with the registered time limits: terminations and truncations (500 for CartPole and Acrobot,
        // 999 for MountainCarContinuous) both occur, so every autoreset path runs.
        var episodeEnds = RunBoth(id, mode, numEnvs, steps: 1500, maxEpisodeSteps: null, seed: 5);

        Assert.True(episodeEnds > 0, $"{id} never ended an episode: the test would not cover autoresets.");
    }

    [Theory]
    [MemberData(nameof(LargeBatches))]
    public void Step_LargeBatchSplitAcrossCores_EqualsSyncVectorEnvBitForBit(string id, AutoresetMode mode)
    {
        // 5000 copies: three chunks of the parallel loop (ChunkSize 2048). A short time limit brings truncations.
        Assert.True(5000 > SoaVectorEnv<float, int>.ChunkSize);

        var episodeEnds = RunBoth(id, mode, 5000, steps: 60, maxEpisodeSteps: 25, seed: 123);

        Assert.True(episodeEnds > 5000, $"{id}: too few episode ends ({episodeEnds}) to cover autoresets.");
    }

    [Theory]
    [MemberData(nameof(KwargsOverrides))]
    public void Step_KwargsOverridden_EqualsSyncVectorEnvWithTheSameKwargs(string id, AutoresetMode mode, string name, object value)
    {
        var episodeEnds = RunBoth(id, mode, 5, steps: 600, maxEpisodeSteps: null, seed: 77, new Dictionary<string, object?> { [name] = value });

        Assert.True(episodeEnds > 0);
    }

    [Theory]
    [InlineData("CartPole-v1")]
    [InlineData("Pendulum-v1")]
    [InlineData("MinAtar/Breakout-v0")]
    public void Reset_SameSeed_ReplaysTheSameTrajectory(string id)
    {
        using var env = Gym.Registry.MakeVec(id, 7, vectorization: Vectorizations.Soa);
        var first = Record(env, seed: 99, steps: 300);
        var second = Record(env, seed: 99, steps: 300);
        var other = Record(env, seed: 100, steps: 300);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Reset_Seed_SeedsCopyIWithSeedPlusI()
    {
        using var vector = Soa("CartPole-v1", 4);
        var (observations, _) = vector.Reset(seed: 40);

        for (var i = 0; i < 4; i++)
        {
            using var scalar = Gym.Make<float[], int>("CartPole-v1");
            Assert.Equal(scalar.Reset(seed: 40 + (ulong)i).Observation, observations.AsSpan(4 * i, 4).ToArray());
        }
    }

    [Fact]
    public void Step_BeforeReset_ThrowsResetNeeded()
    {
        using var env = Soa("Acrobot-v1", 3);

        Assert.Throws<ResetNeededException>(() => env.Step([0, 1, 2]));
    }

    [Fact]
    public void Step_PartialResetMaskBeforeFirstReset_ThrowsResetNeededNamingTheCopy()
    {
        using var env = Soa("CartPole-v1", 2);
        env.Reset(seed: 1, options: new Dictionary<string, object> { ["reset_mask"] = new[] { true, false } });

        var error = Assert.Throws<ResetNeededException>(() => env.Step([0, 0]));
        Assert.Contains("copy 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 0, 2 })]
    [InlineData(new[] { -1, 0 })]
    [InlineData(new[] { 0 })]
    public void Step_InvalidActions_ThrowsInvalidAction(int[] actions)
    {
        using var env = Soa("CartPole-v1", 2);
        env.Reset(seed: 0);

        Assert.Throws<InvalidActionException>(() => env.Step(actions));
    }

    [Fact]
    public void Step_DisabledAutoresetAfterEpisodeEnd_RequiresResetMask()
    {
        using var env = Soa("CartPole-v1", 2, AutoresetMode.Disabled);
        env.Reset(seed: 0);
        bool[] ended;
        do
        {
            var result = env.Step([1, 1]);
            ended = VectorAssert.Or(result.Terminations, result.Truncations);
        }
        while (!ended.Contains(true));

        Assert.Throws<ResetNeededException>(() => env.Step([1, 1]));
        env.Reset(options: new Dictionary<string, object> { ["reset_mask"] = ended });
        env.Step([1, 1]);
    }

    [Fact]
    public void Step_DefaultBuffers_AreReusedAndCopyResultsGivesFreshArrays()
    {
        using var env = Soa("MountainCar-v0", 3);
        var reset = env.Reset(seed: 3).Observations;
        var step = env.Step([0, 1, 2]).Observations;
        Assert.Same(reset, step);

        env.CopyResults = true;
        var first = env.Step([0, 1, 2]);
        var second = env.Step([0, 1, 2]);
        Assert.NotSame(first.Observations, second.Observations);
        Assert.NotSame(first.Rewards, second.Rewards);
        Assert.NotEqual(first.Observations, second.Observations);
    }

    // Steps the SoA variant and SyncVectorEnv over registry-made copies with the same actions and compares every
    // result; returns how many episode ends occurred.
    private static int RunBoth(
        string id, AutoresetMode mode, int numEnvs, int steps, int? maxEpisodeSteps, ulong seed, IReadOnlyDictionary<string, object?>? kwargs = null)
    {
        using var soa = Gym.Registry.MakeVec(id, numEnvs, mode, Vectorizations.Soa, kwargs, maxEpisodeSteps);
        using var sync = Gym.Registry.MakeVec(id, numEnvs, mode, Vectorizations.Sync, kwargs, maxEpisodeSteps);
        Assert.IsAssignableFrom(typeof(SoaVectorEnv<,>).MakeGenericType(
            SpaceElement(soa.SingleObservationSpace), SpaceElement(soa.SingleActionSpace)), soa);
        Assert.Equal(sync.SingleObservationSpace.ToString(), soa.SingleObservationSpace.ToString());
        Assert.Equal(sync.SingleActionSpace.ToString(), soa.SingleActionSpace.ToString());

        var policy = new Policy(id, numEnvs, (int)seed);
        var expectedReset = sync.ResetObject(seed);
        var actualReset = soa.ResetObject(seed);
        VectorAssert.BitEqual(expectedReset.Observations, actualReset.Observations, "reset observations");
        VectorAssert.InfoEqual(expectedReset.Info, actualReset.Info, "reset info");
        var observations = expectedReset.Observations;
        var ends = 0;
        for (var t = 0; t < steps; t++)
        {
            var actions = policy.Next(observations);
            var expected = sync.StepObject(actions);
            var actual = soa.StepObject(actions);
            var at = $"{id} N={numEnvs} {mode} step {t}";
            VectorAssert.BitEqual(expected.Observations, actual.Observations, $"{at}: observations");
            VectorAssert.BitEqual(expected.Rewards, actual.Rewards, $"{at}: rewards");
            VectorAssert.BitEqual(expected.Terminations, actual.Terminations, $"{at}: terminations");
            VectorAssert.BitEqual(expected.Truncations, actual.Truncations, $"{at}: truncations");
            VectorAssert.InfoEqual(expected.Info, actual.Info, $"{at}: info");
            observations = expected.Observations;

            var ended = VectorAssert.Or(expected.Terminations, expected.Truncations);
            ends += ended.Count(e => e);
            if (mode == AutoresetMode.Disabled && ended.Contains(true))
            {
                var options = new Dictionary<string, object> { ["reset_mask"] = ended };
                var expectedMasked = sync.ResetObject(seed: null, options);
                var actualMasked = soa.ResetObject(seed: null, options);
                VectorAssert.BitEqual(expectedMasked.Observations, actualMasked.Observations, $"{at}: masked reset observations");
                observations = expectedMasked.Observations;
            }

            if (t == steps / 2)
            {
                // An unseeded reset continues every copy's generator.
                var expectedAgain = sync.ResetObject();
                var actualAgain = soa.ResetObject();
                VectorAssert.BitEqual(expectedAgain.Observations, actualAgain.Observations, $"{at}: unseeded reset");
                observations = expectedAgain.Observations;
            }
        }

        return ends;
    }

    private static Type SpaceElement(Core.Spaces.Space space) => SpaceBatching.BatchType(space).GetElementType()!;

    private static List<string> Record(IVectorEnv env, ulong seed, int steps)
    {
        var policy = new Policy(env.Spec!.Id, env.NumEnvs, 1);
        var reset = env.ResetObject(seed);
        var trace = new List<string> { Describe(reset.Observations) };
        var observations = (Array)((Array)reset.Observations).Clone();
        for (var t = 0; t < steps; t++)
        {
            var result = env.StepObject(policy.Next(observations));
            observations = (Array)((Array)result.Observations).Clone();
            trace.Add($"{Describe(result.Observations)} {Describe(result.Rewards)} {Describe(result.Terminations)} {Describe(result.Truncations)}");
        }

        return trace;
    }

    private static string Describe(object array) => string.Join(',', ((Array)array).Cast<object>());

    // Actions that end episodes both ways: heuristics that reach the goal (or balance the pole to the time limit) on
    // even copies, uniform random actions on odd ones.
    private sealed class Policy(string id, int numEnvs, int seed)
    {
        private readonly Random _random = new(seed);

        public object Next(object observations)
        {
            switch (id)
            {
                case "CartPole-v1":
                {
                    var obs = (float[])observations;
                    return Ints(i => i % 2 == 0 ? (obs[(4 * i) + 2] + (0.5f * obs[(4 * i) + 3]) > 0 ? 1 : 0) : _random.Next(2));
                }

                case "MountainCar-v0":
                {
                    var obs = (float[])observations;
                    return Ints(i => i % 2 == 0 ? (obs[(2 * i) + 1] >= 0 ? 2 : 0) : _random.Next(3));
                }

                case "MountainCarContinuous-v0":
                {
                    // Forces beyond [-1, 1] too: clipped for the force, penalised unclipped.
                    var obs = (float[])observations;
                    return Floats(i => i % 2 == 0 ? (obs[(2 * i) + 1] >= 0 ? 1.2f : -0.9f) : (float)((_random.NextDouble() * 2.4) - 1.2));
                }

                case "Acrobot-v1":
                {
                    var obs = (float[])observations;
                    return Ints(i => i % 2 == 0 ? (obs[(6 * i) + 4] >= 0 ? 2 : 0) : _random.Next(3));
                }

                case "Pendulum-v1":
                    return Floats(_ => (float)((_random.NextDouble() * 5) - 2.5));
                case "MinAtar/Breakout-v0":
                    return Ints(_ => _random.Next(3));
                default:
                    throw new ArgumentException($"No policy for {id}.");
            }
        }

        private int[] Ints(Func<int, int> action) => Enumerable.Range(0, numEnvs).Select(action).ToArray();

        private float[] Floats(Func<int, float> action) => Enumerable.Range(0, numEnvs).Select(action).ToArray();
    }

    private static SoaVectorEnv<float, int> Soa(string id, int numEnvs, AutoresetMode mode = AutoresetMode.NextStep) =>
        (SoaVectorEnv<float, int>)Gym.MakeVec(id, numEnvs, mode, Vectorizations.Soa);
}
