using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;
using RlGym.Environments.ClassicControl;
using RlGym.TestSupport.Gymnasium;

namespace RlGym.Environments.Tests.ClassicControl;

public sealed class MountainCarContinuousEnvTests
{
    private const string Id = "MountainCarContinuous-v0";
    private const string NumPy2File = "MountainCarContinuous-v0.numpy2.json";
    private const string LegacyFile = "MountainCarContinuous-v0.json";

    public static TheoryData<int> NumPy2Runs => ClassicControlFixtureReplay.RunIndices(NumPy2File);

    public static TheoryData<int> LegacyRuns => ClassicControlFixtureReplay.RunIndices(LegacyFile);

    [Theory]
    [MemberData(nameof(NumPy2Runs))]
    public void Make_NumPy2FixtureRun_MatchesGymnasiumStepForStep(int run) =>
        ClassicControlFixtureReplay.Replay<MountainCarContinuousEnv, float[]>(
            BuiltInEnvironments.CreateRegistry(), NumPy2File, run, GymnasiumFixture.ToFloatArray, State);

    [Theory]
    [MemberData(nameof(LegacyRuns))]
    public void Make_NumPy1FixtureRun_MatchesGymnasiumStepForStep(int run)
    {
        var spec = BuiltInEnvironments.CreateRegistry().Spec(Id);
        var registry = ClassicControlFixtureReplay.RegistryWith<float[]>(
            spec, (kwargs, renderMode) => new MountainCarContinuousEnv(kwargs.GetDouble("goal_velocity"), renderMode, NumpyPromotion.Legacy));

        ClassicControlFixtureReplay.Replay<MountainCarContinuousEnv, float[]>(registry, LegacyFile, run, GymnasiumFixture.ToFloatArray, State);
    }

    [Fact]
    public void Spec_Registered_MatchesGymnasium()
    {
        var spec = BuiltInEnvironments.CreateRegistry().Spec(Id);

        Assert.Equal(999, spec.MaxEpisodeSteps);
        Assert.Equal(90.0, spec.RewardThreshold);
        Assert.Equal(0L, Assert.Single(spec.Kwargs, kv => kv.Key == "goal_velocity").Value);
    }

    [Fact]
    public void Spaces_Made_MatchGymnasium()
    {
        var fixture = ClassicControlFixtureReplay.Load(NumPy2File);
        using var env = new MountainCarContinuousEnv();

        var obs = Assert.IsType<Box<float>>(env.ObservationSpace);
        Assert.Equal(GymnasiumFixture.ToDoubleArray(fixture.Root.GetProperty("observation_space").GetProperty("low")), obs.Low);
        Assert.Equal(GymnasiumFixture.ToDoubleArray(fixture.Root.GetProperty("observation_space").GetProperty("high")), obs.High);
        var action = Assert.IsType<Box<float>>(env.ActionSpace);
        Assert.Equal([-1.0], action.Low);
        Assert.Equal([1.0], action.High);
        Assert.Equal(30, env.Metadata.RenderFps);
        Assert.Equal(NumpyPromotion.NumPy2, env.Promotion);
    }

    [Fact]
    public void Make_UnreachableGoalVelocity_ControllerEpisodeIsNotTerminated()
    {
        var episode = ClassicControlFixtureReplay.Load(NumPy2File).Runs.Single(r => r.Policy == "controller" && r.Seed == 0).Episodes[0];
        using var env = Gym.Make<float[], float[]>(Id, new Dictionary<string, object?> { ["goal_velocity"] = 1L });
        env.Reset(0);

        var results = episode.Actions.Select(a => env.Step(GymnasiumFixture.ToFloatArray(a))).ToArray();

        Assert.True(episode.LastTerminated);
        Assert.DoesNotContain(results, r => r.Terminated);
        Assert.All(results, r => Assert.True(r.Reward < 0));
    }

    [Fact]
    public void Step_ActionOutsideBox_ClipsForceButPenalisesFullAction()
    {
        // Same start twice; an action of 3 pushes like 1 (clipped) but costs 0.1 * 3² (unclipped).
        using var clipped = new MountainCarContinuousEnv();
        using var full = new MountainCarContinuousEnv();
        clipped.Reset(7);
        full.Reset(7);

        var big = clipped.Step([3f]);
        var one = full.Step([1f]);

        Assert.Equal(one.Observation, big.Observation);
        Assert.Equal(0.0 - (3.0 * 3.0 * 0.1), big.Reward);
        Assert.Equal(0.0 - (1.0 * 1.0 * 0.1), one.Reward);
    }

    [Fact]
    public void Make_GoalVelocityNotANumber_Throws() =>
        Assert.Throws<ArgumentException>(() => Gym.Make(Id, new Dictionary<string, object?> { ["goal_velocity"] = true }));

    [Fact]
    public void Reset_LowEqualsHigh_StartsAtThatPosition()
    {
        using var env = new MountainCarContinuousEnv();

        var (obs, _) = env.Reset(0, new Dictionary<string, object> { ["low"] = -1, ["high"] = -1 });

        Assert.Equal([-1f, 0f], obs);
    }

    [Fact]
    public void Reset_LowAboveHigh_Throws()
    {
        using var env = new MountainCarContinuousEnv();

        Assert.Throws<ArgumentException>(() => env.Reset(0, new Dictionary<string, object> { ["low"] = 0.0 }));
    }

    [Fact]
    public void Step_WrongActionShape_Throws()
    {
        using var env = new MountainCarContinuousEnv();
        env.Reset(0);

        Assert.Throws<InvalidActionException>(() => env.Step([0.5f, 0.5f]));
    }

    [Fact]
    public void Step_BeforeReset_Throws()
    {
        using var env = new MountainCarContinuousEnv();

        Assert.Throws<ResetNeededException>(() => env.Step([0f]));
    }

    [Fact]
    public void Render_RgbArray_DrawsCarWhereTheStateSaysAndTheFlagAtTheGoal()
    {
        using var env = Gym.Make<float[], float[]>(Id, renderMode: RenderModes.RgbArray);
        env.Reset(0, new Dictionary<string, object> { ["low"] = -0.9, ["high"] = -0.9 });

        var frame = Assert.IsType<RgbFrame>(env.Render());

        Assert.Equal((400, 600), (frame.Height, frame.Width));
        var (carX, carRow) = ClassicControlRenderProbe.MountainCarBodyCentre(-0.9);
        Assert.Equal(Color.Black, ClassicControlRenderProbe.Pixel(frame, carX, carRow));
        var (flagX, flagRow) = ClassicControlRenderProbe.MountainCarPennant(0.45);
        Assert.Equal(new Color(204, 204, 0), ClassicControlRenderProbe.Pixel(frame, flagX, flagRow));
    }

    [Fact]
    public void Render_BeforeReset_ReturnsNull()
    {
        using var env = new MountainCarContinuousEnv(renderMode: RenderModes.RgbArray);

        Assert.Null(env.Render());
    }

    private static double[] State(MountainCarContinuousEnv env) => [env.State.Position, env.State.Velocity];
}
