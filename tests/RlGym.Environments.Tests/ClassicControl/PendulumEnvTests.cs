using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;
using RlGym.Environments.ClassicControl;
using RlGym.TestSupport.Gymnasium;

namespace RlGym.Environments.Tests.ClassicControl;

public sealed class PendulumEnvTests
{
    private const string Id = "Pendulum-v1";
    private const string NumPy2File = "Pendulum-v1.numpy2.json";
    private const string LegacyFile = "Pendulum-v1.json";

    public static TheoryData<int> NumPy2Runs => ClassicControlFixtureReplay.RunIndices(NumPy2File);

    public static TheoryData<int> LegacyRuns => ClassicControlFixtureReplay.RunIndices(LegacyFile);

    [Theory]
    [MemberData(nameof(NumPy2Runs))]
    public void Make_NumPy2FixtureRun_MatchesGymnasiumStepForStep(int run) =>
        ClassicControlFixtureReplay.Replay<PendulumEnv, float[]>(
            BuiltInEnvironments.CreateRegistry(), NumPy2File, run, GymnasiumFixture.ToFloatArray, State);

    [Theory]
    [MemberData(nameof(LegacyRuns))]
    public void Make_NumPy1FixtureRun_MatchesGymnasiumStepForStep(int run)
    {
        var spec = BuiltInEnvironments.CreateRegistry().Spec(Id);
        var registry = ClassicControlFixtureReplay.RegistryWith<float[]>(
            spec, (kwargs, renderMode) => new PendulumEnv(kwargs.GetDouble("g"), renderMode, NumpyPromotion.Legacy));

        ClassicControlFixtureReplay.Replay<PendulumEnv, float[]>(registry, LegacyFile, run, GymnasiumFixture.ToFloatArray, State);
    }

    [Fact]
    public void Spec_Registered_MatchesGymnasium()
    {
        var spec = BuiltInEnvironments.CreateRegistry().Spec(Id);

        Assert.Equal(200, spec.MaxEpisodeSteps);
        Assert.Null(spec.RewardThreshold);
        Assert.Equal(10.0, Assert.Single(spec.Kwargs, kv => kv.Key == "g").Value);
    }

    [Fact]
    public void Spaces_Made_MatchGymnasium()
    {
        var fixture = ClassicControlFixtureReplay.Load(NumPy2File);
        using var env = new PendulumEnv();

        var obs = Assert.IsType<Box<float>>(env.ObservationSpace);
        Assert.Equal(GymnasiumFixture.ToDoubleArray(fixture.Root.GetProperty("observation_space").GetProperty("low")), obs.Low);
        Assert.Equal(GymnasiumFixture.ToDoubleArray(fixture.Root.GetProperty("observation_space").GetProperty("high")), obs.High);
        var action = Assert.IsType<Box<float>>(env.ActionSpace);
        Assert.Equal([-2.0], action.Low);
        Assert.Equal([2.0], action.High);
        Assert.Equal(30, env.Metadata.RenderFps);
    }

    [Fact]
    public void Make_ZeroGravityNoTorque_KeepsAngularVelocity()
    {
        // With g = 0 and no torque, theta_dot' = theta_dot + (0 * sin + 3 * 0) * dt = theta_dot.
        using var env = Gym.Make<float[], float[]>(Id, new Dictionary<string, object?> { ["g"] = 0L });
        var (start, _) = env.Reset(3);

        var results = Enumerable.Range(0, 20).Select(_ => env.Step([0f])).ToArray();

        Assert.All(results, r => Assert.Equal(start[2], r.Observation[2]));
    }

    [Fact]
    public void Make_GravityNotANumber_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Gym.Make(Id, new Dictionary<string, object?> { ["g"] = "earth" }));

        Assert.Contains("'g'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reset_ZeroInitBounds_StartsUprightAndStill()
    {
        using var env = new PendulumEnv();

        var (obs, _) = env.Reset(0, new Dictionary<string, object> { ["x_init"] = 0, ["y_init"] = "0" });

        Assert.Equal([1f, 0f, 0f], obs);
    }

    [Fact]
    public void Reset_InitBoundNotANumber_Throws()
    {
        using var env = new PendulumEnv();

        Assert.Throws<ArgumentException>(() => env.Reset(0, new Dictionary<string, object> { ["x_init"] = new object() }));
    }

    [Fact]
    public void Step_RewardAtUprightRest_IsMinusTorqueCost()
    {
        // theta = 0 and theta_dot = 0: cost = 0 + 0 + 0.001 * u², u clipped to 2.
        using var env = new PendulumEnv(promotion: NumpyPromotion.Legacy);
        env.Reset(0, new Dictionary<string, object> { ["x_init"] = 0.0, ["y_init"] = 0.0 });

        var step = env.Step([5f]);

        Assert.Equal(-(0.001 * 4.0), step.Reward);
        Assert.False(step.Terminated);
    }

    [Fact]
    public void Step_WrongActionShape_Throws()
    {
        using var env = new PendulumEnv();
        env.Reset(0);

        Assert.Throws<InvalidActionException>(() => env.Step([]));
    }

    [Fact]
    public void Render_Upright_DrawsRodAboveTheAxle()
    {
        using var env = Gym.Make<float[], float[]>(Id, renderMode: RenderModes.RgbArray);
        env.Reset(0, new Dictionary<string, object> { ["x_init"] = 0.0, ["y_init"] = 0.0 });

        var frame = Assert.IsType<RgbFrame>(env.Render());

        // Scale 500 / 4.4 px per metre; the rod (length 1) points up from the axle at the centre.
        Assert.Equal((500, 500), (frame.Height, frame.Width));
        var rod = new Color(204, 77, 77);
        Assert.Equal(rod, ClassicControlRenderProbe.Pixel(frame, 250, 250 - 60));
        Assert.Equal(Color.White, ClassicControlRenderProbe.Pixel(frame, 250, 250 + 60));
        Assert.Equal(Color.Black, ClassicControlRenderProbe.Pixel(frame, 250, 249));
    }

    [Fact]
    public void Render_AfterTorque_DrawsArrowAroundTheAxle()
    {
        using var env = new PendulumEnv(g: 0, renderMode: RenderModes.RgbArray);
        env.Reset(0, new Dictionary<string, object> { ["x_init"] = 0.0, ["y_init"] = 0.0 });
        var (x, row) = (250 + 20, 249 + 20);
        var before = Assert.IsType<RgbFrame>(env.Render());

        env.Step([2f]);
        var after = Assert.IsType<RgbFrame>(env.Render());

        // Arrow radius: scale * |u| / 4 = 56.8 px; its arc starts at -45 degrees (lower right on screen).
        var (arcX, arcRow) = ((int)(250.5 + (56.8 * Math.Cos(-Math.PI / 4))), (int)(249.5 - (56.8 * Math.Sin(-Math.PI / 4))));
        Assert.Equal(Color.White, ClassicControlRenderProbe.Pixel(before, arcX, arcRow));
        Assert.Equal(Color.Black, ClassicControlRenderProbe.Pixel(after, arcX, arcRow));
        Assert.Equal(Color.White, ClassicControlRenderProbe.Pixel(after, x, row));
    }

    private static double[] State(PendulumEnv env) => [env.State.Theta, env.State.ThetaDot];
}
