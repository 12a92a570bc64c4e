using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Environments.ToyText;

namespace RlGym.Environments.Tests.ToyText;

public class BlackjackEnvTests
{
    [Theory]
    [InlineData("Blackjack-v1.json")]
    [InlineData("Blackjack-v1_natural.json")]
    [InlineData("Blackjack-v1_plain.json")]
    public void Replay_GymnasiumFixture_MatchesEveryStep(string file)
    {
        var steps = ToyTextFixtureReplay.Replay(file);

        Assert.True(steps >= 100, $"only {steps} steps compared");
    }

    [Fact]
    public void Make_Registered_UsesSabTrueNaturalFalse()
    {
        using var env = Gym.Make<object[], int>("Blackjack-v1");
        var bare = Assert.IsType<BlackjackEnv>(((RlGym.Core.Wrappers.Wrapper<object[], int>)env).Unwrapped);

        Assert.True(bare.Sab);
        Assert.False(bare.Natural);
        Assert.Null(env.Spec?.MaxEpisodeSteps);
    }

    [Fact]
    public void Constructor_ClassDefaults_AreNotSab()
    {
        using var env = new BlackjackEnv();

        Assert.False(env.Sab);
        Assert.False(env.Natural);
    }

    [Theory]
    [InlineData(new[] { 1, 10 }, 21, true, true)]
    [InlineData(new[] { 1, 1, 9 }, 21, true, false)]
    [InlineData(new[] { 1, 10, 5 }, 16, false, false)]
    [InlineData(new[] { 10, 9, 5 }, 24, false, false)]
    public void HandHelpers_HandMadeHands_CountAcesAsGymnasium(int[] hand, int sum, bool usableAce, bool natural)
    {
        Assert.Equal(sum, BlackjackEnv.SumHand(hand));
        Assert.Equal(usableAce, BlackjackEnv.UsableAce(hand));
        Assert.Equal(natural, BlackjackEnv.IsNatural(hand));
    }

    [Fact]
    public void Reset_Seeded_ObservationIsInTheSpace()
    {
        using var env = new BlackjackEnv();

        var (observation, info) = env.Reset(5);

        Assert.True(env.ObservationSpace.Contains(observation));
        Assert.Empty(info);
        Assert.Contains(env.DealerCardSuit, new[] { "C", "D", "H", "S" });
    }

    [Fact]
    public void Render_RgbArray_HasGymnasiumSize()
    {
        using var env = new BlackjackEnv(RenderModes.RgbArray);
        env.Reset(0);

        var frame = Assert.IsType<RgbFrame>(env.Render());
        RenderedFrames.Save(frame, "blackjack");

        Assert.Equal((500, 600), (frame.Height, frame.Width));
        // Gymnasium's felt colour fills the background.
        Assert.Equal(new byte[] { 7, 99, 36 }, frame.Pixels[..3]);
    }

    [Fact]
    public void Render_RgbArray_DifferentDeals_DifferentFrames()
    {
        using var env = new BlackjackEnv(RenderModes.RgbArray);
        var frames = new List<RgbFrame>();
        for (ulong seed = 0; seed < 6; seed++)
        {
            env.Reset(seed);
            frames.Add(Assert.IsType<RgbFrame>(env.Render()));
        }

        var distinct = frames.Select(f => Convert.ToHexString(f.Pixels)).Distinct().Count();

        Assert.True(distinct > 1);
    }

    [Fact]
    public void Constructor_AnsiMode_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new BlackjackEnv(RenderModes.Ansi));
    }
}
