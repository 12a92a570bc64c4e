using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RlGym.TestSupport.Server;

/// <summary>A logger provider that keeps every entry at <see cref="LogLevel.Error"/> or above, so tests can fail on them.</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    /// <summary>Logged errors, oldest first, as <c>Category: message (exception)</c>.</summary>
    public IReadOnlyList<string> Errors => _errors.ToArray();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, _errors);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Collector(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors.Enqueue($"{category}: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}");
            }
        }
    }
}
