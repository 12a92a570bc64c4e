using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Environments.ToyText;

namespace RlGym.Environments.Tests.ToyText;

public class FrozenLakeEnvTests
{
    [Theory]
    [InlineData("FrozenLake-v1.json")]
    [InlineData("FrozenLake-v1_not_slippery.json")]
    [InlineData("FrozenLake8x8-v1.json")]
    public void Replay_GymnasiumFixture_MatchesEveryStep(string file)
    {
        var steps = ToyTextFixtureReplay.Replay(file);

        Assert.True(steps >= 300, $"only {steps} steps compared");
    }

    [Fact]
    public void TransitionsOf_Slippery_UseGymnasiumProbabilitiesInOrder()
    {
        using var env = new FrozenLakeEnv();

        var transitions = env.TransitionsOf(0, 1);

        // Down from the start: slips left (stays), goes down, or slips right, with (1 - 1/3) / 2 on the sides.
        Assert.Equal([0.33333333333333337, 0.3333333333333333, 0.33333333333333337], transitions.Select(t => t.Probability));
        Assert.Equal([0, 4, 1], transitions.Select(t => t.NextState));
    }

    [Fact]
    public void TransitionsOf_SuccessRateAndRewardSchedule_AreApplied()
    {
        using var env = new FrozenLakeEnv(successRate: 0.8, rewardSchedule: [10, -5, -1]);

        var fromStartDown = env.TransitionsOf(0, 1);
        var intoHole = env.TransitionsOf(1, 1).Single(t => t.NextState == 5);
        var intoGoal = env.TransitionsOf(14, 2).Single(t => t.NextState == 15);

        Assert.Equal([(1.0 - 0.8) / 2.0, 0.8, (1.0 - 0.8) / 2.0], fromStartDown.Select(t => t.Probability));
        Assert.Equal(-1, fromStartDown[1].Reward);
        Assert.Equal((-5.0, true), (intoHole.Reward, intoHole.Terminated));
        Assert.Equal((10.0, true), (intoGoal.Reward, intoGoal.Terminated));
    }

    [Fact]
    public void Step_CustomDescNotSlippery_WalksToGoal()
    {
        using var env = new FrozenLakeEnv(desc: ["SF", "HG"], isSlippery: false);
        env.Reset(0);

        var right = env.Step(2);
        var down = env.Step(1);

        Assert.Equal(4, ((RlGym.Core.Spaces.Discrete)env.ObservationSpace).N);
        Assert.Equal((1, 0.0, false), (right.Observation, right.Reward, right.Terminated));
        Assert.Equal((3, 1.0, true), (down.Observation, down.Reward, down.Terminated));
        Assert.Equal(1.0, Assert.IsType<double>(down.Info["prob"]));
    }

    [Fact]
    public void Step_OnTerminalTile_StaysWithZeroReward()
    {
        using var env = new FrozenLakeEnv(desc: ["SG"], isSlippery: false);
        env.Reset(0);
        env.Step(2);

        var after = env.Step(0);

        Assert.Equal((1, 0.0, true), (after.Observation, after.Reward, after.Terminated));
    }

    [Fact]
    public void Constructor_DescAndMapNameNull_GeneratesValidEightByEightMap()
    {
        using var env = new FrozenLakeEnv(mapName: null);

        Assert.Equal((8, 8), (env.Rows, env.Columns));
        Assert.True(FrozenLakeMaps.IsValid(env.Map));
    }

    [Fact]
    public void Make_DescKwarg_OverridesMapName()
    {
        using var env = Gym.Make<int, int>("FrozenLake-v1", new Dictionary<string, object?> { ["desc"] = new List<object?> { "SFF", "FFF", "FFG" } });

        Assert.Equal(9, ((RlGym.Core.Spaces.Discrete)env.ObservationSpace).N);
    }

    [Theory]
    [InlineData("SF,F")]
    [InlineData("FF,FG")]
    [InlineData("SX,FG")]
    [InlineData("")]
    public void Constructor_InvalidDesc_Throws(string rows)
    {
        var desc = rows.Length == 0 ? [] : rows.Split(',');

        Assert.Throws<ArgumentException>(() => new FrozenLakeEnv(desc: desc));
    }

    [Fact]
    public void Make_UnknownMapName_ThrowsListingMaps()
    {
        var error = Assert.Throws<ArgumentException>(() => Gym.Make("FrozenLake-v1", new Dictionary<string, object?> { ["map_name"] = "16x16" }));

        Assert.Contains("4x4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Constructor_SuccessRateOutsideUnitInterval_Throws(double successRate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrozenLakeEnv(successRate: successRate));
    }

    [Fact]
    public void Make_RewardScheduleOfWrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => Gym.Make("FrozenLake-v1", new Dictionary<string, object?> { ["reward_schedule"] = new object[] { 1L, 0L } }));
    }

    [Fact]
    public void Make_RewardScheduleNotNumbers_Throws()
    {
        Assert.Throws<ArgumentException>(() => Gym.Make("FrozenLake-v1", new Dictionary<string, object?> { ["reward_schedule"] = "1,0,0" }));
    }

    [Fact]
    public void Metadata_FractionalRewardSchedule_ReportsFloatRewards()
    {
        using var integral = new FrozenLakeEnv();
        using var fractional = new FrozenLakeEnv(rewardSchedule: [1.0, -0.5, 0.0]);

        Assert.Equal(RewardType.Int, integral.Metadata.RewardType);
        Assert.Equal(RewardType.Float, fractional.Metadata.RewardType);
        Assert.Equal(4, integral.Metadata.RenderFps);
    }

    [Fact]
    public void Make_RewardScheduleOfPythonFloats_ReportsFloatRewards()
    {
        using var env = Gym.Make("FrozenLake-v1", new Dictionary<string, object?> { ["reward_schedule"] = new object[] { 1.0, 0.0, 0.0 } });

        Assert.Equal(RewardType.Float, env.Metadata.RewardType);
    }

    [Fact]
    public void Step_InvalidAction_Throws()
    {
        using var env = new FrozenLakeEnv();
        env.Reset(0);

        Assert.Throws<InvalidActionException>(() => env.Step(4));
    }

    [Fact]
    public void Step_BeforeReset_Throws()
    {
        using var env = new FrozenLakeEnv();

        Assert.Throws<ResetNeededException>(() => env.Step(0));
    }

    [Fact]
    public void Render_Ansi_MatchesGymnasiumText()
    {
        using var env = new FrozenLakeEnv(RenderModes.Ansi, isSlippery: false);
        env.Reset(0);
        var atStart = Assert.IsType<AnsiText>(env.Render()).Text;
        env.Step(1);

        var afterDown = Assert.IsType<AnsiText>(env.Render()).Text;

        // Gymnasium: the last action in brackets (or an empty line), then the map with the walker's tile on red.
        Assert.Equal("\n\u001b[41mS\u001b[0mFFF\nFHFH\nFFFH\nHFFG\n", atStart);
        Assert.Equal("  (Down)\nSFFF\n\u001b[41mF\u001b[0mHFH\nFFFH\nHFFG\n", afterDown);
    }

    [Theory]
    [InlineData("4x4", 256)]
    [InlineData("8x8", 512)]
    public void Render_RgbArray_HasGymnasiumSize(string mapName, int size)
    {
        using var env = new FrozenLakeEnv(RenderModes.RgbArray, mapName: mapName);
        env.Reset(0);

        var frame = Assert.IsType<RgbFrame>(env.Render());
        RenderedFrames.Save(frame, $"frozenlake-{mapName}");

        Assert.Equal((size, size), (frame.Height, frame.Width));
        Assert.True(RenderedFrames.ColourCount(frame) > 5);
    }

    [Fact]
    public void Render_RgbArray_WalkerMove_ChangesOnlyItsTwoCells()
    {
        using var env = new FrozenLakeEnv(RenderModes.RgbArray, isSlippery: false);
        env.Reset(0);
        var before = Assert.IsType<RgbFrame>(env.Render());

        env.Step(2);
        var after = Assert.IsType<RgbFrame>(env.Render());

        Assert.True(RenderedFrames.DiffersIn(before, after, 0, 0, 64, 64));
        Assert.True(RenderedFrames.DiffersIn(before, after, 64, 0, 64, 64));
        Assert.False(RenderedFrames.DiffersIn(before, after, 0, 64, 256, 192));
    }

    [Fact]
    public void Render_RgbArray_HoleAndFrozenTilesLookDifferent()
    {
        using var env = new FrozenLakeEnv(RenderModes.RgbArray);
        env.Reset(0);
        var frame = Assert.IsType<RgbFrame>(env.Render());

        // Tile (1, 1) is a hole and (1, 2) frozen; tiles (1, 2) and (2, 1) are both frozen.
        Assert.True(Differs(frame, (64, 64), (128, 64)));
        Assert.False(Differs(frame, (128, 64), (64, 128)));
    }

    private static bool Differs(RgbFrame frame, (int X, int Y) first, (int X, int Y) second)
    {
        for (var dy = 0; dy < 64; dy++)
        {
            for (var dx = 0; dx < 64; dx++)
            {
                var a = (((first.Y + dy) * frame.Width) + first.X + dx) * 3;
                var b = (((second.Y + dy) * frame.Width) + second.X + dx) * 3;
                if (frame.Pixels[a] != frame.Pixels[b] || frame.Pixels[a + 1] != frame.Pixels[b + 1] || frame.Pixels[a + 2] != frame.Pixels[b + 2])
                {
                    return true;
                }
            }
        }

        return false;
    }

    [Fact]
    public void Render_NoRenderMode_ReturnsNull()
    {
        using var env = new FrozenLakeEnv();
        env.Reset(0);

        Assert.Null(env.Render());
    }

    [Fact]
    public void Constructor_MapOverMaxMapTiles_ThrowsBeforeBuildingNamingTheLimit()
    {
        var rows = Enumerable.Repeat(new string('F', 1500), 1500).ToArray();
        rows[0] = "S" + rows[0][1..];

        var error = Assert.Throws<ArgumentException>(() => new FrozenLakeEnv(desc: rows));

        Assert.Contains("1,500 x 1,500 = 2,250,000 tiles", error.Message, StringComparison.Ordinal);
        Assert.Contains("limit of 65,536 tiles", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EstimatedBytes_LargerMap_GrowsWithTheTiles()
    {
        using var small = new FrozenLakeEnv(mapName: "4x4");
        using var large = new FrozenLakeEnv(mapName: "8x8");

        Assert.InRange(small.EstimatedBytes, 16 * 100, 16 * 1000);
        Assert.InRange(large.EstimatedBytes, 3.5 * small.EstimatedBytes, 4.5 * small.EstimatedBytes);
    }
}
