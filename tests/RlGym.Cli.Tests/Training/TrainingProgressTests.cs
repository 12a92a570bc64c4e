using Microsoft.Extensions.Time.Testing;
using RlGym.Cli.Training;

namespace RlGym.Cli.Tests.Training;

public sealed class TrainingProgressTests
{
    [Fact]
    public void Write_PlainAfterTheInterval_PrintsStepsSpsAndRecentReturn()
    {
        var time = new FakeTimeProvider();
        var text = new StringWriter();
        using var progress = new TrainingProgress(10_000, text, time, TimeSpan.FromSeconds(2));

        progress.Write("charts/SPS", 5432, 1000);
        progress.Write("charts/episodic_return", 10, 1000);
        time.Advance(TimeSpan.FromSeconds(2));
        progress.Write("charts/episodic_return", 30, 2048);

        Assert.Equal("step 2,048/10,000 (20%), 5,432 steps/s, return 20 (last 2 episodes), eta 2 s" + Environment.NewLine, text.ToString());
    }

    [Fact]
    public void Write_PlainEveryInterval_PrintsALineEachTimeTheIntervalPassed()
    {
        var time = new FakeTimeProvider();
        var text = new StringWriter();
        using var progress = new TrainingProgress(100_000, text, time, TimeSpan.FromSeconds(5));

        for (var step = 1_000; step <= 12_000; step += 1_000)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            progress.Write("charts/SPS", 1_000, step);
        }

        progress.Write("eval/mean_return", 87.5, 12_000);

        Assert.Equal(
            ["step 5,000/100,000 (5%), 1,000 steps/s, eta 1 min 35 s", "step 10,000/100,000 (10%), 1,000 steps/s, eta 1 min 30 s"],
            text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("step 12,000/100,000 (12%), 1,000 steps/s, eval 87.5, eta 1 min 28 s", progress.DescribePlain());
    }

    [Theory]
    [InlineData(0.2, "1 s")]
    [InlineData(28, "28 s")]
    [InlineData(245, "4 min 05 s")]
    [InlineData(7_620, "2 h 07 min")]
    public void Duration_Seconds_ReadsAsPeopleSayIt(double seconds, string expected) =>
        Assert.Equal(expected, TrainingProgress.Duration(seconds));

    [Fact]
    public void Write_BeforeTheInterval_PrintsNothing()
    {
        var time = new FakeTimeProvider();
        var text = new StringWriter();
        using var progress = new TrainingProgress(null, text, time, TimeSpan.FromSeconds(2));

        progress.Write("charts/SPS", 100, 10);
        time.Advance(TimeSpan.FromSeconds(1));
        progress.Write("charts/SPS", 100, 20);

        Assert.Equal(string.Empty, text.ToString());
    }

    [Fact]
    public void RecentMeanReturn_MoreEpisodesThanTheWindow_AveragesTheLatestOnly()
    {
        using var progress = new TrainingProgress(null, null, TimeProvider.System, TimeSpan.FromSeconds(2));

        for (var i = 0; i < TrainingProgress.RecentEpisodes + 10; i++)
        {
            progress.Write("charts/episodic_return", i < 10 ? -1000 : 5, i);
        }

        progress.Write("eval/mean_return", 7, 99);

        Assert.Equal(5, progress.RecentMeanReturn);
        Assert.Equal(99, progress.Step);
        Assert.EndsWith("eval 7", progress.Describe(), StringComparison.Ordinal);
    }
}
