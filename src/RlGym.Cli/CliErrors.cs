using System.Text.Json;
using RlGym.Client;

namespace RlGym.Cli;

/// <summary>
/// The errors a command reports as one line (the exception's message, which says what was wrong and what is allowed)
/// and an exit code, rather than a stack trace: bad input, unknown ids, unreadable files, an unreachable server.
/// </summary>
internal static class CliErrors
{
    /// <summary>True for errors caused by what the user asked for or pointed at, not by a bug.</summary>
    public static bool IsUserError(Exception exception) => exception is ArgumentException
        or KeyNotFoundException
        or InvalidOperationException
        or NotSupportedException
        or RemoteEnvException
        or IOException
        or UnauthorizedAccessException
        or InvalidDataException
        or JsonException
        or FormatException;

    /// <summary>The message for the user: an <see cref="ArgumentException"/>'s without the " (Parameter 'name')" .NET appends.</summary>
    public static string Message(Exception exception)
    {
        var message = exception.Message;
        if (exception is ArgumentException { ParamName: { } name })
        {
            var suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message[..^suffix.Length];
            }
        }

        return message.ReplaceLineEndings(" ");
    }
}
