using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RlGym.TestSupport.Server;

/// <summary>
/// A logger provider that keeps entries at <see cref="LogLevel.Information"/> or above, so tests can read what was
/// logged and fail on errors.
/// </summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _entries = new();

    /// <summary>Logged errors (<see cref="LogLevel.Error"/> and above), oldest first, as <c>Category: message (exception)</c>.</summary>
    public IReadOnlyList<string> Errors => _entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Text).ToArray();

    /// <summary>Every kept entry, oldest first, as <c>Category: message (exception)</c>.</summary>
    public IReadOnlyList<string> Messages => _entries.Select(e => e.Text).ToArray();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, _entries);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Collector(string category, ConcurrentQueue<(LogLevel Level, string Text)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue((logLevel, $"{category}: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}"));
            }
        }
    }
}
