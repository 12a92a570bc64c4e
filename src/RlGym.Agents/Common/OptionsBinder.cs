using System.Globalization;
using System.Reflection;
using System.Text;

namespace RlGym.Agents.Common;

/// <summary>
/// Applies <c>--set key=value</c> overrides to an options record: keys are the snake_case names of its init
/// properties (<c>learning_rate</c> for <c>LearningRate</c>); values parse as the property's type (numbers in the
/// invariant culture, <c>true</c>/<c>false</c>, enum names in any case with <c>-</c> or <c>_</c>, int lists as
/// <c>64,64</c>). The one place overrides are bound.
/// </summary>
public static class OptionsBinder
{
    /// <summary>The snake_case keys <typeparamref name="T"/> accepts, in declaration order.</summary>
    public static IReadOnlyList<string> Keys<T>() => Properties(typeof(T)).Select(p => SnakeCase(p.Name)).ToArray();

    /// <summary>A copy of <paramref name="options"/> with <paramref name="overrides"/> applied.</summary>
    /// <exception cref="ArgumentException">An unknown key (the message lists the allowed ones) or an unparsable value (the message names the key and the expected type).</exception>
    public static T Apply<T>(T options, IReadOnlyDictionary<string, string>? overrides)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        if (overrides is null || overrides.Count == 0)
        {
            return options;
        }

        var properties = Properties(typeof(T)).ToDictionary(p => SnakeCase(p.Name), StringComparer.Ordinal);
        var clone = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(options, null)!;
        foreach (var (key, text) in overrides)
        {
            if (!properties.TryGetValue(key, out var property))
            {
                throw new ArgumentException(
                    $"Unknown option '{key}' for {Describe(typeof(T))}; allowed: {string.Join(", ", properties.Keys)}.", nameof(overrides));
            }

            property.SetValue(clone, Parse(key, text, property.PropertyType));
        }

        return clone;
    }

    /// <summary>The options as snake_case key → invariant text, the form <see cref="Apply{T}"/> reads back (saved in checkpoints).</summary>
    public static IReadOnlyDictionary<string, string> ToDictionary<T>(T options)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        return Properties(typeof(T)).ToDictionary(p => SnakeCase(p.Name), p => Format(p.GetValue(options)), StringComparer.Ordinal);
    }

    /// <summary><c>LearningRate</c> → <c>learning_rate</c>.</summary>
    public static string SnakeCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.Name != "EqualityContract");

    private static string Describe(Type type) => type.Name.EndsWith("Options", StringComparison.Ordinal) ? type.Name[..^"Options".Length] : type.Name;

    private static object Parse(string key, string text, Type type)
    {
        var value = text.Trim();
        object? parsed = null;
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (inner == typeof(int) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            parsed = i;
        }
        else if (inner == typeof(long) && TryParseLong(value, out var l))
        {
            parsed = l;
        }
        else if (inner == typeof(double) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsNaN(d))
        {
            parsed = d;
        }
        else if (inner == typeof(bool) && bool.TryParse(value, out var b))
        {
            parsed = b;
        }
        else if (inner.IsEnum)
        {
            var normalised = value.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
            if (Enum.GetNames(inner).FirstOrDefault(n => string.Equals(n, normalised, StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                parsed = Enum.Parse(inner, name);
            }
        }
        else if (inner == typeof(int[]))
        {
            var parts = value.Trim('[', ']').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var numbers = new int[parts.Length];
            if (parts.Length > 0 && parts.Select((p, k) => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out numbers[k]) && numbers[k] > 0).All(ok => ok))
            {
                parsed = numbers;
            }
        }
        else if (inner == typeof(string))
        {
            parsed = value;
        }

        return parsed ?? throw new ArgumentException($"Option '{key}' expects {Expected(inner)}; got '{text}'.", nameof(text));
    }

    // Integers also accept exact scientific notation (1e6), as rl-baselines3-zoo files write step counts.
    private static bool TryParseLong(string value, out long result)
    {
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result))
        {
            return true;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15)
        {
            result = (long)d;
            return true;
        }

        return false;
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "an integer",
        _ when type == typeof(double) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int[]) => "a comma-separated list of positive integers (e.g. 64,64)",
        { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type).Select(n => SnakeCase(n).Replace('_', '-'))),
        _ => type.Name,
    };

    private static string Format(object? value) => value switch
    {
        null => "",
        int[] list => string.Join(",", list.Select(v => v.ToString(CultureInfo.InvariantCulture))),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => SnakeCase(e.ToString()).Replace('_', '-'),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
