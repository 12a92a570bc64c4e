using RlGym.Agents.Common;

namespace RlGym.Agents.Tests.Common;

public sealed class MetricRecorderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rlgym-metrics-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Record_CsvWriter_WritesHeaderAndRows()
    {
        var path = Path.Combine(_directory, "metrics.csv");
        using (var recorder = new MetricRecorder(new CsvMetricWriter(path)))
        {
            recorder.Record(MetricNames.Sps, 1234.5, 100);
            recorder.Record(MetricNames.EpisodicReturn, 21, 200);
        }

        var lines = File.ReadAllLines(path);

        Assert.Equal("step,name,value,wall_time", lines[0]);
        Assert.StartsWith("100,charts/SPS,1234.5,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("200,charts/episodic_return,21,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Record_TensorBoardWriter_WritesEventFile()
    {
        using (var recorder = new MetricRecorder(new TensorBoardMetricWriter(_directory)))
        {
            recorder.Record(MetricNames.EvalMeanReturn, 500, 10_000);
        }

        var events = Directory.GetFiles(_directory, "events.out.tfevents.*", SearchOption.AllDirectories);

        Assert.Single(events);
        Assert.True(new FileInfo(events[0]).Length > 0);
    }

    [Fact]
    public void Record_ConsoleWriter_WritesStepNameAndValue()
    {
        using var text = new StringWriter();
        using var recorder = new MetricRecorder(new ConsoleMetricWriter(text));

        recorder.Record(MetricNames.Epsilon, 0.25, 42);

        Assert.Equal("step=42 charts/epsilon=0.25", text.ToString().Trim());
    }
}
