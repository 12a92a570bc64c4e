using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RlGym.Agents.Common;

/// <summary>
/// Applies <c>--set key=value</c> overrides to an options record: keys are the snake_case names of its init
/// properties (<c>learning_rate</c> for <c>LearningRate</c>); values parse as the property's type (numbers in the
/// invariant culture, <c>true</c>/<c>false</c>, enum names in any case with <c>-</c> or <c>_</c>, int lists as
/// <c>64,64</c>). The one place overrides are bound; a JSON config (<see cref="ToJson{T}"/>,
/// <see cref="OverridesFromJson"/>) goes through the same parsing as <c>--set</c>.
/// </summary>
public static class OptionsBinder
{
    /// <summary>The snake_case keys <typeparamref name="T"/> accepts, in declaration order.</summary>
    public static IReadOnlyList<string> Keys<T>() => Properties(typeof(T)).Select(p => SnakeCase(p.Name)).ToArray();

    /// <summary>
    /// The options a training request resolves to: <paramref name="preset"/> (the env's tuned defaults), then the
    /// request's <see cref="TrainRequest.TotalSteps"/> and <see cref="TrainRequest.NumEnvs"/>, then its overrides
    /// (an explicit <c>--set total_steps=...</c> wins over <c>--total-steps</c>).
    /// </summary>
    public static T Resolve<T>(T preset, TrainRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        var overrides = new Dictionary<string, string>(request.Overrides, StringComparer.Ordinal);
        if (request.TotalSteps is { } totalSteps)
        {
            overrides.TryAdd("total_steps", totalSteps.ToString(CultureInfo.InvariantCulture));
        }

        if (request.NumEnvs is { } numEnvs)
        {
            overrides.TryAdd("num_envs", numEnvs.ToString(CultureInfo.InvariantCulture));
        }

        return Apply(preset, overrides);
    }

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

            // A nullable option (e.g. SAC's target_entropy) is reset to "automatic" by null, as its JSON form prints it.
            var isReset = Nullable.GetUnderlyingType(property.PropertyType) is not null && text.Trim() is "" or "null";
            property.SetValue(clone, isReset ? null : Parse(key, text, property.PropertyType));
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

    /// <summary>
    /// The options as a JSON object: snake_case keys in declaration order, numbers as numbers, <c>true</c>/<c>false</c>,
    /// enums as their kebab-case names, lists as arrays, an unset nullable as <c>null</c>. What
    /// <c>rlgym train --print-config</c> prints and <see cref="OverridesFromJson"/> reads back to the same options.
    /// </summary>
    public static JsonObject ToJson<T>(T options)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        var json = new JsonObject();
        foreach (var property in Properties(typeof(T)))
        {
            json[SnakeCase(property.Name)] = property.GetValue(options) switch
            {
                null => null,
                int[] list => new JsonArray([.. list.Select(v => (JsonNode)v)]),
                bool b => b,
                int i => i,
                long l => l,
                double d => d,
                var other => Format(other),
            };
        }

        return json;
    }

    /// <summary>
    /// Reads a JSON config (an object of snake_case key → value, as <see cref="ToJson{T}"/> writes it) into overrides
    /// that <see cref="Apply{T}"/> checks exactly as it checks <c>--set</c> values: a string is taken as written,
    /// anything else by its JSON text (so <c>"gamma": "high"</c>, <c>"gamma": true</c> or <c>"anneal_lr": 1</c> fail
    /// naming the key and the type expected).
    /// </summary>
    /// <exception cref="ArgumentException">The text is not JSON, or not a JSON object.</exception>
    public static IReadOnlyDictionary<string, string> OverridesFromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"not valid JSON ({e.Message}); expected an object of option name to value, as --print-config writes it.", nameof(json), e);
        }

        if (root is not JsonObject config)
        {
            throw new ArgumentException("expected a JSON object of option name to value, as --print-config writes it.", nameof(json));
        }

        return config.ToDictionary(
            kv => kv.Key,
            kv => kv.Value switch
            {
                null => "null",
                JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
                var node => node.ToJsonString(),
            },
            StringComparer.Ordinal);
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
