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

        Assert.Equal("step 2,048/10,000  5,432 SPS  return 20 (last 2)" + Environment.NewLine, text.ToString());
    }

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
