using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;
using RlGym.Environments.ClassicControl;
using RlGym.TestSupport.Gymnasium;

namespace RlGym.Environments.Tests.ClassicControl;

public sealed class MountainCarEnvTests
{
    private const string File = "MountainCar-v0.json";

    public static TheoryData<int> Runs => ClassicControlFixtureReplay.RunIndices(File);

    [Theory]
    [MemberData(nameof(Runs))]
    public void Make_FixtureRun_MatchesGymnasiumStepForStep(int run) =>
        ClassicControlFixtureReplay.Replay<MountainCarEnv, int>(
            BuiltInEnvironments.CreateRegistry(), File, run, a => a.GetInt32(), env => [env.State.Position, env.State.Velocity]);

    [Fact]
    public void Spec_Registered_MatchesGymnasium()
    {
        var spec = BuiltInEnvironments.CreateRegistry().Spec("MountainCar-v0");

        Assert.Equal(200, spec.MaxEpisodeSteps);
        Assert.Equal(-110.0, spec.RewardThreshold);
        Assert.Equal(0L, Assert.Single(spec.Kwargs, kv => kv.Key == "goal_velocity").Value);
    }

    [Fact]
    public void Spaces_Made_MatchGymnasium()
    {
        var fixture = ClassicControlFixtureReplay.Load(File);
        using var env = new MountainCarEnv();

        var box = Assert.IsType<Box<float>>(env.ObservationSpace);
        Assert.Equal(GymnasiumFixture.ToDoubleArray(fixture.Root.GetProperty("observation_space").GetProperty("low")), box.Low);
        Assert.Equal(GymnasiumFixture.ToDoubleArray(fixture.Root.GetProperty("observation_space").GetProperty("high")), box.High);
        Assert.Equal(3, Assert.IsType<Discrete>(env.ActionSpace).N);
        Assert.Equal(30, env.Metadata.RenderFps);
    }

    [Fact]
    public void Make_UnreachableGoalVelocity_ControllerEpisodeIsNotTerminated()
    {
        // The recorded controller reaches the flag at step 122; |velocity| never exceeds 0.07, so 1.0 is unreachable.
        var episode = ClassicControlFixtureReplay.Load(File).Runs.Single(r => r.Policy == "controller" && r.Seed == 0).Episodes[0];
        using var env = Gym.Make<float[], int>("MountainCar-v0", new Dictionary<string, object?> { ["goal_velocity"] = 1.0 });
        env.Reset(0);

        var terminated = episode.Actions.Select(a => env.Step(a.GetInt32()).Terminated).ToArray();

        Assert.True(episode.LastTerminated);
        Assert.DoesNotContain(true, terminated);
    }

    [Fact]
    public void Make_GoalVelocityNotANumber_ThrowsNamingTheKwarg()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Gym.Make("MountainCar-v0", new Dictionary<string, object?> { ["goal_velocity"] = "fast" }));

        Assert.Contains("goal_velocity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Make_UnknownKwarg_Throws() =>
        Assert.Throws<ArgumentException>(() => Gym.Make("MountainCar-v0", new Dictionary<string, object?> { ["g"] = 9.8 }));

    [Fact]
    public void Reset_LowEqualsHigh_StartsAtThatPosition()
    {
        using var env = new MountainCarEnv();

        var (obs, _) = env.Reset(0, new Dictionary<string, object> { ["low"] = -0.5, ["high"] = "-0.5" });

        Assert.Equal([-0.5f, 0f], obs);
    }

    [Fact]
    public void Reset_OnlyLowGiven_KeepsDefaultHigh()
    {
        using var env = new MountainCarEnv();

        var (obs, _) = env.Reset(0, new Dictionary<string, object> { ["low"] = -0.4 });

        Assert.Equal(-0.4f, obs[0]);
    }

    [Fact]
    public void Reset_LowAboveHigh_Throws()
    {
        using var env = new MountainCarEnv();

        var error = Assert.Throws<ArgumentException>(() => env.Reset(0, new Dictionary<string, object> { ["low"] = 0.1, ["high"] = -0.1 }));

        Assert.Contains("Lower bound (0.1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reset_BoundNotANumber_Throws()
    {
        using var env = new MountainCarEnv();

        var error = Assert.Throws<ArgumentException>(() => env.Reset(0, new Dictionary<string, object> { ["low"] = "left" }));

        Assert.Contains("could not be converted to a float", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_ActionOutsideSpace_Throws()
    {
        using var env = new MountainCarEnv();
        env.Reset(0);

        Assert.Throws<InvalidActionException>(() => env.Step(3));
    }

    [Fact]
    public void Step_BeforeReset_Throws()
    {
        using var env = new MountainCarEnv();

        Assert.Throws<ResetNeededException>(() => env.Step(1));
    }

    [Fact]
    public void Render_RgbArray_DrawsCarWhereTheStateSaysAndTheFlagAtTheGoal()
    {
        using var env = Gym.Make<float[], int>("MountainCar-v0", renderMode: RenderModes.RgbArray);
        env.Reset(0, new Dictionary<string, object> { ["low"] = -0.5, ["high"] = -0.5 });

        var frame = Assert.IsType<RgbFrame>(env.Render());

        Assert.Equal((400, 600), (frame.Height, frame.Width));
        var (carX, carRow) = ClassicControlRenderProbe.MountainCarBodyCentre(-0.5);
        Assert.Equal(Color.Black, ClassicControlRenderProbe.Pixel(frame, carX, carRow));
        var (flagX, flagRow) = ClassicControlRenderProbe.MountainCarPennant(0.5);
        Assert.Equal(new Color(204, 204, 0), ClassicControlRenderProbe.Pixel(frame, flagX, flagRow));
        Assert.Equal(Color.White, ClassicControlRenderProbe.Pixel(frame, 5, 5));
    }

    [Fact]
    public void Render_CarMoved_OldPlaceIsBlank()
    {
        using var env = new MountainCarEnv(renderMode: RenderModes.RgbArray);
        env.Reset(0, new Dictionary<string, object> { ["low"] = 0.3, ["high"] = 0.3 });

        var frame = Assert.IsType<RgbFrame>(env.Render());

        var (oldX, oldRow) = ClassicControlRenderProbe.MountainCarBodyCentre(-0.5);
        Assert.Equal(Color.White, ClassicControlRenderProbe.Pixel(frame, oldX, oldRow));
        var (carX, carRow) = ClassicControlRenderProbe.MountainCarBodyCentre(0.3);
        Assert.Equal(Color.Black, ClassicControlRenderProbe.Pixel(frame, carX, carRow));
    }

    [Fact]
    public void Render_WithoutRenderMode_ReturnsNull()
    {
        using var env = new MountainCarEnv();
        env.Reset(0);

        Assert.Null(env.Render());
    }
}
