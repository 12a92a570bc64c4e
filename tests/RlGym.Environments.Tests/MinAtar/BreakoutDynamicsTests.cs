using RlGym.Environments.MinAtar;

namespace RlGym.Environments.Tests.MinAtar;

public class BreakoutDynamicsTests
{
    private const int Stay = 0;
    private const int Left = -1;
    private const int Right = 1;

    // A ball at (x, y) heading (dx, dy) whose trail is its own cell, as after a reset.
    private static BreakoutState State(int x, int y, int dx, int dy, int paddle = 4, uint bricks = 0, bool strike = false) => new()
    {
        PaddleX = paddle,
        BallX = x,
        BallY = y,
        DirectionX = dx,
        DirectionY = dy,
        LastX = x,
        LastY = y,
        Bricks = bricks,
        Strike = strike,
    };

    private static (int X, int Y, int Dx, int Dy) Ball(BreakoutState s) => (s.BallX, s.BallY, s.DirectionX, s.DirectionY);

    [Fact]
    public void AllBricks_ThirtyBitsForRowsOneToThree()
    {
        Assert.Equal(0x3FFF_FFFFu, BreakoutDynamics.AllBricks);
        Assert.True(BreakoutDynamics.HasBrick(BreakoutDynamics.AllBricks, 0, 1));
        Assert.True(BreakoutDynamics.HasBrick(BreakoutDynamics.AllBricks, 9, 3));
        Assert.False(BreakoutDynamics.HasBrick(BreakoutDynamics.AllBricks, 5, 0));
        Assert.False(BreakoutDynamics.HasBrick(BreakoutDynamics.AllBricks, 5, 4));
    }

    [Theory]
    [InlineData(false, 0, 1)]
    [InlineData(true, 9, -1)]
    public void Reset_StartSide_BallOnRowThreeHeadingDownAwayFromItsWall(bool startRight, int expectedX, int expectedDx)
    {
        var state = BreakoutDynamics.Reset(startRight);

        Assert.Equal((expectedX, 3, expectedDx, 1), Ball(state));
        Assert.Equal((expectedX, 3), (state.LastX, state.LastY));
        Assert.Equal(4, state.PaddleX);
        Assert.Equal(BreakoutDynamics.AllBricks, state.Bricks);
        Assert.False(state.Strike);
        Assert.False(state.Terminal);
    }

    [Fact]
    public void Step_OpenSpace_BallMovesOneCellDiagonallyAndLeavesTrail()
    {
        var state = State(5, 5, 1, 1);

        var reward = BreakoutDynamics.Step(ref state, Stay);

        Assert.Equal(0, reward);
        Assert.Equal((6, 6, 1, 1), Ball(state));
        Assert.Equal((5, 5), (state.LastX, state.LastY));
        Assert.False(state.Terminal);
    }

    [Fact]
    public void Step_BallLeavesRightWall_ClampsColumnAndMirrorsHorizontally()
    {
        var state = State(9, 5, 1, 1);

        BreakoutDynamics.Step(ref state, Stay);

        Assert.Equal((9, 6, -1, 1), Ball(state));
    }

    [Fact]
    public void Step_BallLeavesLeftWall_ClampsColumnAndMirrorsHorizontally()
    {
        var state = State(0, 5, -1, -1);

        BreakoutDynamics.Step(ref state, Stay);

        Assert.Equal((0, 4, 1, -1), Ball(state));
    }

    [Fact]
    public void Step_BallAboveTop_ClampsToRowZeroAndMirrorsVertically()
    {
        var state = State(5, 0, 1, -1);

        BreakoutDynamics.Step(ref state, Stay);

        Assert.Equal((6, 0, 1, 1), Ball(state));
    }

    [Fact]
    public void Step_BallIntoTopCorner_MirrorsBothWays()
    {
        var state = State(9, 0, 1, -1);

        BreakoutDynamics.Step(ref state, Stay);

        Assert.Equal((9, 0, -1, 1), Ball(state));
    }

    [Fact]
    public void Step_BrickWithoutStrikeOnPreviousStep_BreaksItRewardsOneAndStaysOnRow()
    {
        var state = State(5, 4, 1, -1, bricks: BreakoutDynamics.AllBricks);

        var reward = BreakoutDynamics.Step(ref state, Stay);

        Assert.Equal(1, reward);
        Assert.False(BreakoutDynamics.HasBrick(state.Bricks, 6, 3));
        Assert.Equal(BreakoutDynamics.AllBricks & ~BreakoutDynamics.BrickBit(6, 3), state.Bricks);
        Assert.Equal((6, 4, 1, 1), Ball(state));
        Assert.True(state.Strike);
    }

    [Fact]
    public void Step_BrickRightAfterAStrike_BallPassesIntoTheCellAndBrickStays()
    {
        var state = State(5, 4, 1, -1, bricks: BreakoutDynamics.AllBricks, strike: true);

        var reward = BreakoutDynamics.Step(ref state, Stay);

        Assert.Equal(0, reward);
        Assert.Equal(BreakoutDynamics.AllBricks, state.Bricks);
        Assert.Equal((6, 3, 1, -1), Ball(state));
        Assert.True(state.Strike);
    }

    [Fact]
    public void Step_NoBrickAfterAStrike_ClearsTheStrike()
    {
        var state = State(5, 6, 1, -1, strike: true);

        BreakoutDynamics.Step(ref state, Stay);

        Assert.False(state.Strike);
    }

    [Fact]
    public void Step_BrickAtTheWall_MirrorsHorizontallyThenBreaksTheBrick()
    {
        var state = State(0, 4, -1, -1, bricks: BreakoutDynamics.AllBricks);

        var reward = BreakoutDynamics.Step(ref state, Stay);

        Assert.Equal(1, reward);
        Assert.False(BreakoutDynamics.HasBrick(state.Bricks, 0, 3));
        Assert.Equal((0, 4, 1, 1), Ball(state));
    }

    [Fact]
    public void Step_RowNineWithNoBricksLeft_RefillsRowsOneToThree()
    {
        var state = State(4, 8, 1, 1, paddle: 4, bricks: 0);

        BreakoutDynamics.Step(ref state, Stay);

        Assert.Equal(BreakoutDynamics.AllBricks, state.Bricks);
        Assert.False(state.Terminal);
    }

    [Fact]
    public void Step_RowNineMissedWithNoBricksLeft_RefillsBeforeTerminating()
    {
        var state = State(2, 8, 1, 1, paddle: 8, bricks: 0);

        BreakoutDynamics.Step(ref state, Stay);

        Assert.True(state.Terminal);
        Assert.Equal(BreakoutDynamics.AllBricks, state.Bricks);
    }

    [Fact]
    public void Step_RowNineWithBricksLeft_DoesNotRefill()
    {
        var bricks = BreakoutDynamics.BrickBit(3, 2);
        var state = State(4, 8, 1, 1, paddle: 4, bricks: bricks);

        BreakoutDynamics.Step(ref state, Stay);

        Assert.Equal(bricks, state.Bricks);
    }

    [Fact]
    public void Step_BallWasAbovePaddle_BouncesBackUpKeepingItsHorizontalDirection()
    {
        var state = State(4, 8, 1, 1, paddle: 4);

        var reward = BreakoutDynamics.Step(ref state, Stay);

        Assert.Equal(0, reward);
        Assert.Equal((5, 8, 1, -1), Ball(state));
        Assert.False(state.Terminal);
    }

    [Fact]
    public void Step_BallLandsOnPaddleColumn_ReversesBothDirections()
    {
        var state = State(3, 8, 1, 1, paddle: 4);

        BreakoutDynamics.Step(ref state, Stay);

        Assert.Equal((4, 8, -1, -1), Ball(state));
        Assert.False(state.Terminal);
    }

    [Fact]
    public void Step_BallMissesPaddle_TerminatesWithBallOnRowNine()
    {
        var state = State(3, 8, 1, 1, paddle: 7);

        var reward = BreakoutDynamics.Step(ref state, Stay);

        Assert.Equal(0, reward);
        Assert.True(state.Terminal);
        Assert.Equal((4, 9, 1, 1), Ball(state));
    }

    [Fact]
    public void Step_PaddleMovesBeforeBall_MoveUnderTheBallSavesIt()
    {
        var state = State(3, 8, 1, 1, paddle: 5);

        BreakoutDynamics.Step(ref state, Left);

        Assert.Equal(4, state.PaddleX);
        Assert.Equal((4, 8, -1, -1), Ball(state));
        Assert.False(state.Terminal);
    }

    [Theory]
    [InlineData(0, Left, 0)]
    [InlineData(9, Right, 9)]
    [InlineData(4, Left, 3)]
    [InlineData(4, Right, 5)]
    [InlineData(4, Stay, 4)]
    public void Step_PaddleMove_MovesOneColumnClampedToGrid(int paddle, int move, int expected)
    {
        var state = State(5, 5, 1, 1, paddle: paddle);

        BreakoutDynamics.Step(ref state, move);

        Assert.Equal(expected, state.PaddleX);
    }

    [Fact]
    public void Step_TerminalState_ChangesNothingAndRewardsZero()
    {
        var state = State(4, 9, 1, 1, paddle: 7, bricks: BreakoutDynamics.AllBricks);
        state.Terminal = true;
        var before = state;

        var reward = BreakoutDynamics.Step(ref state, Right);

        Assert.Equal(0, reward);
        Assert.Equal(before, state);
    }

    [Fact]
    public void WriteObservation_State_SetsPaddleBallTrailAndBrickChannels()
    {
        var state = State(6, 5, 1, 1, paddle: 2, bricks: BreakoutDynamics.BrickBit(0, 1) | BreakoutDynamics.BrickBit(9, 3));
        state.LastX = 5;
        state.LastY = 4;
        var observation = new bool[400];
        observation.AsSpan().Fill(true);

        BreakoutDynamics.WriteObservation(state, observation);

        var set = Enumerable.Range(0, 400).Where(i => observation[i]).ToArray();
        int[] expected =
        [
            ((1 * 10) + 0) * 4 + 3, // brick (row 1, column 0)
            ((3 * 10) + 9) * 4 + 3, // brick (row 3, column 9)
            ((4 * 10) + 5) * 4 + 2, // trail (row 4, column 5)
            ((5 * 10) + 6) * 4 + 1, // ball (row 5, column 6)
            ((9 * 10) + 2) * 4 + 0, // paddle (row 9, column 2)
        ];
        Assert.Equal(expected, set);
    }

    [Fact]
    public void WriteObservation_WrongLength_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => BreakoutDynamics.WriteObservation(BreakoutDynamics.Reset(false), new bool[399]));

        Assert.Contains("400", error.Message, StringComparison.Ordinal);
    }
}
