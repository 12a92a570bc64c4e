using RlGym.Core.Vector;
using RlGym.Environments;
using RlGym.Environments.Vectorized;

namespace RlGym.Gpu.Tests;

/// <summary>
/// The kernels on ILGPU's CPU accelerator against the fast CPU loop (the same per-element function): discrete
/// outcomes (terminations, truncations) equal, floats within <see cref="Tolerance"/> (Breakout, all-integer: exactly),
/// over hundreds of steps with autoresets. On the CPU accelerator they agree bit for bit; the tolerance leaves room for a CUDA device, whose
/// compiler may fuse multiply-adds.
/// </summary>
public sealed class GpuVectorEnvTests(CpuRuntimeFixture fixture) : IClassFixture<CpuRuntimeFixture>
{
    private const double Tolerance = 1e-4;
    private const string Breakout = "MinAtar/Breakout-v0";

    [Theory]
    [InlineData("CartPole-v1", 200, 30)]
    [InlineData("MountainCar-v0", 400, null)]
    [InlineData("MountainCarContinuous-v0", 250, 100)]
    [InlineData("Acrobot-v1", 120, 50)]
    [InlineData("Pendulum-v1", 450, null)]
    public void Step_OnTheCpuAccelerator_MatchesTheFastCpuLoop(string id, int steps, int? timeLimit)
    {
        const int n = 37;
        using var gpu = GpuVectorEnvs.Make(fixture.Runtime, Gym.Registry, id, n, maxEpisodeSteps: timeLimit);
        using var cpu = Gym.MakeVec(id, n, vectorization: Vectorizations.Fast, maxEpisodeSteps: timeLimit);
        var space = gpu.SingleActionSpace;
        space.Seed(4);
        var actions = SpaceBatching.CreateBatch(space, n);

        AssertClose((float[])cpu.ResetObject(seed: 8).Observations, (float[])gpu.ResetObject(seed: 8).Observations, "reset");
        var ends = 0;
        for (var step = 0; step < steps; step++)
        {
            for (var i = 0; i < n; i++)
            {
                SpaceBatching.Write(space, actions, i, space.SampleObject());
            }

            var expected = cpu.StepObject(actions);
            var actual = gpu.StepObject(actions);

            Assert.Equal(expected.Terminations, actual.Terminations);
            Assert.Equal(expected.Truncations, actual.Truncations);
            AssertClose((float[])expected.Observations, (float[])actual.Observations, $"step {step} observations");
            AssertClose(expected.Rewards, actual.Rewards, $"step {step} rewards");
            ends += actual.Terminations.Count(t => t) + actual.Truncations.Count(t => t);
        }

        Assert.True(ends >= n, $"{id}: only {ends} episode ends; the run must cover autoresets");
    }

    [Fact]
    public void Reset_WithResetMask_ResetsOnlyTheMaskedCopiesOnTheDevice()
    {
        using var env = GpuVectorEnvs.Make(fixture.Runtime, Gym.Registry, "CartPole-v1", 3);
        var before = (float[])((float[])env.ResetObject(seed: 1).Observations).Clone();
        env.StepObject(new[] { 1, 1, 1 });
        var stepped = (float[])((float[])env.StepObject(new[] { 1, 1, 1 }).Observations).Clone();

        var after = (float[])((float[])env.ResetObject(seed: 1, new Dictionary<string, object> { [ResetMask.OptionName] = new[] { true, false, false } }).Observations).Clone();
        var next = (float[])env.StepObject(new[] { 0, 0, 0 }).Observations;

        Assert.Equal(before.AsSpan(0, 4).ToArray(), after.AsSpan(0, 4).ToArray());
        Assert.Equal(stepped.AsSpan(4, 8).ToArray(), after.AsSpan(4, 8).ToArray());
        Assert.NotEqual(after.AsSpan(4, 4).ToArray(), next.AsSpan(4, 4).ToArray());
    }

    // Breakout is all-integer: the kernel and the fast CPU loop agree exactly, boolean grids included, with sticky
    // actions (drawn from the same per-copy generators) and autoresets.
    [Theory]
    [InlineData(null)]
    [InlineData(25)]
    public void Step_BreakoutOnTheCpuAccelerator_EqualsTheFastCpuLoopExactly(int? timeLimit)
    {
        const int n = 37;
        using var gpu = GpuVectorEnvs.Make(fixture.Runtime, Gym.Registry, Breakout, n, maxEpisodeSteps: timeLimit);
        using var cpu = Gym.MakeVec(Breakout, n, vectorization: Vectorizations.Fast, maxEpisodeSteps: timeLimit);
        var random = new Random(4);
        var actions = new int[n];

        Assert.Equal((bool[])cpu.ResetObject(seed: 8).Observations, (bool[])gpu.ResetObject(seed: 8).Observations);
        var (ends, bricks) = (0, 0.0);
        for (var step = 0; step < 300; step++)
        {
            for (var i = 0; i < n; i++)
            {
                actions[i] = random.Next(3);
            }

            var expected = cpu.StepObject(actions);
            var actual = gpu.StepObject(actions);

            Assert.Equal(expected.Terminations, actual.Terminations);
            Assert.Equal(expected.Truncations, actual.Truncations);
            Assert.Equal(expected.Rewards, actual.Rewards);
            Assert.True(((bool[])expected.Observations).AsSpan().SequenceEqual((bool[])actual.Observations), $"step {step}: observations differ");
            ends += actual.Terminations.Count(t => t) + actual.Truncations.Count(t => t);
            bricks += actual.Rewards.Sum();
        }

        Assert.True(ends >= 5 * n, $"only {ends} episode ends; the run must cover autoresets");
        Assert.True(bricks > n, $"only {bricks} bricks broken");
    }

    [Fact]
    public void Reset_BreakoutWithResetMask_ResetsOnlyTheMaskedCopiesOnTheDevice()
    {
        const int grid = 400;
        using var env = GpuVectorEnvs.Make(fixture.Runtime, Gym.Registry, Breakout, 3);
        var before = (bool[])((bool[])env.ResetObject(seed: 1).Observations).Clone();
        env.StepObject(new[] { 1, 1, 1 });
        var stepped = (bool[])((bool[])env.StepObject(new[] { 1, 1, 1 }).Observations).Clone();

        var after = (bool[])((bool[])env.ResetObject(seed: 1, new Dictionary<string, object> { [ResetMask.OptionName] = new[] { true, false, false } }).Observations).Clone();

        Assert.Equal(before.AsSpan(0, grid).ToArray(), after.AsSpan(0, grid).ToArray());
        Assert.Equal(stepped.AsSpan(grid, 2 * grid).ToArray(), after.AsSpan(grid, 2 * grid).ToArray());
    }

    [Fact]
    public void Make_ForAnEnvWithoutAKernel_IsAnArgumentErrorListingThoseWithOne()
    {
        var error = Assert.Throws<ArgumentException>(() => GpuVectorEnvs.Make(fixture.Runtime, Gym.Registry, "Taxi-v3", 2));

        Assert.Contains("no GPU variant", error.Message, StringComparison.Ordinal);
        Assert.Contains("CartPole", error.Message, StringComparison.Ordinal);
        Assert.Contains("Breakout", error.Message, StringComparison.Ordinal);
        Assert.False(GpuVectorEnvs.Supports(Gym.Registry, "Taxi-v3"));
        Assert.True(GpuVectorEnvs.Supports(Gym.Registry, "Pendulum-v1"));
        Assert.True(GpuVectorEnvs.Supports(Gym.Registry, Breakout));
    }

    [Fact]
    public void Make_WithSameStepAutoreset_SaysOnlyNextStepIsImplemented()
    {
        var error = Assert.Throws<ArgumentException>(() => GpuVectorEnvs.Make(fixture.Runtime, Gym.Registry, "CartPole-v1", 2, AutoresetMode.SameStep));

        Assert.Contains("next-step only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_ObservationsStayInTheObservationSpace()
    {
        using var env = GpuVectorEnvs.Make(fixture.Runtime, Gym.Registry, "Acrobot-v1", 16);
        var box = env.SingleObservationSpace;
        env.ResetObject(seed: 2);
        for (var step = 0; step < 50; step++)
        {
            var observations = (float[])env.StepObject(Enumerable.Range(0, 16).Select(i => (i + step) % 3).ToArray()).Observations;
            for (var i = 0; i < 16; i++)
            {
                Assert.True(box.ContainsObject(observations.AsSpan(i * 6, 6).ToArray()), $"copy {i} at step {step}");
            }
        }
    }

    private static void AssertClose(float[] expected, float[] actual, string what) =>
        AssertClose(expected.Select(e => (double)e).ToArray(), actual.Select(a => (double)a).ToArray(), what);

    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance * Math.Max(1, Math.Abs(expected[i])), $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
