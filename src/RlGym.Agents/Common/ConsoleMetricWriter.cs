using System.Globalization;

namespace RlGym.Agents.Common;

/// <summary>Writes each metric as one line <c>step=N name=value</c> to a text writer (standard output by default).</summary>
public sealed class ConsoleMetricWriter : IMetricWriter
{
    private readonly TextWriter _output;
    private readonly Func<string, bool> _filter;

    /// <summary>A writer to <paramref name="output"/> (null: <see cref="Console.Out"/>) of the metrics <paramref name="filter"/> accepts (null: all).</summary>
    public ConsoleMetricWriter(TextWriter? output = null, Func<string, bool>? filter = null)
    {
        _output = output ?? Console.Out;
        _filter = filter ?? (_ => true);
    }

    /// <inheritdoc />
    public void Write(string name, double value, long step)
    {
        if (_filter(name))
        {
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step={step} {name}={value:G6}"));
        }
    }

    /// <inheritdoc />
    public void Flush() => _output.Flush();

    /// <summary>Flushes; the text writer is not closed (it is usually the console).</summary>
    public void Dispose() => _output.Flush();
}
