using System.Globalization;

namespace RlGym.Agents.Common;

/// <summary>
/// Writes metrics to a CSV file (<c>metrics.csv</c>) with the header <c>step,name,value,wall_time</c>; wall_time is
/// seconds since the Unix epoch, as TensorBoard records it.
/// </summary>
public sealed class CsvMetricWriter : IMetricWriter
{
    private readonly StreamWriter _writer;
    private readonly TimeProvider _time;

    /// <summary>Creates (or overwrites, or appends to) <paramref name="path"/>, creating its directory when missing.</summary>
    /// <param name="path">The CSV file to write.</param>
    /// <param name="timeProvider">The clock for wall_time (null: the system clock).</param>
    /// <param name="append">Add rows to an existing file (a resumed run) instead of replacing it; the header is written only into a new or empty file.</param>
    public CsvMetricWriter(string path, TimeProvider? timeProvider = null, bool append = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        _time = timeProvider ?? TimeProvider.System;
        var hasRows = append && File.Exists(path) && new FileInfo(path).Length > 0;
        _writer = new StreamWriter(path, append) { NewLine = "\n" };
        if (!hasRows)
        {
            _writer.WriteLine(Header);
        }
    }

    /// <summary>The first line of every metrics file.</summary>
    public const string Header = "step,name,value,wall_time";

    /// <summary>The rows of a metrics file this writer wrote, in order (e.g. to redraw a resumed run's learning curve).</summary>
    public static IEnumerable<(long Step, string Name, double Value)> Read(string path)
    {
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            // step,name,value,wall_time, where only the name may be quoted (and hold commas).
            var first = line.IndexOf(',', StringComparison.Ordinal);
            var last = line.LastIndexOf(',');
            var beforeLast = line.LastIndexOf(',', last - 1);
            var name = line[(first + 1)..beforeLast];
            if (name.StartsWith('"'))
            {
                name = name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            }

            yield return (
                long.Parse(line.AsSpan(0, first), CultureInfo.InvariantCulture),
                name,
                double.Parse(line.AsSpan(beforeLast + 1, last - beforeLast - 1), CultureInfo.InvariantCulture));
        }
    }

    /// <inheritdoc />
    public void Write(string name, double value, long step)
    {
        ArgumentNullException.ThrowIfNull(name);
        var wall = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step},{Quote(name)},{value:R},{wall:F3}"));
    }

    /// <inheritdoc />
    public void Flush() => _writer.Flush();

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private static string Quote(string name) =>
        name.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : name;
}
