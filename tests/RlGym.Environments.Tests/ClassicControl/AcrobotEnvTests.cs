using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;
using RlGym.Environments.ClassicControl;
using RlGym.TestSupport.Gymnasium;

namespace RlGym.Environments.Tests.ClassicControl;

public sealed class AcrobotEnvTests
{
    private const string Id = "Acrobot-v1";
    private const string File = "Acrobot-v1.json";

    public static TheoryData<int> Runs => ClassicControlFixtureReplay.RunIndices(File);

    [Theory]
    [MemberData(nameof(Runs))]
    public void Make_FixtureRun_MatchesGymnasiumStepForStep(int run) =>
        ClassicControlFixtureReplay.Replay<AcrobotEnv, int>(
            BuiltInEnvironments.CreateRegistry(), File, run, a => a.GetInt32(),
            env => [env.State.Theta1, env.State.Theta2, env.State.DTheta1, env.State.DTheta2]);

    [Fact]
    public void Spec_Registered_MatchesGymnasium()
    {
        var spec = BuiltInEnvironments.CreateRegistry().Spec(Id);

        Assert.Equal(500, spec.MaxEpisodeSteps);
        Assert.Equal(-100.0, spec.RewardThreshold);
        Assert.Empty(spec.Kwargs);
    }

    [Fact]
    public void Spaces_Made_MatchGymnasium()
    {
        var fixture = ClassicControlFixtureReplay.Load(File);
        using var env = new AcrobotEnv();

        var obs = Assert.IsType<Box<float>>(env.ObservationSpace);
        Assert.Equal(GymnasiumFixture.ToDoubleArray(fixture.Root.GetProperty("observation_space").GetProperty("low")), obs.Low);
        Assert.Equal(GymnasiumFixture.ToDoubleArray(fixture.Root.GetProperty("observation_space").GetProperty("high")), obs.High);
        Assert.Equal(3, Assert.IsType<Discrete>(env.ActionSpace).N);
        Assert.Equal(15, env.Metadata.RenderFps);
    }

    [Fact]
    public void Make_AnyKwarg_IsRejected() =>
        Assert.Throws<ArgumentException>(() => Gym.Make(Id, new Dictionary<string, object?> { ["book_or_nips"] = "nips" }));

    [Fact]
    public void Reset_LowEqualsHigh_StartsAtThatState()
    {
        using var env = new AcrobotEnv();

        var (obs, _) = env.Reset(0, new Dictionary<string, object> { ["low"] = 0, ["high"] = 0 });

        Assert.Equal([1f, 0f, 1f, 0f, 0f, 0f], obs);
    }

    [Fact]
    public void Step_HangingStillWithoutTorque_StaysStill()
    {
        // At the bottom with no velocity and no torque every derivative is 0 (sin 0 = 0, cos(-pi/2) ≈ 6e-17 aside).
        using var env = new AcrobotEnv();
        env.Reset(0, new Dictionary<string, object> { ["low"] = 0, ["high"] = 0 });

        var step = env.Step(1);

        Assert.Equal(-1.0, step.Reward);
        Assert.False(step.Terminated);
        Assert.Equal(1f, step.Observation[0]);
        Assert.Equal(1f, step.Observation[2]);
    }

    [Fact]
    public void Step_ActionOutsideSpace_Throws()
    {
        using var env = new AcrobotEnv();
        env.Reset(0);

        Assert.Throws<InvalidActionException>(() => env.Step(-1));
    }

    [Fact]
    public void Step_BeforeReset_Throws()
    {
        using var env = new AcrobotEnv();

        Assert.Throws<ResetNeededException>(() => env.Step(0));
    }

    [Fact]
    public void Render_HangingDown_DrawsLinksBelowThePivotAndTheTargetLine()
    {
        using var env = Gym.Make<float[], int>(Id, renderMode: RenderModes.RgbArray);
        env.Reset(0, new Dictionary<string, object> { ["low"] = 0, ["high"] = 0 });

        var frame = Assert.IsType<RgbFrame>(env.Render());

        // Scale 500 / 4.4 = 113.6 px per link; pivot at the centre; target line one link above it (row 499 - 363).
        Assert.Equal((500, 500), (frame.Height, frame.Width));
        var link = new Color(0, 204, 204);
        Assert.Equal(link, ClassicControlRenderProbe.Pixel(frame, 250, 249 + 60));
        Assert.Equal(link, ClassicControlRenderProbe.Pixel(frame, 250, 249 + 170));
        Assert.Equal(new Color(204, 204, 0), ClassicControlRenderProbe.Pixel(frame, 250, 249));
        Assert.Equal(Color.Black, ClassicControlRenderProbe.Pixel(frame, 20, 499 - 363));
        Assert.Equal(Color.White, ClassicControlRenderProbe.Pixel(frame, 250, 249 - 60));
    }

    [Fact]
    public void Render_WithoutRenderMode_ReturnsNull()
    {
        using var env = new AcrobotEnv();
        env.Reset(0);

        Assert.Null(env.Render());
    }
}
