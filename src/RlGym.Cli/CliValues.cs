using System.CommandLine.Parsing;
using System.Globalization;

namespace RlGym.Cli;

/// <summary>
/// Parsers for numeric options that name the option, the value given and the values allowed when the value is
/// wrong (e.g. <c>--port: 'abc' is not a number; expected an integer 0-65535</c>), set as an option's
/// <c>CustomParser</c> where it is declared. They run only on a value the user typed, never on a default.
/// </summary>
internal static class CliValues
{
    /// <summary>A TCP port, 0 (pick a free one) to 65535.</summary>
    public static int Port(ArgumentResult result) => Integer(result, 0, 65535);

    /// <summary>A count: an integer, at least 1.</summary>
    public static int Count(ArgumentResult result) => Integer(result, 1, int.MaxValue);

    /// <summary>A number of seconds, more than 0.</summary>
    public static double PositiveSeconds(ArgumentResult result) => Seconds(result, allowZero: false);

    /// <summary>A number of seconds, 0 or more (0 usually disables what it times).</summary>
    public static double NonNegativeSeconds(ArgumentResult result) => Seconds(result, allowZero: true);

    private static int Integer(ArgumentResult result, int min, int max)
    {
        var allowed = max == int.MaxValue ? $"an integer >= {min}" : $"an integer {min}-{max}";
        if (Token(result) is not { } token)
        {
            return default;
        }

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

        return (int)value;
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

    /// <summary>The one token given; a missing one is reported by the parser itself (arity).</summary>
    private static string? Token(ArgumentResult result) => result.Tokens.Count == 0 ? null : result.Tokens[^1].Value;

    private static string Name(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
