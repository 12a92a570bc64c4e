using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;
using RlGym.Environments.Fast;
using RlGym.Environments.MinAtar;
using RlGym.Environments.Tests.Vectorized;
using RlGym.Environments.Vectorized;

namespace RlGym.Environments.Tests.Fast;

/// <summary>
/// The fast variants: the SIMD loops (CartPole, MountainCar, MountainCarContinuous, Pendulum, Acrobot) equal the scalar reference loop bit for bit, every fast variant agrees
/// with the exact one on episode statistics under a fixed policy, and Breakout's boolean grids go through the same
/// framework (seeding, reset mask, next-step autoreset, time limit, action checks).
/// </summary>
public sealed class FastVectorEnvTests
{
    private const string Breakout = "MinAtar/Breakout-v0";
    private const int BreakoutGrid = BreakoutDynamics.Size * BreakoutDynamics.Size * BreakoutDynamics.Channels;

    // 1003 copies = 62 blocks of 16 + one of 8 + 3 scalar: every path of the loop in one chunk.
    [Theory]
    [InlineData(1003, false)]
    [InlineData(1003, true)]
    [InlineData(20_011, false)]
    public void Step_CartPoleSimd_EqualsTheScalarReferenceBitForBit(int numEnvs, bool suttonBarto) =>
        AssertCartPoleEqualsTheScalarReference(numEnvs, suttonBarto, FastSimd.PreferredLanes);

    [SimdTheory(16)]
    [InlineData(1003, false)]
    [InlineData(1003, true)]
    public void Step_CartPoleAvx512_EqualsTheScalarReferenceBitForBit(int numEnvs, bool suttonBarto) =>
        AssertCartPoleEqualsTheScalarReference(numEnvs, suttonBarto, lanes: 16);

    [SimdTheory(8)]
    [InlineData(1003, false)]
    [InlineData(1003, true)]
    public void Step_CartPoleAvxFallback_EqualsTheScalarReferenceBitForBit(int numEnvs, bool suttonBarto) =>
        AssertCartPoleEqualsTheScalarReference(numEnvs, suttonBarto, lanes: 8);

    [Theory]
    [InlineData(1003, 0f)]
    [InlineData(1003, 0.01f)] // goal_velocity: the goal also needs that speed
    public void Step_MountainCarSimd_EqualsTheScalarReferenceBitForBit(int numEnvs, float goalVelocity)
    {
        AssertMountainCarEqualsTheScalarReference(numEnvs, goalVelocity, FastSimd.PreferredLanes);
        AssertMountainCarContinuousEqualsTheScalarReference(numEnvs, FastSimd.PreferredLanes);
    }

    [Theory]
    [InlineData(1003, 10f)]
    [InlineData(1003, 3.5f)] // the kwarg g
    public void Step_PendulumSimd_EqualsTheScalarReferenceBitForBit(int numEnvs, float g) =>
        AssertPendulumEqualsTheScalarReference(numEnvs, g, FastSimd.PreferredLanes);

    [Fact]
    public void Step_AcrobotSimd_EqualsTheScalarReferenceBitForBit() =>
        AssertAcrobotEqualsTheScalarReference(1003, FastSimd.PreferredLanes);

    [SimdTheory(16)]
    [InlineData(1003)]
    public void Step_OtherClassicControlAvx512_EqualsTheScalarReferenceBitForBit(int numEnvs)
    {
        AssertMountainCarEqualsTheScalarReference(numEnvs, 0f, lanes: 16);
        AssertMountainCarContinuousEqualsTheScalarReference(numEnvs, lanes: 16);
        AssertPendulumEqualsTheScalarReference(numEnvs, 10f, lanes: 16);
        AssertAcrobotEqualsTheScalarReference(numEnvs, lanes: 16);
    }

    [SimdTheory(8)]
    [InlineData(1003)]
    public void Step_OtherClassicControlAvxFallback_EqualsTheScalarReferenceBitForBit(int numEnvs)
    {
        AssertMountainCarEqualsTheScalarReference(numEnvs, 0f, lanes: 8);
        AssertMountainCarContinuousEqualsTheScalarReference(numEnvs, lanes: 8);
        AssertPendulumEqualsTheScalarReference(numEnvs, 10f, lanes: 8);
        AssertAcrobotEqualsTheScalarReference(numEnvs, lanes: 8);
    }

    [Fact]
    public void Lanes_WiderThanTheCpuAccelerates_IsRejected()
    {
        var error = Assert.Throws<PlatformNotSupportedException>(() => new CartPoleFastVectorEnv(4) { Lanes = 2 * FastSimd.PreferredLanes });

        Assert.Contains("at most", error.Message, StringComparison.Ordinal);
    }

    private static void AssertCartPoleEqualsTheScalarReference(int numEnvs, bool suttonBarto, int lanes)
    {
        using var simd = new CartPoleFastVectorEnv(numEnvs, maxEpisodeSteps: 40, suttonBartoReward: suttonBarto) { Lanes = lanes };
        using var scalar = new FastVectorEnv<CartPoleFastDynamics, Float4, Float4, float, int>(
            numEnvs, new CartPoleFastDynamics(suttonBarto), new CartPoleEnv(suttonBarto), AutoresetMode.NextStep, 40, null);
        var (ends, truncations) = AssertEqualsTheScalarReference(simd, scalar, 300, (random, _, _) => random.Next(2));

        Assert.True(ends > numEnvs, "the run must cover many autoresets");
        Assert.True(truncations > 0, "the run must cover truncations");
    }

    // Steps both envs with the same actions (policy(random, copy, last observations)) and compares every result bit
    // for bit; returns the terminations and truncations seen.
    private static (int Ends, int Truncations) AssertEqualsTheScalarReference<TDynamics, TState, TObs, TAction>(
        SimdFastVectorEnv<TDynamics, TState, TObs, TAction> simd,
        FastVectorEnv<TDynamics, TState, TObs, float, TAction> scalar,
        int steps,
        Func<Random, int, float[], TAction> policy)
        where TDynamics : struct, IFastDynamics<TState, TObs, TAction>
        where TState : unmanaged
        where TObs : unmanaged
        where TAction : unmanaged
    {
        var random = new Random(3);
        var actions = new TAction[simd.NumEnvs];
        var observations = scalar.Reset(seed: 11).Observations;
        VectorAssert.BitEqual(observations, simd.Reset(seed: 11).Observations, "reset");
        var (ends, truncations) = (0, 0);
        for (var step = 0; step < steps; step++)
        {
            for (var i = 0; i < actions.Length; i++)
            {
                actions[i] = policy(random, i, observations);
            }

            var expected = scalar.Step(actions);
            var actual = simd.Step(actions);

            VectorAssert.BitEqual(expected.Observations, actual.Observations, $"step {step} observations");
            VectorAssert.BitEqual(expected.Rewards, actual.Rewards, $"step {step} rewards");
            VectorAssert.BitEqual(expected.Terminations, actual.Terminations, $"step {step} terminations");
            VectorAssert.BitEqual(expected.Truncations, actual.Truncations, $"step {step} truncations");
            ends += actual.Terminations.Count(t => t);
            truncations += actual.Truncations.Count(t => t);
            observations = expected.Observations;
        }

        return (ends, truncations);
    }

    // A third of the copies pump energy (velocity's sign: they reach the goal), a third push left into the wall, a
    // third act at random.
    private static int MountainCarPolicy(Random random, int copy, float[] observations) => (copy % 3) switch
    {
        0 => observations[(2 * copy) + 1] >= 0 ? 2 : 0,
        1 => 0,
        _ => random.Next(3),
    };

    private static void AssertMountainCarEqualsTheScalarReference(int numEnvs, float goalVelocity, int lanes)
    {
        using var simd = new MountainCarFastVectorEnv(numEnvs, maxEpisodeSteps: 150, goalVelocity: goalVelocity) { Lanes = lanes };
        using var scalar = new FastVectorEnv<MountainCarFastDynamics, Float2, Float2, float, int>(
            numEnvs, new MountainCarFastDynamics(goalVelocity), new MountainCarEnv(goalVelocity), AutoresetMode.NextStep, 150, null);
        var (ends, truncations) = AssertEqualsTheScalarReference(simd, scalar, 400, MountainCarPolicy);

        Assert.True(ends > numEnvs / 6, "the pumping copies must reach the goal");
        Assert.True(truncations > numEnvs / 3, "the others must run into the time limit");
    }

    private static void AssertPendulumEqualsTheScalarReference(int numEnvs, float g, int lanes)
    {
        using var simd = new PendulumFastVectorEnv(numEnvs, maxEpisodeSteps: 60, g: g) { Lanes = lanes };
        using var scalar = new FastVectorEnv<PendulumFastDynamics, Float2, Float3, float, float>(
            numEnvs, new PendulumFastDynamics(g), new PendulumEnv(g), AutoresetMode.NextStep, 60, null);

        // Torques beyond the limit of 2 (clipped for the motion and the cost); half the copies push one way only, so
        // they spin past ±π (the angle's normalisation) and into the speed limit.
        var (ends, truncations) = AssertEqualsTheScalarReference(
            simd, scalar, 200, (random, copy, _) => copy % 2 == 0 ? 3f : (float)((random.NextDouble() * 6) - 3));

        Assert.Equal(0, ends);
        Assert.True(truncations > numEnvs, "the run must cover autoresets at the time limit");
    }

    private static void AssertAcrobotEqualsTheScalarReference(int numEnvs, int lanes)
    {
        using var simd = new AcrobotFastVectorEnv(numEnvs, maxEpisodeSteps: 120) { Lanes = lanes };
        using var scalar = new FastVectorEnv<AcrobotFastDynamics, Float4, AcrobotObservation, float, int>(
            numEnvs, default, new AcrobotEnv(), AutoresetMode.NextStep, 120, null);

        // Half the copies pump energy (torque with the second link's velocity, observation field 5): they swing up,
        // spin past ±π and hit the speed limits; the others act at random.
        var (ends, truncations) = AssertEqualsTheScalarReference(
            simd, scalar, 300, (random, copy, observations) => copy % 2 == 0 ? (observations[(6 * copy) + 5] >= 0 ? 2 : 0) : random.Next(3));

        Assert.True(ends > numEnvs / 4, "the pumping copies must swing up");
        Assert.True(truncations > numEnvs / 4, "the others must run into the time limit");
    }

    private static void AssertMountainCarContinuousEqualsTheScalarReference(int numEnvs, int lanes)
    {
        using var simd = new MountainCarContinuousFastVectorEnv(numEnvs, maxEpisodeSteps: 150) { Lanes = lanes };
        using var scalar = new FastVectorEnv<MountainCarContinuousFastDynamics, Float2, Float2, float, float>(
            numEnvs, new MountainCarContinuousFastDynamics(0f), new MountainCarContinuousEnv(0.0), AutoresetMode.NextStep, 150, null);

        // Forces beyond [-1, 1] (clipped for the motion, not for the reward's cost), as MountainCarPolicy's choices.
        var (ends, truncations) = AssertEqualsTheScalarReference(
            simd, scalar, 400, (random, copy, observations) => (MountainCarPolicy(random, copy, observations) - 1) * (float)(0.5 + random.NextDouble()));

        Assert.True(ends > numEnvs / 6, "the pumping copies must reach the goal");
        Assert.True(truncations > numEnvs / 3, "the others must run into the time limit");
    }

    [Theory]
    [InlineData("CartPole-v1")]
    [InlineData("MountainCar-v0")]
    [InlineData("MountainCarContinuous-v0")]
    [InlineData("Acrobot-v1")]
    [InlineData("Pendulum-v1")]
    public void Make_Fast_GivesAFloat32VariantWithTheScalarEnvsSpaces(string id)
    {
        using var fast = Gym.MakeVec(id, 5, vectorization: Vectorizations.Fast);
        using var exact = Gym.MakeVec(id, 5, vectorization: Vectorizations.Soa);

        Assert.Equal(exact.SingleObservationSpace.ToString(), fast.SingleObservationSpace.ToString());
        Assert.Equal(exact.SingleActionSpace.ToString(), fast.SingleActionSpace.ToString());
        Assert.Equal(id, fast.Spec!.Id);
        var observations = (float[])fast.ResetObject(seed: 1).Observations;
        Assert.Equal(5 * exact.SingleObservationSpace.Shape.Aggregate(1, (a, b) => a * b), observations.Length);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(exact.SingleObservationSpace.ContainsObject(observations.AsSpan(i * (observations.Length / 5), observations.Length / 5).ToArray()));
        }
    }

    [Fact]
    public void Make_FastForAnEnvWithoutFastDynamics_ListsTheAvailableVectorizations()
    {
        var error = Assert.Throws<ArgumentException>(() => Gym.MakeVec("Taxi-v3", 2, vectorization: Vectorizations.Fast));

        Assert.Contains("'fast' is not available", error.Message, StringComparison.Ordinal);
        Assert.Contains("sync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Make_FastWithSameStepAutoreset_SaysOnlyNextStepIsImplemented()
    {
        var error = Assert.Throws<ArgumentException>(() => Gym.MakeVec("CartPole-v1", 2, AutoresetMode.SameStep, Vectorizations.Fast));

        Assert.Contains("next-step only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reset_SameSeed_SameRun()
    {
        using var a = Gym.MakeVec("Pendulum-v1", 7, vectorization: Vectorizations.Fast);
        using var b = Gym.MakeVec("Pendulum-v1", 7, vectorization: Vectorizations.Fast);
        var actions = Enumerable.Range(0, 7).Select(i => (float)(i - 3) / 2).ToArray();

        VectorAssert.BitEqual(a.ResetObject(seed: 5).Observations, b.ResetObject(seed: 5).Observations, "reset");
        for (var step = 0; step < 250; step++)
        {
            VectorAssert.BitEqual(a.StepObject(actions).Observations, b.StepObject(actions).Observations, $"step {step}");
        }
    }

    [Fact]
    public void Reset_WithResetMask_ResetsOnlyTheMaskedCopies()
    {
        using var env = new CartPoleFastVectorEnv(3);
        var before = (float[])env.Reset(seed: 1).Observations.Clone();
        env.Step([1, 1, 1]);
        var stepped = (float[])env.Step([1, 1, 1]).Observations.Clone();

        var after = env.Reset(seed: 1, new Dictionary<string, object> { [ResetMask.OptionName] = new[] { false, true, false } }).Observations;

        Assert.Equal(stepped.AsSpan(0, 4).ToArray(), after.AsSpan(0, 4).ToArray());
        Assert.Equal(before.AsSpan(4, 4).ToArray(), after.AsSpan(4, 4).ToArray());
        Assert.Equal(stepped.AsSpan(8, 4).ToArray(), after.AsSpan(8, 4).ToArray());
    }

    [Fact]
    public void Reset_WithAScalarEnvOption_IsRejectedNamingIt()
    {
        using var env = new CartPoleFastVectorEnv(2);

        var error = Assert.Throws<ArgumentException>(() => env.Reset(options: new Dictionary<string, object> { ["low"] = -0.1 }));

        Assert.Contains("low", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_BeforeReset_AndWithAnInvalidAction_AreRejected()
    {
        using var env = new CartPoleFastVectorEnv(2);

        Assert.Throws<Core.ResetNeededException>(() => env.Step([0, 1]));
        env.Reset(seed: 0);
        var error = Assert.Throws<Core.InvalidActionException>(() => env.Step([0, 2]));
        Assert.Contains("copy 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Make_FastBreakout_GivesBoolGridsInTheScalarEnvsSpaces()
    {
        using var fast = Gym.MakeVec(Breakout, 5, vectorization: Vectorizations.Fast);
        using var exact = Gym.MakeVec(Breakout, 5, vectorization: Vectorizations.Soa);

        Assert.Equal(exact.SingleObservationSpace.ToString(), fast.SingleObservationSpace.ToString());
        Assert.Equal(exact.SingleActionSpace.ToString(), fast.SingleActionSpace.ToString());
        Assert.Equal(Breakout, fast.Spec!.Id);
        var observations = Assert.IsType<bool[]>(fast.ResetObject(seed: 1).Observations);
        Assert.Equal(5 * BreakoutGrid, observations.Length);
        for (var step = 0; step < 30; step++)
        {
            for (var i = 0; i < 5; i++)
            {
                var grid = observations.AsSpan(i * BreakoutGrid, BreakoutGrid).ToArray();
                Assert.True(fast.SingleObservationSpace.ContainsObject(grid));
                Assert.Equal(1, Enumerable.Range(0, 100).Count(cell => grid[(4 * cell) + BreakoutDynamics.PaddleChannel]));
                Assert.Equal(1, Enumerable.Range(0, 100).Count(cell => grid[(4 * cell) + BreakoutDynamics.BallChannel]));
            }

            observations = (bool[])fast.StepObject(new[] { 0, 1, 2, 1, 2 }).Observations;
        }
    }

    [Fact]
    public void Reset_BreakoutSameSeed_SameRunWhileCopiesDiffer()
    {
        using var a = Gym.MakeVec(Breakout, 64, vectorization: Vectorizations.Fast);
        using var b = Gym.MakeVec(Breakout, 64, vectorization: Vectorizations.Fast);
        var actions = Enumerable.Range(0, 64).Select(i => i % 3).ToArray();

        VectorAssert.BitEqual(a.ResetObject(seed: 5).Observations, b.ResetObject(seed: 5).Observations, "reset");
        var differ = false;
        for (var step = 0; step < 300; step++)
        {
            var (x, y) = (a.StepObject(actions), b.StepObject(actions));
            VectorAssert.BitEqual(x.Observations, y.Observations, $"step {step}");
            VectorAssert.BitEqual(x.Rewards, y.Rewards, $"step {step} rewards");
            VectorAssert.BitEqual(x.Terminations, y.Terminations, $"step {step} terminations");
            var grids = (bool[])x.Observations;
            differ |= !grids.AsSpan(0, BreakoutGrid).SequenceEqual(grids.AsSpan(3 * BreakoutGrid, BreakoutGrid));
        }

        Assert.True(differ, "copies 0 and 3 took the same actions; only their generators (seed + i) can tell them apart");
    }

    [Fact]
    public void Reset_BreakoutWithResetMask_ResetsOnlyTheMaskedCopies()
    {
        using var env = (IVectorEnv<bool[], int[]>)Gym.MakeVec(Breakout, 3, vectorization: Vectorizations.Fast);
        var before = (bool[])env.Reset(seed: 1).Observations.Clone();
        env.Step([1, 1, 1]);
        var stepped = (bool[])env.Step([1, 1, 1]).Observations.Clone();

        var after = env.Reset(seed: 1, new Dictionary<string, object> { [ResetMask.OptionName] = new[] { false, true, false } }).Observations;

        Assert.Equal(stepped.AsSpan(0, BreakoutGrid).ToArray(), after.AsSpan(0, BreakoutGrid).ToArray());
        Assert.Equal(before.AsSpan(BreakoutGrid, BreakoutGrid).ToArray(), after.AsSpan(BreakoutGrid, BreakoutGrid).ToArray());
        Assert.Equal(stepped.AsSpan(2 * BreakoutGrid, BreakoutGrid).ToArray(), after.AsSpan(2 * BreakoutGrid, BreakoutGrid).ToArray());
    }

    [Fact]
    public void Step_BreakoutAfterAnEpisodeEnds_AutoresetsOnTheNextStep()
    {
        const int n = 32;
        using var env = (IVectorEnv<bool[], int[]>)Gym.MakeVec(Breakout, n, vectorization: Vectorizations.Fast);
        env.Reset(seed: 9);
        var random = new Random(4);
        var actions = new int[n];
        var ended = new bool[n];
        var autoresets = 0;
        for (var step = 0; step < 200; step++)
        {
            for (var i = 0; i < n; i++)
            {
                actions[i] = random.Next(3);
            }

            var result = env.Step(actions);
            for (var i = 0; i < n; i++)
            {
                if (ended[i])
                {
                    var grid = result.Observations.AsSpan(i * BreakoutGrid, BreakoutGrid).ToArray();
                    Assert.True(IsStartingGrid(grid), $"copy {i} at step {step} is not a starting state after its episode ended");
                    Assert.Equal(0, result.Rewards[i]);
                    Assert.False(result.Terminations[i] || result.Truncations[i]);
                    autoresets++;
                }

                ended[i] = result.Terminations[i];
            }
        }

        Assert.True(autoresets > n, $"only {autoresets} autoresets");
    }

    [Fact]
    public void Step_BreakoutAtTheTimeLimit_TruncatesAndThenAutoresets()
    {
        using var env = (IVectorEnv<bool[], int[]>)Gym.MakeVec(Breakout, 4, vectorization: Vectorizations.Fast, maxEpisodeSteps: 3);
        env.Reset(seed: 0);
        int[] actions = [0, 0, 0, 0];

        env.Step(actions);
        env.Step(actions);
        var third = env.Step(actions);
        var (truncated, terminated) = ((bool[])third.Truncations.Clone(), (bool[])third.Terminations.Clone()); // the buffers are reused
        var fourth = env.Step(actions);

        Assert.All(truncated, Assert.True); // no ball reaches row 9 within 3 steps from row 3
        Assert.All(terminated, Assert.False);
        Assert.All(fourth.Truncations, Assert.False);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(IsStartingGrid(fourth.Observations.AsSpan(i * BreakoutGrid, BreakoutGrid).ToArray()), $"copy {i}");
        }
    }

    [Fact]
    public void Step_BreakoutWithAnActionOutsideDiscrete3_IsRejectedNamingTheCopyAndTheRange()
    {
        using var env = (IVectorEnv<bool[], int[]>)Gym.MakeVec(Breakout, 2, vectorization: Vectorizations.Fast);
        env.Reset(seed: 0);

        var error = Assert.Throws<Core.InvalidActionException>(() => env.Step([0, 3]));

        Assert.Contains("copy 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("[0, 2]", error.Message, StringComparison.Ordinal);
        Assert.Throws<Core.InvalidActionException>(() => env.Step([0]));
    }

    // Breakout's rules are the same integers in both variants; only the generators differ (NumPy's for the start side
    // and the sticky draws vs FastRandom, sticky probability 0.1 as float32). A uniform random policy over 2,048 copies
    // x 400 steps gives ~74,000 episodes: mean return ~0.376 and length ~9.83 in both (measured: 0.5 % and 0.2 % apart;
    // one standard error of the difference is ~1.1 % for the return, ~0.3 % for the length). Turning sticky actions
    // off moves them by +6.7 % and +2.6 %, so the bounds (3 % and 1.5 %) catch a wrong sticky draw or start side.
    [Fact]
    public void EpisodeStatistics_BreakoutUnderARandomPolicy_AgreeWithTheExactVariant()
    {
        var (exactReturn, exactLength, exactEpisodes) = BreakoutStatistics(Gym.MakeVec(Breakout, 2048, vectorization: Vectorizations.Soa));
        var (fastReturn, fastLength, fastEpisodes) = BreakoutStatistics(Gym.MakeVec(Breakout, 2048, vectorization: Vectorizations.Fast));

        Assert.True(Math.Min(exactEpisodes, fastEpisodes) > 2000, $"only {exactEpisodes} / {fastEpisodes} episodes");
        Assert.True(Math.Abs(fastReturn - exactReturn) / exactReturn < 0.03, $"mean return exact {exactReturn:F3}, fast {fastReturn:F3}");
        Assert.True(Math.Abs(fastLength - exactLength) / exactLength < 0.015, $"mean length exact {exactLength:F2}, fast {fastLength:F2}");
    }

    private static (double MeanReturn, double MeanLength, long Episodes) BreakoutStatistics(IVectorEnv env)
    {
        using var _ = env;
        var n = env.NumEnvs;
        env.ResetObject(seed: 123);
        var random = new Random(9);
        var actions = new int[n];
        var (lengths, returns, fresh) = (new int[n], new double[n], new bool[n]);
        var (episodes, totalLength, totalReturn) = (0L, 0L, 0.0);
        for (var step = 0; step < 400; step++)
        {
            for (var i = 0; i < n; i++)
            {
                actions[i] = random.Next(3);
            }

            var result = env.StepObject(actions);
            for (var i = 0; i < n; i++)
            {
                if (fresh[i])
                {
                    fresh[i] = false; // the autoreset step of next-step mode is not an env step
                    continue;
                }

                lengths[i]++;
                returns[i] += result.Rewards[i];
                if (result.Terminations[i] || result.Truncations[i])
                {
                    (episodes, totalLength, totalReturn) = (episodes + 1, totalLength + lengths[i], totalReturn + returns[i]);
                    (lengths[i], returns[i], fresh[i]) = (0, 0, true);
                }
            }
        }

        return (totalReturn / episodes, (double)totalLength / episodes, episodes);
    }

    // A starting grid: full brick rows, paddle at column 4, ball on row 3 at column 0 or 9 (its trail on it).
    private static bool IsStartingGrid(bool[] grid)
    {
        var expected = new bool[BreakoutGrid];
        foreach (var startRight in new[] { false, true })
        {
            BreakoutDynamics.WriteObservation(BreakoutDynamics.Reset(startRight), expected);
            if (expected.AsSpan().SequenceEqual(grid))
            {
                return true;
            }
        }

        return false;
    }

    // Mean episode length over thousands of episodes under one fixed policy, exact (float64, NumPy's generator) vs
    // fast (float32, FastRandom): they differ by sampling noise plus the float32 error, which must stay within 3 %.
    [Theory]
    [InlineData("CartPole-v1", "random")]
    [InlineData("CartPole-v1", "lean")]
    [InlineData("MountainCar-v0", "energy")]
    [InlineData("Acrobot-v1", "pump")]
    public void MeanEpisodeLength_UnderAFixedPolicy_AgreesWithTheExactVariantWithin3Percent(string id, string policy)
    {
        var exact = MeanEpisodeLength(Gym.MakeVec(id, 2048, vectorization: Vectorizations.Soa), policy);
        var fast = MeanEpisodeLength(Gym.MakeVec(id, 2048, vectorization: Vectorizations.Fast), policy);

        Assert.True(Math.Abs(fast - exact) / exact < 0.03, $"{id}/{policy}: mean episode length exact {exact:F2}, fast {fast:F2}");
    }

    private static double MeanEpisodeLength(IVectorEnv env, string policy)
    {
        using var _ = env;
        var n = env.NumEnvs;
        var size = (int)env.SingleObservationSpace.Shape[0];
        var observations = (float[])env.ResetObject(seed: 123).Observations;
        var actions = new int[n];
        var lengths = new int[n];
        var random = new Random(9);
        var (episodes, total) = (0L, 0L);
        var fresh = new bool[n];
        for (var step = 0; step < (id(env) == "CartPole-v1" && policy == "lean" ? 1500 : 800); step++)
        {
            for (var i = 0; i < n; i++)
            {
                var o = observations.AsSpan(i * size, size);
                actions[i] = policy switch
                {
                    "random" => random.Next(2),
                    "lean" => o[2] + (0.3f * o[3]) + (0.05f * (float)random.NextDouble()) > 0 ? 1 : 0,
                    "energy" => o[1] >= 0 ? 2 : 0,
                    _ => o[4] >= 0 ? 2 : 0,
                };
            }

            var result = env.StepObject(actions);
            observations = (float[])result.Observations;
            for (var i = 0; i < n; i++)
            {
                if (fresh[i])
                {
                    fresh[i] = false; // the autoreset step of next-step mode is not an env step
                    continue;
                }

                lengths[i]++;
                if (result.Terminations[i] || result.Truncations[i])
                {
                    (episodes, total, lengths[i], fresh[i]) = (episodes + 1, total + lengths[i], 0, true);
                }
            }
        }

        Assert.True(episodes > 2000, $"only {episodes} episodes");
        return (double)total / episodes;

        static string id(IVectorEnv e) => e.Spec!.Id;
    }
}
