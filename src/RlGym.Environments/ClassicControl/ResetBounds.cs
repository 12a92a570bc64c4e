using System.Globalization;

namespace RlGym.Environments.ClassicControl;

/// <summary>
/// The <c>options={"low": ..., "high": ...}</c> of classic-control resets (Gymnasium's
/// <c>utils.maybe_parse_reset_bounds</c>).
/// </summary>
internal static class ResetBounds
{
    /// <summary>The bounds from <paramref name="options"/>, each defaulting when absent; low must not exceed high.</summary>
    /// <exception cref="ArgumentException">A bound is not a number, or low &gt; high.</exception>
    public static (double Low, double High) Parse(IReadOnlyDictionary<string, object>? options, double defaultLow, double defaultHigh)
    {
        if (options is null)
        {
            return (defaultLow, defaultHigh);
        }

        var low = options.TryGetValue("low", out var l) ? ToDouble(l, "low") : defaultLow;
        var high = options.TryGetValue("high", out var h) ? ToDouble(h, "high") : defaultHigh;
        if (low > high)
        {
            throw new ArgumentException($"Reset option low ({low}) must not be greater than high ({high}).", nameof(options));
        }

        return (low, high);
    }

    // Python's float(x): numbers, bools and numeric strings.
    private static double ToDouble(object? value, string name) => value switch
    {
        double d => d,
        float f => f,
        long n => n,
        int n => n,
        bool b => b ? 1.0 : 0.0,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new ArgumentException($"Reset option '{name}' ({value ?? "null"}) could not be converted to a float.", nameof(value)),
    };
}
