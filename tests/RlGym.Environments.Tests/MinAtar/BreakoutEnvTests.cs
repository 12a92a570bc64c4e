using System.Numerics;
using RlGym.Core;
using RlGym.Core.Random;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;
using RlGym.Environments.MinAtar;

namespace RlGym.Environments.Tests.MinAtar;

public class BreakoutEnvTests
{
    // Minimal action set: 0 no-op, 1 left, 2 right. Full set: 1 left, 3 right, the rest no-ops.
    private const int NoOp = 0;
    private const int MinimalLeft = 1;
    private const int MinimalRight = 2;

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Constructor_StickyActionProbOutsideZeroToOne_Throws(double probability)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BreakoutEnv(probability));

        Assert.Contains("[0, 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_Defaults_MinAtarSpacesAndStickyActions()
    {
        using var env = new BreakoutEnv();

        var observationSpace = Assert.IsType<Box<bool>>(env.ObservationSpace);
        Assert.Equal([10, 10, 4], observationSpace.Shape);
        Assert.All(observationSpace.Low, low => Assert.Equal(0.0, low));
        Assert.All(observationSpace.High, high => Assert.Equal(1.0, high));
        Assert.Equal(6, Assert.IsType<Discrete>(env.ActionSpace).N);
        Assert.Equal(0.1, env.StickyActionProb);
        Assert.Equal(RewardType.Int, env.Metadata.RewardType);
    }

    [Fact]
    public void Constructor_MinimalActionSet_ThreeActions()
    {
        using var env = new BreakoutEnv(useMinimalActionSet: true);

        Assert.Equal(3, Assert.IsType<Discrete>(env.ActionSpace).N);
    }

    [Fact]
    public void Reset_SameSeed_SameObservation()
    {
        using var first = new BreakoutEnv();
        using var second = new BreakoutEnv();

        for (ulong seed = 0; seed < 20; seed++)
        {
            Assert.Equal(first.Reset(seed).Observation, second.Reset(seed).Observation);
        }
    }

    [Fact]
    public void Reset_Seeded_StartSideIsTheGeneratorsFirstDrawOfIntegersZeroTwo()
    {
        using var env = new BreakoutEnv();

        for (ulong seed = 0; seed < 20; seed++)
        {
            var startRight = NumpyGenerator.FromSeed(seed).Integers(0, 2) == 1;

            env.Reset(seed);

            Assert.Equal(BreakoutDynamics.Reset(startRight), env.State);
        }
    }

    [Fact]
    public void Reset_ManySeeds_BothStartsOccurAndNoOther()
    {
        using var env = new BreakoutEnv();
        var starts = new HashSet<(int X, int Y, int Dx, int Dy)>();

        for (ulong seed = 0; seed < 50; seed++)
        {
            env.Reset(seed);
            var s = env.State;
            starts.Add((s.BallX, s.BallY, s.DirectionX, s.DirectionY));
        }

        Assert.Equal([(0, 3, 1, 1), (9, 3, -1, 1)], starts.Order());
    }

    [Fact]
    public void Reset_Observation_BricksOnRowsOneToThreePaddleAtFourBallAndTrailTogether()
    {
        using var env = new BreakoutEnv();

        var observation = env.Reset(3).Observation;

        var ball = env.State.BallX;
        for (var row = 0; row < 10; row++)
        {
            for (var column = 0; column < 10; column++)
            {
                Assert.Equal(row is >= 1 and <= 3, observation[Index(row, column, 3)]);
                Assert.Equal(row == 9 && column == 4, observation[Index(row, column, 0)]);
                Assert.Equal(row == 3 && column == ball, observation[Index(row, column, 1)]);
                Assert.Equal(row == 3 && column == ball, observation[Index(row, column, 2)]);
            }
        }
    }

    [Theory]
    [InlineData(false, 1, 3)]
    [InlineData(false, 3, 5)]
    [InlineData(false, 2, 4)]
    [InlineData(false, 4, 4)]
    [InlineData(false, 5, 4)]
    [InlineData(true, MinimalLeft, 3)]
    [InlineData(true, MinimalRight, 5)]
    [InlineData(true, NoOp, 4)]
    public void Step_WithoutStickyActions_ActionMovesThePaddle(bool minimal, int action, int expectedPaddle)
    {
        using var env = new BreakoutEnv(stickyActionProb: 0, useMinimalActionSet: minimal);
        env.Reset(0);

        env.Step(action);

        Assert.Equal(expectedPaddle, env.State.PaddleX);
    }

    [Fact]
    public void Step_StickyActions_RepeatThePreviousActionWhenTheSeededDrawIsBelowTheProbability()
    {
        const double probability = 0.5;
        int[] actions = [MinimalLeft, MinimalRight, MinimalRight, MinimalLeft, NoOp];
        var repeats = 0;
        using var env = new BreakoutEnv(probability, useMinimalActionSet: true);

        for (ulong seed = 0; seed < 10; seed++)
        {
            // The env draws integers(0, 2) on reset, then one random() per step, from the seeded generator.
            var generator = NumpyGenerator.FromSeed(seed);
            generator.Integers(0, 2);
            env.Reset(seed);
            var expectedPaddle = 4;
            var lastMove = 0;

            // Five steps take the ball from row 3 to row 8: the episode cannot end before the last one.
            foreach (var action in actions)
            {
                var move = action switch { MinimalLeft => -1, MinimalRight => 1, _ => 0 };
                if (generator.Random() < probability)
                {
                    repeats += move == lastMove ? 0 : 1;
                    move = lastMove;
                }

                lastMove = move;
                expectedPaddle = Math.Clamp(expectedPaddle + move, 0, 9);

                env.Step(action);

                Assert.Equal(expectedPaddle, env.State.PaddleX);
            }
        }

        Assert.True(repeats > 0, "no sticky repeat changed the paddle's move; the test would not see a wrong implementation");
    }

    [Fact]
    public void Step_SameSeedSameActions_SameTrajectory()
    {
        using var first = new BreakoutEnv();
        using var second = new BreakoutEnv();
        first.Reset(7);
        second.Reset(7);
        var actions = new Discrete(6);
        actions.Seed(7);

        for (var t = 0; t < 200; t++)
        {
            var action = actions.Sample();
            var a = first.Step(action);
            var b = second.Step(action);

            Assert.Equal(a.Observation, b.Observation);
            Assert.Equal(a.Reward, b.Reward);
            Assert.Equal(a.Terminated, b.Terminated);
            if (a.Terminated)
            {
                break;
            }
        }
    }

    [Fact]
    public void Reset_SameSeedAfterAnEpisode_ReplaysTheSameTrajectory()
    {
        using var env = new BreakoutEnv(stickyActionProb: 0.5, useMinimalActionSet: true);
        int[] actions = [MinimalRight, MinimalRight, MinimalLeft, MinimalRight, MinimalRight];

        for (ulong seed = 0; seed < 10; seed++)
        {
            env.Reset(seed);
            var first = actions.Select(a => env.Step(a).Observation).ToArray();

            // The first run ended on a move to the right; a sticky draw must not carry it into the replay.
            env.Reset(seed);
            var second = actions.Select(a => env.Step(a).Observation).ToArray();

            Assert.Equal(first, second);
        }
    }

    [Fact]
    public void Step_OutsideActionSpace_ThrowsInvalidAction()
    {
        using var env = new BreakoutEnv(useMinimalActionSet: true);
        env.Reset(0);

        Assert.Throws<InvalidActionException>(() => env.Step(3));
    }

    [Fact]
    public void Step_RandomEpisodes_ObservationsInSpaceAndRewardSumEqualsBricksBroken()
    {
        using var env = new BreakoutEnv();
        var actions = new Discrete(6);
        actions.Seed(11);

        for (ulong seed = 0; seed < 20; seed++)
        {
            var observation = env.Reset(seed).Observation;
            Assert.True(env.ObservationSpace.Contains(observation));
            double rewardSum = 0;
            var broken = 0;
            var terminated = false;
            for (var t = 0; t < 10_000 && !terminated; t++)
            {
                var before = BitOperations.PopCount(env.State.Bricks);
                var step = env.Step(actions.Sample());
                var after = BitOperations.PopCount(env.State.Bricks);

                // A refill (more bricks than before) happens only on a step that breaks none.
                broken += after <= before ? before - after : 0;
                rewardSum += step.Reward;
                terminated = step.Terminated;
                Assert.True(env.ObservationSpace.Contains(step.Observation));
                Assert.False(step.Truncated);
            }

            Assert.True(terminated);
            Assert.Equal(broken, rewardSum);
        }
    }

    [Fact]
    public void Step_PaddleFollowingTheBall_BreaksBricksAndRewardSumEqualsBricksBroken()
    {
        using var env = new BreakoutEnv(stickyActionProb: 0, useMinimalActionSet: true);
        env.Reset(5);
        double rewardSum = 0;
        var broken = 0;

        for (var t = 0; t < 2_000; t++)
        {
            var s = env.State;
            var target = Math.Clamp(s.BallX + s.DirectionX, 0, 9);
            var action = target < s.PaddleX ? MinimalLeft : target > s.PaddleX ? MinimalRight : NoOp;
            var before = BitOperations.PopCount(s.Bricks);

            var step = env.Step(action);

            var after = BitOperations.PopCount(env.State.Bricks);
            broken += after <= before ? before - after : 0;
            rewardSum += step.Reward;
            if (step.Terminated)
            {
                break;
            }
        }

        Assert.True(broken > 0);
        Assert.Equal(broken, rewardSum);
    }

    [Fact]
    public void Step_AfterTermination_RewardZeroAndStillTerminated()
    {
        using var env = new BreakoutEnv(stickyActionProb: 0, useMinimalActionSet: true);
        env.Reset(0);

        // Keep the paddle at column 0: the ball, starting on row 3 heading down, misses it within a few bounces.
        var step = env.Step(MinimalLeft);
        for (var t = 0; t < 1_000 && !step.Terminated; t++)
        {
            step = env.Step(MinimalLeft);
        }

        Assert.True(step.Terminated);
        var final = env.State;

        var after = env.Step(MinimalRight);

        Assert.True(after.Terminated);
        Assert.Equal(0, after.Reward);
        Assert.Equal(final, env.State);
        Assert.Equal(step.Observation, after.Observation);
    }

    [Fact]
    public void Render_RgbArrayAfterReset_GridInMinAtarColoursInsideABorder()
    {
        using var env = new BreakoutEnv(stickyActionProb: 0, renderMode: RenderModes.RgbArray);
        env.Reset(2);
        var start = env.State.BallX;
        var colors = MinAtarRenderer.ChannelColors(4);

        var frame = Assert.IsType<RgbFrame>(env.Render());

        var canvas = new Canvas(frame.Height, frame.Width);
        canvas.DrawFrame(frame, 0, 0);
        Color Cell(int row, int column) => canvas.GetPixel(4 + (column * 16) + 8, 4 + (row * 16) + 8);
        Assert.Equal((168, 168), (frame.Height, frame.Width));
        Assert.Equal(MinAtarRenderer.BorderColor, canvas.GetPixel(1, 1));
        Assert.Equal(colors[0], Cell(9, 4)); // paddle
        Assert.Equal(colors[3], Cell(3, start)); // the ball starts inside a brick of row 3; the brick channel wins
        Assert.Equal(colors[3], Cell(1, 0)); // brick
        Assert.Equal(MinAtarRenderer.Background, Cell(5, 5));
    }

    [Fact]
    public void Render_RgbArrayAfterOneStep_BallLeavesTheBricksAndShowsInItsColour()
    {
        using var env = new BreakoutEnv(stickyActionProb: 0, renderMode: RenderModes.RgbArray);
        env.Reset(2);
        env.Step(0);
        var colors = MinAtarRenderer.ChannelColors(4);

        var frame = Assert.IsType<RgbFrame>(env.Render());

        var canvas = new Canvas(frame.Height, frame.Width);
        canvas.DrawFrame(frame, 0, 0);
        Assert.Equal(4, env.State.BallY);
        Assert.Equal(colors[1], canvas.GetPixel(4 + (env.State.BallX * 16) + 8, 4 + (4 * 16) + 8));
    }

    [Fact]
    public void Render_NoRenderMode_ReturnsNull()
    {
        using var env = new BreakoutEnv();
        env.Reset(0);

        Assert.Null(env.Render());
    }

    [Fact]
    public void Constructor_UnsupportedRenderMode_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BreakoutEnv(renderMode: "human"));
    }

    private static int Index(int row, int column, int channel) => (((row * 10) + column) * 4) + channel;
}
