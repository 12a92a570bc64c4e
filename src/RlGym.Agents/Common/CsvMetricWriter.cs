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

    /// <summary>Creates (or overwrites) <paramref name="path"/>, creating its directory when missing.</summary>
    /// <param name="path">The CSV file to write.</param>
    /// <param name="timeProvider">The clock for wall_time (null: the system clock).</param>
    public CsvMetricWriter(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        _time = timeProvider ?? TimeProvider.System;
        _writer = new StreamWriter(path, append: false) { NewLine = "\n" };
        _writer.WriteLine("step,name,value,wall_time");
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
