using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grpc.Core;
using Microsoft.AspNetCore.Connections;
using RlGym.Client;

namespace RlGym.Cli;

/// <summary>
/// The errors a command reports as one line (the exception's message, which says what was wrong and what is allowed)
/// and an exit code, rather than a stack trace: bad input, unknown ids, unreadable files, an unreachable server.
/// Exit codes: 0 success, 1 failure (the command ran and failed: a port in use, an unreachable server, a failed
/// check), 2 usage (the command line is wrong: a bad option value, an unknown option or environment id), 130
/// interrupted. An unexpected exception (a bug) prints one line too; <see cref="VerboseVariable"/>=1 adds the stack trace.
/// </summary>
internal static partial class CliErrors
{
    /// <summary>The environment variable that, set to 1, prints the stack trace under an error's line.</summary>
    public const string VerboseVariable = "RLGYM_VERBOSE";

    /// <summary>Exit code of a command that ran and failed.</summary>
    public const int Failure = 1;

    /// <summary>Exit code of a command line that is wrong (option, value, argument).</summary>
    public const int Usage = 2;

    /// <summary>Exit code of a command stopped by Ctrl+C before it finished.</summary>
    public const int Interrupted = 130;

    /// <summary>True for errors caused by what the user asked for or pointed at, not by a bug.</summary>
    public static bool IsUserError(Exception exception) => exception is ArgumentException
        or KeyNotFoundException
        or InvalidOperationException
        or NotSupportedException
        or RemoteEnvException
        or RpcException
        or IOException
        or UnauthorizedAccessException
        or InvalidDataException
        or JsonException
        or FormatException
        or RlGym.Server.Plugins.PluginLoadException;

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

    /// <summary>
    /// The one line and exit code for an exception that escaped a command: the expected ones
    /// (<see cref="IsUserError"/>) with their message, anything else as unexpected with a hint at <see cref="VerboseVariable"/>.
    /// </summary>
    public static (string Line, int ExitCode) Describe(Exception exception)
    {
        if (Find<AddressInUseException>(exception) is not null)
        {
            return (AddressInUse(exception), Failure);
        }

        return exception switch
        {
            RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded } rpc
                => ($"Cannot reach the server: {rpc.Status.Detail}; start one with 'rlgym serve' or check the address.", Failure),
            RpcException rpc => ($"The server answered {rpc.StatusCode}: {rpc.Status.Detail}", Failure),
            RlGym.Core.UnknownEnvironmentException or ArgumentException or FormatException => (Message(exception), Usage),
            _ when IsUserError(exception) => (Message(exception), Failure),
            _ => ($"unexpected error: {Message(exception)} (a bug; rerun with {VerboseVariable}=1 for the stack trace and report it).", Failure),
        };
    }

    /// <summary>
    /// Writes <paramref name="exception"/> as one line prefixed by the command (<c>rlgym serve: ...</c>), and its stack
    /// trace when <see cref="VerboseVariable"/> is 1; returns the exit code.
    /// </summary>
    public static int Report(Exception exception, ParseResult parseResult, TextWriter error)
    {
        if (exception is OperationCanceledException)
        {
            return Interrupted;
        }

        var (line, exitCode) = Describe(exception);
        error.WriteLine($"{CommandPath(parseResult)}: {line}");
        if (Environment.GetEnvironmentVariable(VerboseVariable) == "1")
        {
            error.WriteLine(exception.ToString());
        }

        return exitCode;
    }

    /// <summary>
    /// The lines for a command line that does not parse: its first error, with the option, the value and what is
    /// allowed (never a .NET type name), then where the help is.
    /// </summary>
    public static IReadOnlyList<string> ParseErrorLines(ParseResult parseResult)
    {
        var first = parseResult.Errors[0];
        return [Describe(first), $"See '{CommandPath(parseResult)} --help'."];
    }

    /// <summary>The command as typed, e.g. <c>rlgym serve</c>.</summary>
    public static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (SymbolResult? result = parseResult.CommandResult; result is CommandResult command; result = result.Parent)
        {
            names.Add(command.Parent is null ? "rlgym" : command.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string Describe(ParseError error)
    {
        // System.CommandLine's own conversion error names the .NET type ("as expected type 'System.Int32'"): say what
        // the value should look like instead.
        if (!error.Message.Contains("System.", StringComparison.Ordinal))
        {
            return error.Message.ReplaceLineEndings(" ");
        }

        var (name, type, tokens) = error.SymbolResult switch
        {
            ArgumentResult { Parent: OptionResult option } argument => (option.Option.Name, option.Option.ValueType, argument.Tokens),
            OptionResult option => (option.Option.Name, option.Option.ValueType, option.Tokens),
            ArgumentResult argument => (argument.Argument.Name, argument.Argument.ValueType, argument.Tokens),
            _ => ("value", typeof(string), (IReadOnlyList<Token>)[]),
        };
        var value = tokens.Count > 0 ? $"'{string.Join(' ', tokens.Select(t => t.Value))}'" : "the value";
        return $"{name}: {value} is not {Kind(type)}.";
    }

    /// <summary>What a value of <paramref name="type"/> looks like, for people.</summary>
    private static string Kind(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? (type.IsArray ? type.GetElementType()! : type);
        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Byte or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 => "a number; expected an integer >= 0",
            TypeCode.SByte or TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 => "a number; expected an integer",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.Boolean => "true or false",
            _ => "a valid value",
        };
    }

    /// <summary>"Port 50051 is already in use on 127.0.0.1; ...", from the address Kestrel names in its message.</summary>
    private static string AddressInUse(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (AddressPattern().Match(e.Message) is { Success: true } match)
            {
                return $"Port {match.Groups["port"].Value} is already in use on {match.Groups["host"].Value}; pick another with --port or stop the other server.";
            }
        }

        return $"An address is already in use ({Message(exception)}); pick another port with --port or stop the other server.";
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    [GeneratedRegex(@"https?://(?<host>\[[^\]]+\]|[^\s/:]+):(?<port>\d+)")]
    private static partial Regex AddressPattern();
}
