namespace RlGym.Agents.Common;

/// <summary>
/// Fans training metrics out to writers. Names follow CleanRL / SB3 (<see cref="MetricNames"/>). Owns its writers:
/// disposing the recorder flushes and disposes them.
/// </summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly IMetricWriter[] _writers;
    private bool _disposed;

    /// <summary>A recorder writing to <paramref name="writers"/> (none: metrics are dropped).</summary>
    public MetricRecorder(params IMetricWriter[] writers)
    {
        ArgumentNullException.ThrowIfNull(writers);
        _writers = [.. writers];
    }

    /// <summary>The writers, in the order they receive each metric.</summary>
    public IReadOnlyList<IMetricWriter> Writers => _writers;

    /// <summary>Records <paramref name="value"/> of <paramref name="name"/> at environment step <paramref name="step"/>.</summary>
    public void Record(string name, double value, long step)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var writer in _writers)
        {
            writer.Write(name, value, step);
        }
    }

    /// <summary>Flushes every writer.</summary>
    public void Flush()
    {
        foreach (var writer in _writers)
        {
            writer.Flush();
        }
    }

    /// <summary>Flushes and disposes every writer; harmless when repeated.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var writer in _writers)
        {
            writer.Flush();
            writer.Dispose();
        }
    }
}
