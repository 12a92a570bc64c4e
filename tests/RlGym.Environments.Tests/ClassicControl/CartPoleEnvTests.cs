using RlGym.Core;
using RlGym.Core.Registration;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;
using RlGym.Core.Wrappers;
using RlGym.Environments.ClassicControl;
using RlGym.TestSupport.Gymnasium;

namespace RlGym.Environments.Tests.ClassicControl;

public class CartPoleEnvTests
{
    private static readonly GymnasiumFixture Fixture = GymnasiumFixture.Load("CartPole-v1.json");
    private static readonly Color PoleColor = new(202, 152, 101);
    private static readonly Color AxleColor = new(129, 132, 203);

    public static TheoryData<int> RunIndices()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Fixture.Runs.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static IEnv<float[], int> Make(IReadOnlyDictionary<string, object?>? kwargs = null, string? renderMode = null, string id = "CartPole-v1") =>
        Gym.Make<float[], int>(id, kwargs, renderMode);

    private static CartPoleEnv Unwrapped(IEnv<float[], int> env) =>
        (CartPoleEnv)((Wrapper<float[], int>)env).Unwrapped;

    private static void AssertRng(FixtureRngState expected, CartPoleEnv env, string where)
    {
        var bits = env.NpRandom.BitGenerator;
        Assert.True(expected.State == bits.State, $"PCG64 state differs {where}");
        Assert.True(expected.HasUint32 == bits.HasUint32, $"PCG64 has_uint32 differs {where}");
        Assert.True(expected.UInteger == bits.UInteger, $"PCG64 uinteger differs {where}");
    }

    private static void AssertState(double[] expected, CartPoleEnv env, string where)
    {
        var state = env.State!.Value;
        Assert.True(
            expected.SequenceEqual([state.X, state.XDot, state.Theta, state.ThetaDot]),
            $"state {state} differs from Gymnasium's [{string.Join(", ", expected)}] {where}");
    }

    [Theory]
    [MemberData(nameof(RunIndices))]
    public void Make_FixtureRun_MatchesGymnasiumStepForStep(int runIndex)
    {
        var run = Fixture.Runs[runIndex];
        using var env = Make(Fixture.MakeKwargs);
        var cartPole = Unwrapped(env);

        for (var e = 0; e < run.Episodes.Count; e++)
        {
            var episode = run.Episodes[e];
            var (observation, info) = env.Reset(episode.ResetSeed);

            Assert.Equal(GymnasiumFixture.ToFloatArray(episode.ResetObservation), observation);
            Assert.Empty(info);
            if (episode.ResetState is { } resetState)
            {
                AssertState(GymnasiumFixture.ToDoubleArray(resetState), cartPole, $"after reset of episode {e}");
            }

            AssertRng(episode.RngAfterReset, cartPole, $"after reset of episode {e}");
            for (var t = 0; t < episode.Length; t++)
            {
                var where = $"in {run}, episode {e}, step {t}";
                var step = env.Step(episode.Actions[t].GetInt32());

                Assert.True(GymnasiumFixture.ToFloatArray(episode.Observations[t]).SequenceEqual(step.Observation), $"observation differs {where}");
                Assert.True(GymnasiumFixture.ToDouble(episode.Rewards[t]) == step.Reward, $"reward differs {where}");
                Assert.True(episode.TerminatedAt(t) == step.Terminated, $"terminated differs {where}");
                Assert.True(episode.TruncatedAt(t) == step.Truncated, $"truncated differs {where}");
                Assert.Empty(step.Info);
                if (episode.States is { } states)
                {
                    AssertState(GymnasiumFixture.ToDoubleArray(states[t]), cartPole, where);
                }
            }

            AssertRng(episode.RngAtEnd, cartPole, $"at the end of episode {e}");
        }
    }

    [Fact]
    public void Spec_CartPoleV1_MatchesGymnasiumRegistration()
    {
        var spec = Gym.Registry.Spec("CartPole-v1");
        var recorded = Fixture.Root.GetProperty("spec");

        Assert.Equal(recorded.GetProperty("max_episode_steps").GetInt32(), spec.MaxEpisodeSteps);
        Assert.Equal(recorded.GetProperty("reward_threshold").GetDouble(), spec.RewardThreshold);
        Assert.False(spec.Nondeterministic);
        Assert.True(spec.OrderEnforce);
        Assert.True(spec.HasVectorEntryPoint);
        Assert.Equal(false, spec.Kwargs["sutton_barto_reward"]);
        Assert.Equal(typeof(CartPoleEnv).FullName, spec.EntryPoint);
    }

    [Fact]
    public void Spec_CartPoleV0_Has200StepsAndThreshold195()
    {
        var spec = Gym.Registry.Spec("CartPole-v0");

        Assert.Equal(200, spec.MaxEpisodeSteps);
        Assert.Equal(195.0, spec.RewardThreshold);
        Assert.True(spec.HasVectorEntryPoint);
    }

    [Fact]
    public void Make_CartPoleV0_FollowsV1DynamicsAndTruncatesAt200()
    {
        var episode = Fixture.Runs.First(r => r.Policy == "controller").Episodes[0];
        using var env = Make(id: "CartPole-v0");
        env.Reset(episode.ResetSeed);

        StepResult<float[]> step = default;
        for (var t = 0; t < 200; t++)
        {
            step = env.Step(episode.Actions[t].GetInt32());
            Assert.Equal(t == 199, step.Truncated);
        }

        Assert.Equal(GymnasiumFixture.ToFloatArray(episode.Observations[199]), step.Observation);
        Assert.False(step.Terminated);
    }

    [Fact]
    public void Spaces_MatchGymnasium()
    {
        using var env = Make();
        var observationSpace = Assert.IsType<Box<float>>(env.ObservationSpace);
        var actionSpace = Assert.IsType<Discrete>(env.ActionSpace);
        var recorded = Fixture.Root.GetProperty("observation_space");

        Assert.Equal(GymnasiumFixture.ToFloatArray(recorded.GetProperty("low")), observationSpace.LowValues);
        Assert.Equal(GymnasiumFixture.ToFloatArray(recorded.GetProperty("high")), observationSpace.HighValues);
        Assert.Equal([4], observationSpace.Shape);
        Assert.Equal(2, actionSpace.N);
        Assert.Equal(0, actionSpace.Start);
    }

    [Fact]
    public void Metadata_IsRgbArrayAt50Fps()
    {
        using var env = Make();

        Assert.Equal([RenderModes.RgbArray], env.Metadata.RenderModes);
        Assert.Equal(50, env.Metadata.RenderFps);
    }

    [Fact]
    public void Step_SuttonBartoReward_GivesZeroPerStepAndMinusOneOnTermination()
    {
        var run = Fixture.Runs.First(r => r.Policy == "random");
        using var env = Make(new Dictionary<string, object?> { ["sutton_barto_reward"] = true });

        foreach (var episode in run.Episodes.Where(e => e.Ended))
        {
            env.Reset(episode.ResetSeed);
            for (var t = 0; t < episode.Length; t++)
            {
                var step = env.Step(episode.Actions[t].GetInt32());

                Assert.Equal(GymnasiumFixture.ToFloatArray(episode.Observations[t]), step.Observation);
                Assert.Equal(episode.TerminatedAt(t) ? -1.0 : 0.0, step.Reward);
            }
        }
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, -1.0)]
    public void Step_AfterTermination_GivesGymnasiumsUndefinedBehaviourReward(bool suttonBarto, double expected)
    {
        using var env = new CartPoleEnv(suttonBarto);
        env.Reset(0);
        var terminated = false;
        while (!terminated)
        {
            terminated = env.Step(1).Terminated;
        }

        var after = env.Step(1);
        var again = env.Step(0);

        Assert.True(after.Terminated);
        Assert.Equal(expected, after.Reward);
        Assert.Equal(expected, again.Reward);
        Assert.Equal(2, env.StepsBeyondTerminated);
    }

    [Fact]
    public void Reset_AfterTermination_ClearsStepsBeyondTerminated()
    {
        using var env = new CartPoleEnv();
        env.Reset(0);
        while (!env.Step(0).Terminated)
        {
        }

        env.Step(0);
        env.Reset();

        Assert.Null(env.StepsBeyondTerminated);
        Assert.Equal(1.0, env.Step(0).Reward);
    }

    [Fact]
    public void Step_BeforeReset_ThroughMake_ThrowsResetNeeded()
    {
        using var env = Make();

        Assert.Throws<ResetNeededException>(() => env.Step(0));
    }

    [Fact]
    public void Step_BeforeReset_OnBareEnv_ThrowsResetNeeded()
    {
        using var env = new CartPoleEnv();

        Assert.Throws<ResetNeededException>(() => env.Step(1));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void Step_ActionOutsideDiscrete2_ThrowsInvalidAction(int action)
    {
        using var env = Make();
        env.Reset(0);

        var error = Assert.Throws<InvalidActionException>(() => env.Step(action));

        Assert.Contains(action.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reset_WithLowHighOptions_MatchesGymnasiumsDocumentedExample()
    {
        // From CartPoleEnv's docstring: reset(seed=123, options={"low": -0.1, "high": 0.1}), printed to 8 digits.
        using var env = Make();

        var (observation, _) = env.Reset(123, new Dictionary<string, object> { ["low"] = -0.1, ["high"] = 0.1 });

        float[] documented = [0.03647037f, -0.0892358f, -0.05592803f, -0.06312564f];
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(documented[i], observation[i], 7);
        }
    }

    [Fact]
    public void Reset_LowAboveHigh_ThrowsNamingBothBounds()
    {
        using var env = Make();

        var error = Assert.Throws<ArgumentException>(() => env.Reset(0, new Dictionary<string, object> { ["low"] = 0.2, ["high"] = 0.1 }));

        Assert.Contains("0.2", error.Message, StringComparison.Ordinal);
        Assert.Contains("0.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dynamics_StepOfStruct_EqualsStepOfScalars()
    {
        var state = new CartPoleState(0.01, -0.2, 0.03, 0.4);
        var (x, xDot, theta, thetaDot) = state;

        var next = CartPoleDynamics.Step(state, 0);
        CartPoleDynamics.Step(ref x, ref xDot, ref theta, ref thetaDot, 0);

        Assert.Equal(new CartPoleState(x, xDot, theta, thetaDot), next);
    }

    [Theory]
    [InlineData(2.4, 0.0, false)]
    [InlineData(2.4000000000000004, 0.0, true)]
    [InlineData(-2.41, 0.0, true)]
    [InlineData(0.0, 0.20943951023931953, false)] // 12 degrees exactly is still alive
    [InlineData(0.0, -0.20943951023931956, true)]
    public void Dynamics_IsTerminal_UsesStrictBounds(double x, double theta, bool expected)
    {
        Assert.Equal(expected, CartPoleDynamics.IsTerminal(x, theta));
    }

    [Fact]
    public void Render_WithoutRenderMode_ReturnsNull()
    {
        using var env = Make();
        env.Reset(0);

        Assert.Null(env.Render());
    }

    [Fact]
    public void Render_BeforeReset_ThroughMake_ThrowsResetNeeded()
    {
        using var env = Make(renderMode: RenderModes.RgbArray);

        Assert.Throws<ResetNeededException>(() => env.Render());
    }

    [Fact]
    public void Render_RgbArray_Is400x600WithWhiteBackgroundAndTrackLine()
    {
        using var env = Make(renderMode: RenderModes.RgbArray);
        env.Reset(0);

        var frame = Assert.IsType<RgbFrame>(env.Render());

        Assert.Equal(400, frame.Height);
        Assert.Equal(600, frame.Width);
        Assert.Equal(400 * 600 * 3, frame.Pixels.Length);
        Assert.Equal(Color.White, PixelAt(frame, 5, 5));
        Assert.Equal(Color.White, PixelAt(frame, 590, 390));

        // The track is pygame row 100 before the vertical flip: row 299.
        Assert.Equal(Color.Black, PixelAt(frame, 5, 299));
        Assert.Equal(Color.Black, PixelAt(frame, 595, 299));
        Assert.Equal(Color.White, PixelAt(frame, 5, 298));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-1.5)]
    public void Render_CartAndAxle_AreCentredOnTheCartPosition(double x)
    {
        using var env = UprightAt(x, 0.0);

        var frame = (RgbFrame)env.Render()!;

        // Cart: 50 x 30 px around pygame y = 100 (rows 284-314 after the flip); x * 125 + 300 is its centre column.
        var cartX = (x * 125) + 300;
        var columns = Enumerable.Range(0, 600).Where(c => PixelAt(frame, c, 310) == Color.Black).ToArray();
        Assert.InRange(columns.Min(), cartX - 26, cartX - 24);
        Assert.InRange(columns.Max(), cartX + 24, cartX + 26);

        // Axle: a radius-5 disc around pygame (int(cartx), 107) -> row 292 after the flip.
        Assert.Equal(AxleColor, PixelAt(frame, (int)cartX, 292));
        Assert.Equal(AxleColor, PixelAt(frame, (int)cartX + 4, 292));
    }

    [Fact]
    public void Render_UprightPole_RisesStraightAboveTheAxle()
    {
        using var env = UprightAt(0.0, 0.0);

        var frame = (RgbFrame)env.Render()!;

        // Pole: 10 px wide, from pygame y = 102.5 up to 102.5 + 125 = 227.5, around column 300.
        Assert.Equal(PoleColor, PixelAt(frame, 300, 399 - 200));
        Assert.Equal(PoleColor, PixelAt(frame, 297, 399 - 150));
        Assert.Equal(Color.White, PixelAt(frame, 308, 399 - 150));
        Assert.Equal(Color.White, PixelAt(frame, 300, 399 - 232));
    }

    [Fact]
    public void Render_PoleLeaningRight_HasItsTopRightOfTheCart()
    {
        const double theta = 0.2;
        using var env = UprightAt(0.0, theta);

        var frame = (RgbFrame)env.Render()!;

        // The pole's axis: distance d from the axle goes to (300 + d sin theta, 107.5 + d cos theta) in pygame coordinates.
        foreach (var d in new[] { 30.0, 70.0, 110.0 })
        {
            var column = (int)(300 + (d * Math.Sin(theta)));
            var row = 399 - (int)(107.5 + (d * Math.Cos(theta)));
            Assert.Equal(PoleColor, PixelAt(frame, column, row));
            Assert.Equal(Color.White, PixelAt(frame, 600 - column - 12, row));
        }
    }

    [Fact]
    public void Render_Frame_EncodesToAPngThatDecodesBack()
    {
        using var env = UprightAt(0.5, -0.1);
        var frame = (RgbFrame)env.Render()!;

        var decoded = PngDecoder.Decode(PngEncoder.Encode(frame));

        Assert.Equal(frame.Pixels, decoded.Pixels);
    }

    /// <summary>A rendering CartPole, reset, then placed at (x, 0, theta, 0) as Gymnasium users set <c>env.unwrapped.state</c>.</summary>
    private static IEnv<float[], int> UprightAt(double x, double theta)
    {
        var env = Make(renderMode: RenderModes.RgbArray);
        env.Reset(0);
        Unwrapped(env).State = new CartPoleState(x, 0.0, theta, 0.0);
        return env;
    }

    private static Color PixelAt(RgbFrame frame, int column, int row)
    {
        var i = ((row * frame.Width) + column) * 3;
        return new Color(frame.Pixels[i], frame.Pixels[i + 1], frame.Pixels[i + 2]);
    }
}
