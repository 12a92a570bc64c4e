using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Core.Wrappers;
using RlGym.Environments.ToyText;

namespace RlGym.Environments.Tests.ToyText;

public class CliffWalkingEnvTests
{
    [Theory]
    [InlineData("CliffWalking-v1.json")]
    [InlineData("CliffWalkingSlippery-v1.json")]
    public void Replay_GymnasiumFixture_MatchesEveryStep(string file)
    {
        var steps = ToyTextFixtureReplay.Replay(file);

        Assert.True(steps >= 300, $"only {steps} steps compared");
    }

    [Theory]
    [InlineData("CliffWalking-v1")]
    [InlineData("CliffWalkingSlippery-v1")]
    public void Make_RegisteredIds_HaveNoTimeLimit(string id)
    {
        using var env = Gym.Make<int, int>(id);

        Assert.Null(env.Spec?.MaxEpisodeSteps);
        Assert.IsNotType<TimeLimit<int, int>>(env);
    }

    [Fact]
    public void Step_IntoCliff_ReturnsToStartWithoutTerminating()
    {
        using var env = new CliffWalkingEnv();
        env.Reset(0);

        var result = env.Step(1);

        Assert.Equal((36, -100.0, false), (result.Observation, result.Reward, result.Terminated));
        Assert.Equal(1.0, Assert.IsType<double>(result.Info["prob"]));
    }

    [Fact]
    public void TransitionsOf_Slippery_ThreeThirdsInGymnasiumOrder()
    {
        using var env = new CliffWalkingEnv(isSlippery: true);

        var up = env.TransitionsOf(CliffWalkingEnv.StartState, 0);

        // Up from the start: slip left (stay), up, or slip right (into the cliff: back to start, -100).
        Assert.Equal([1.0 / 3, 1.0 / 3, 1.0 / 3], up.Select(t => t.Probability));
        Assert.Equal([36, 24, 36], up.Select(t => t.NextState));
        Assert.Equal([-1.0, -1.0, -100.0], up.Select(t => t.Reward));
    }

    [Fact]
    public void Render_Ansi_MatchesGymnasiumText()
    {
        using var env = new CliffWalkingEnv(RenderModes.Ansi);
        env.Reset(0);

        var text = Assert.IsType<AnsiText>(env.Render()).Text;

        Assert.Equal(
            "o  o  o  o  o  o  o  o  o  o  o  o\n"
            + "o  o  o  o  o  o  o  o  o  o  o  o\n"
            + "o  o  o  o  o  o  o  o  o  o  o  o\n"
            + "x  C  C  C  C  C  C  C  C  C  C  T\n\n",
            text);
    }

    [Fact]
    public void Render_RgbArray_HasGymnasiumSize()
    {
        using var env = new CliffWalkingEnv(RenderModes.RgbArray);
        env.Reset(0);

        var frame = Assert.IsType<RgbFrame>(env.Render());

        Assert.Equal((240, 720), (frame.Height, frame.Width));
    }

    [Fact]
    public void Render_RgbArray_WalkerMove_ChangesItsCellsOnly()
    {
        using var env = new CliffWalkingEnv(RenderModes.RgbArray);
        env.Reset(0);
        var before = Assert.IsType<RgbFrame>(env.Render());

        env.Step(0);
        env.Step(1);
        var after = Assert.IsType<RgbFrame>(env.Render());
        RenderedFrames.Save(after, "cliffwalking");

        // From the start (3, 0) up to (2, 0), then right to (2, 1); the cells are 60 pixels.
        Assert.True(RenderedFrames.DiffersIn(before, after, 0, 180, 60, 60));
        Assert.True(RenderedFrames.DiffersIn(before, after, 60, 120, 60, 60));
        Assert.False(RenderedFrames.DiffersIn(before, after, 180, 0, 540, 240));
    }

    [Fact]
    public void Step_InvalidAction_Throws()
    {
        using var env = new CliffWalkingEnv();
        env.Reset(0);

        Assert.Throws<InvalidActionException>(() => env.Step(-1));
    }
}
