using System.Text;
using Microsoft.Extensions.Time.Testing;
using RlGym.Agents.Common;
using TorchSharp;

namespace RlGym.Agents.Tests.Common;

public sealed class TensorBoardMetricWriterTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rlgym-tb-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Crc32C_CheckValue_IsTheCastagnoliOne()
    {
        // The standard check value of CRC-32C (RFC 3720, B.4): "123456789" -> 0xE3069283.
        Assert.Equal(0xE3069283u, TensorBoardMetricWriter.Crc32C(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Write_Scalars_RecordsFileVersionThenEachScalarWithUnixWallTimes()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        string path;
        using (var writer = new TensorBoardMetricWriter(_dir.FullName))
        {
            path = writer.FilePath;
            writer.Write(MetricNames.EpisodicReturn, 21.5, 100);
            Thread.Sleep(30);
            writer.Write(MetricNames.Sps, 1234, 5_000_000_000);
        }

        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var events = TensorBoardEventReader.Read(path);

        Assert.StartsWith(TensorBoardMetricWriter.FilePrefix, Path.GetFileName(path), StringComparison.Ordinal);
        Assert.Equal(3, events.Count);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Equal((MetricNames.EpisodicReturn, 21.5f, 100L), (events[1].Tag, events[1].SimpleValue!.Value, events[1].Step));
        Assert.Equal((MetricNames.Sps, 1234f, 5_000_000_000L), (events[2].Tag, events[2].SimpleValue!.Value, events[2].Step));
        Assert.All(events, e => Assert.InRange(e.WallTime, before - 1, after + 1));
        Assert.True(events[2].WallTime - events[1].WallTime is > 0.02 and < 1, "wall times carry fractions of a second");
    }

    [Fact]
    public void Write_FakeClock_WallTimeIsSecondsSinceTheUnixEpoch()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_250));
        string path;
        using (var writer = new TensorBoardMetricWriter(_dir.FullName, time))
        {
            path = writer.FilePath;
            time.Advance(TimeSpan.FromMilliseconds(500));
            writer.Write("losses/td_loss", 0.5, 7);
        }

        var events = TensorBoardEventReader.Read(path);

        Assert.Equal([1_700_000_000.25, 1_700_000_000.75], events.Select(e => e.WallTime));
        Assert.Contains(".1700000000.", Path.GetFileName(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_BeforeDispose_IsReadableOnceASecondHasPassed()
    {
        var time = new FakeTimeProvider();
        using var writer = new TensorBoardMetricWriter(_dir.FullName, time);

        writer.Write("a", 1, 1);
        time.Advance(TimeSpan.FromSeconds(1));
        writer.Write("b", 2, 2);

        Assert.Equal(["a", "b"], TensorBoardEventReader.Read(writer.FilePath).Skip(1).Select(e => e.Tag));
    }

    [Fact]
    public void Read_TorchSharpsEventFile_FramingAndCrcsAgree()
    {
        // Cross-check of the reader's framing and CRCs against an independent writer (TorchSharp's).
        TorchSetup.EnsureInitialized();
        var directory = Path.Combine(_dir.FullName, "torchsharp");
        var summary = torch.utils.tensorboard.SummaryWriter(directory, createRunName: false);
        summary.add_scalar("charts/SPS", 42f, 3);

        var events = TensorBoardEventReader.Read(Directory.GetFiles(directory, TensorBoardMetricWriter.FilePrefix + "*").Single());

        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Equal(("charts/SPS", 42f, 3L), (events[1].Tag, events[1].SimpleValue!.Value, events[1].Step));
    }
}
