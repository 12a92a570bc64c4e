using System.Globalization;

namespace RlGym.Environments.ClassicControl;

/// <summary>
/// Reads the reset options classic-control environments accept (Gymnasium's <c>utils.maybe_parse_reset_bounds</c> and
/// <c>utils.verify_number_and_cast</c>): each option must convert to a float the way Python's <c>float(x)</c> does.
/// </summary>
internal static class ResetBounds
{
    /// <summary>
    /// The <c>low</c> and <c>high</c> options, each defaulting when absent; rejects <c>low &gt; high</c>.
    /// </summary>
    public static (double Low, double High) Parse(IReadOnlyDictionary<string, object>? options, double defaultLow, double defaultHigh)
    {
        if (options is null)
        {
            return (defaultLow, defaultHigh);
        }

        var low = Option(options, "low", defaultLow);
        var high = Option(options, "high", defaultHigh);
        if (low > high)
        {
            throw new ArgumentException(
                $"Lower bound ({Describe(low)}) must be lower than higher bound ({Describe(high)}).", nameof(options));
        }

        return (low, high);
    }

    /// <summary>The option <paramref name="name"/> as a float, or <paramref name="fallback"/> when it is absent.</summary>
    public static double Option(IReadOnlyDictionary<string, object> options, string name, double fallback) =>
        options.TryGetValue(name, out var value) ? ToDouble(value) : fallback;

    /// <summary>Python's <c>float(x)</c> for the values an option can hold: numbers, bools and numeric strings.</summary>
    public static double ToDouble(object? value) => value switch
    {
        double d => d,
        float f => f,
        long l => l,
        int i => i,
        short s => s,
        sbyte b => b,
        byte b => b,
        ulong ul => ul,
        uint ui => ui,
        ushort us => us,
        decimal m => (double)m,
        bool b => b ? 1.0 : 0.0,
        string text when TryParsePythonFloat(text, out var parsed) => parsed,
        _ => throw new ArgumentException($"An option ({Core.Formatting.Describe(value)}) could not be converted to a float."),
    };

    private static bool TryParsePythonFloat(string text, out double value)
    {
        var trimmed = text.Trim();
        switch (trimmed.ToLowerInvariant())
        {
            case "inf" or "+inf" or "infinity" or "+infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
            case "nan" or "+nan" or "-nan":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static string Describe(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
