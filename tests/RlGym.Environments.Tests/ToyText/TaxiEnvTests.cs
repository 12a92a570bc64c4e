using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Environments.ToyText;

namespace RlGym.Environments.Tests.ToyText;

public class TaxiEnvTests
{
    [Theory]
    [InlineData("Taxi-v3.json")]
    [InlineData("Taxi-v4_rainy_fickle.json")]
    public void Replay_GymnasiumFixture_MatchesEveryStep(string file)
    {
        var steps = ToyTextFixtureReplay.Replay(file);

        Assert.True(steps >= 300, $"only {steps} steps compared");
    }

    [Fact]
    public void Replay_TaxiV3FixtureThroughTaxiV4_MatchesEveryStep()
    {
        // Gymnasium's Taxi-v4 with default kwargs equals Taxi-v3 step for step (README cross-check).
        var fixture = RlGym.TestSupport.Gymnasium.GymnasiumFixture.Load("Taxi-v3.json");
        using var env = Gym.Make<int, int>("Taxi-v4");
        var episode = fixture.Runs[0].Episodes[0];

        var reset = env.Reset(episode.ResetSeed);
        var observations = episode.Actions.Select(a => env.Step(a.GetInt32()).Observation).ToArray();

        Assert.Equal(episode.ResetObservation.GetInt32(), reset.Observation);
        Assert.Equal(episode.Observations.Select(o => o.GetInt32()), observations);
    }

    [Fact]
    public void EncodeDecode_AllStates_RoundTrip()
    {
        for (var s = 0; s < 500; s++)
        {
            var (row, col, passenger, destination) = TaxiEnv.Decode(s);

            Assert.Equal(s, TaxiEnv.Encode(row, col, passenger, destination));
        }
    }

    [Fact]
    public void ActionMask_TaxiAtWallWithPassengerAboard_MarksDropoffAtStand()
    {
        // Taxi at Y (4, 0) with the passenger aboard heading to G: a wall to the east, the grid edge south and west.
        var mask = TaxiEnv.ActionMask(TaxiEnv.Encode(4, 0, 4, 1));

        Assert.Equal(new sbyte[] { 0, 1, 0, 0, 0, 1 }, mask);
    }

    [Fact]
    public void TransitionsOf_RainyBlockedMove_StaysInPlaceForEveryOutcome()
    {
        using var env = new TaxiEnv(isRainy: true);
        var state = TaxiEnv.Encode(4, 0, 0, 1);

        var east = env.TransitionsOf(state, 2);

        Assert.Equal([0.8, 0.09999999999999998, 0.09999999999999998], east.Select(t => t.Probability));
        Assert.All(east, t => Assert.Equal(state, t.NextState));
    }

    [Fact]
    public void TransitionsOf_RainyOpenMove_SlipsLeftThenRightOfTravel()
    {
        using var env = new TaxiEnv(isRainy: true);

        var south = env.TransitionsOf(TaxiEnv.Encode(2, 2, 0, 1), 0);

        // Travelling south, left is east and right is west.
        Assert.Equal(
            [TaxiEnv.Encode(3, 2, 0, 1), TaxiEnv.Encode(2, 3, 0, 1), TaxiEnv.Encode(2, 1, 0, 1)],
            south.Select(t => t.NextState));
    }

    [Fact]
    public void Make_TaxiV3WithRainy_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => Gym.Make("Taxi-v3", new Dictionary<string, object?> { ["is_rainy"] = true }));
    }

    [Theory]
    [InlineData(-0.1, 0.3)]
    [InlineData(0.8, 1.1)]
    public void Constructor_ProbabilityOutsideUnitInterval_Throws(double rainy, double fickle)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TaxiEnv(rainyProbability: rainy, fickleProbability: fickle));
    }

    [Fact]
    public void Render_Ansi_MatchesGymnasiumText()
    {
        using var env = new TaxiEnv(RenderModes.Ansi);
        var (state, _) = env.Reset(0);
        var atStart = Assert.IsType<AnsiText>(env.Render()).Text;
        env.Step(1);

        var afterNorth = Assert.IsType<AnsiText>(env.Render()).Text;

        // Seed 0 starts in state 314 (Gymnasium fixture): taxi at (3, 0), passenger at B, destination Y.
        Assert.Equal(314, state);
        Assert.Equal(
            "+---------+\n|R: | : :G|\n| : | : : |\n| : : : : |\n|\u001b[43m \u001b[0m| : | : |\n"
            + "|\u001b[35mY\u001b[0m| : |\u001b[34;1mB\u001b[0m: |\n+---------+\n\n",
            atStart);
        Assert.Equal(
            "+---------+\n|R: | : :G|\n| : | : : |\n|\u001b[43m \u001b[0m: : : : |\n| | : | : |\n"
            + "|\u001b[35mY\u001b[0m| : |\u001b[34;1mB\u001b[0m: |\n+---------+\n  (North)\n",
            afterNorth);
    }

    [Fact]
    public void Render_Ansi_PassengerAboard_MarksTaxiGreenWithUnderscoreOnRoad()
    {
        using var env = new TaxiEnv(RenderModes.Ansi);
        env.Reset(0);

        // From (3, 0) around the wall to B at (4, 3), pick up, then one step north.
        foreach (var action in new[] { 1, 2, 2, 2, 0, 0, 4 })
        {
            env.Step(action);
        }

        var atPickup = Assert.IsType<AnsiText>(env.Render()).Text;
        env.Step(1);
        var onRoad = Assert.IsType<AnsiText>(env.Render()).Text;

        Assert.Equal(
            "+---------+\n|R: | : :G|\n| : | : : |\n| : : : : |\n| | : | : |\n"
            + "|\u001b[35mY\u001b[0m| : |\u001b[42mB\u001b[0m: |\n+---------+\n  (Pickup)\n",
            atPickup);
        Assert.Equal(
            "+---------+\n|R: | : :G|\n| : | : : |\n| : : : : |\n| | : |\u001b[42m_\u001b[0m: |\n"
            + "|\u001b[35mY\u001b[0m| : |B: |\n+---------+\n  (North)\n",
            onRoad);
    }

    [Fact]
    public void Render_RgbArray_HasGymnasiumSize()
    {
        using var env = new TaxiEnv(RenderModes.RgbArray);
        env.Reset(0);

        var frame = Assert.IsType<RgbFrame>(env.Render());

        Assert.Equal((350, 550), (frame.Height, frame.Width));
    }

    [Fact]
    public void Render_RgbArray_TaxiMove_ChangesItsCellsOnly()
    {
        using var env = new TaxiEnv(RenderModes.RgbArray);
        env.Reset(0);
        var before = Assert.IsType<RgbFrame>(env.Render());

        // Seed 0 starts at (3, 0); north moves the taxi to (2, 0). Cells are 50 pixels; map column = 2 * col + 1.
        env.Step(1);
        var after = Assert.IsType<RgbFrame>(env.Render());
        RenderedFrames.Save(after, "taxi");

        Assert.True(RenderedFrames.DiffersIn(before, after, 50, 200, 50, 50));
        Assert.True(RenderedFrames.DiffersIn(before, after, 50, 150, 50, 50));
        Assert.False(RenderedFrames.DiffersIn(before, after, 250, 0, 300, 350));
    }

    [Fact]
    public void Step_BeforeReset_Throws()
    {
        using var env = new TaxiEnv();

        Assert.Throws<ResetNeededException>(() => env.Step(0));
    }
}
