using System.CommandLine.Parsing;
using System.Globalization;

namespace RlGym.Cli;

/// <summary>
/// Parsers for option values that name the option, the value given and the values allowed when the value is wrong
/// (e.g. <c>--port: 'abc' is not a number; expected an integer 0-65535</c>), set as an option's <c>CustomParser</c>
/// where it is declared. They run only on a value the user typed, never on a default, so a nullable option stays null
/// when it is not given.
/// </summary>
internal static class CliValues
{
    /// <summary>A TCP port, 0 (pick a free one) to 65535.</summary>
    public static int Port(ArgumentResult result) => (int)Integer(result, 0, 65535);

    /// <summary>A count: an integer, at least 1.</summary>
    public static int Count(ArgumentResult result) => (int)Integer(result, 1, int.MaxValue);

    /// <summary>A count for a nullable option (null: not given, e.g. "the preset's"): an integer, at least 1.</summary>
    public static int? OptionalCount(ArgumentResult result) => Count(result);

    /// <summary>Counts given together (<c>--num-envs 1 64 1024</c>): integers, each at least 1.</summary>
    public static int[] Counts(ArgumentResult result) =>
        [.. result.Tokens.Select(token => (int)Integer(result, token.Value, 1, int.MaxValue))];

    /// <summary>A large count (env steps): an integer, at least 1.</summary>
    public static long LongCount(ArgumentResult result) => Integer(result, 1, long.MaxValue);

    /// <summary>A large count for a nullable option (null: not given): an integer, at least 1.</summary>
    public static long? OptionalLongCount(ArgumentResult result) => LongCount(result);

    /// <summary>A large count where 0 means "none" or "off" (e.g. evaluate only at the end): an integer, at least 0.</summary>
    public static long NonNegativeLongCount(ArgumentResult result) => Integer(result, 0, long.MaxValue);

    /// <summary>A number of seconds, more than 0.</summary>
    public static double PositiveSeconds(ArgumentResult result) => Seconds(result, allowZero: false);

    /// <summary>A number of seconds, 0 or more (0 usually disables what it times).</summary>
    public static double NonNegativeSeconds(ArgumentResult result) => Seconds(result, allowZero: true);

    /// <summary>A parser for one of <paramref name="allowed"/> (exact spelling).</summary>
    public static Func<ArgumentResult, string?> OneOf(params string[] allowed) =>
        result => Token(result) is { } token ? Choice(result, token, allowed) : null;

    /// <summary>A parser for values given together (<c>--modes soa fast</c>), each one of <paramref name="allowed"/>.</summary>
    public static Func<ArgumentResult, string[]?> SomeOf(params string[] allowed) =>
        result => [.. result.Tokens.Select(token => Choice(result, token.Value, allowed))];

    private static long Integer(ArgumentResult result, long min, long max) =>
        Token(result) is { } token ? Integer(result, token, min, max) : default;

    private static long Integer(ArgumentResult result, string token, long min, long max)
    {
        var allowed = max is int.MaxValue or long.MaxValue ? $"an integer >= {min}" : $"an integer {min}-{max}";
        if (!long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{Name(result)}: '{token}' is not a number; expected {allowed}.");
            return default;
        }

        if (value < min || value > max)
        {
            result.AddError($"{Name(result)}: {token} is out of range; expected {allowed}.");
            return default;
        }

        return value;
    }

    private static double Seconds(ArgumentResult result, bool allowZero)
    {
        var allowed = allowZero ? "a number of seconds >= 0" : "a number of seconds > 0";
        if (Token(result) is not { } token)
        {
            return default;
        }

        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            result.AddError($"{Name(result)}: '{token}' is not a number; expected {allowed}.");
            return default;
        }

        if (value < 0 || (value == 0 && !allowZero))
        {
            result.AddError($"{Name(result)}: {token} is out of range; expected {allowed}.");
            return default;
        }

        return value;
    }

    private static string Choice(ArgumentResult result, string token, string[] allowed)
    {
        if (!allowed.Contains(token, StringComparer.Ordinal))
        {
            result.AddError($"{Name(result)}: '{token}' is not accepted; expected one of {string.Join(", ", allowed)}.");
        }

        return token;
    }

    /// <summary>The one token given; a missing one is reported by the parser itself (arity).</summary>
    private static string? Token(ArgumentResult result) => result.Tokens.Count == 0 ? null : result.Tokens[^1].Value;

    private static string Name(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
