using RlGym.Agents.Common;

namespace RlGym.Agents.Tests.Common;

public sealed class CsvMetricWriterTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rlgym-csv-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Append_ToAnEarlierRunsFile_KeepsItsRowsAndOneHeaderAndReadsBackEveryRow()
    {
        var path = Path.Combine(_dir.FullName, "metrics.csv");
        using (var first = new CsvMetricWriter(path))
        {
            first.Write("charts/episodic_return", 12.5, 10);
            first.Write("odd, \"quoted\" name", -1e-3, 20);
        }

        using (var resumed = new CsvMetricWriter(path, append: true))
        {
            resumed.Write("charts/episodic_return", 30, 21);
        }

        var rows = CsvMetricWriter.Read(path).ToArray();

        Assert.Equal([(10L, "charts/episodic_return", 12.5), (20L, "odd, \"quoted\" name", -1e-3), (21L, "charts/episodic_return", 30.0)], rows);
        Assert.Equal(CsvMetricWriter.Header, File.ReadLines(path).First());
        Assert.Single(File.ReadLines(path), line => line == CsvMetricWriter.Header);
    }
}
