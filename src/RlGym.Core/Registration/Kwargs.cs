using System.Collections;
using System.Globalization;

namespace RlGym.Core.Registration;

/// <summary>
/// An environment's keyword arguments after merging the caller's over the registered defaults, with typed getters
/// whose errors name the kwarg, the value and what is allowed.
/// </summary>
public sealed class Kwargs
{
    private readonly IReadOnlyDictionary<string, object?> _values;

    /// <summary>Merges <paramref name="overrides"/> over <paramref name="defaults"/>; unknown names are rejected.</summary>
    public Kwargs(string envId, IReadOnlyDictionary<string, object?> defaults, IReadOnlyDictionary<string, object?>? overrides = null)
    {
        EnvId = envId;
        var merged = new Dictionary<string, object?>(defaults);
        foreach (var (name, value) in overrides ?? new Dictionary<string, object?>())
        {
            if (!defaults.ContainsKey(name))
            {
                var accepted = defaults.Count == 0 ? "none" : string.Join(", ", defaults.Keys.Order(StringComparer.Ordinal));
                throw new ArgumentException($"{envId} does not accept the kwarg {Formatting.Quote(name)}; accepted kwargs: {accepted}.");
            }

            merged[name] = value;
        }

        _values = merged;
    }

    /// <summary>The environment id these kwargs are for (used in messages).</summary>
    public string EnvId { get; }

    /// <summary>All values, merged.</summary>
    public IReadOnlyDictionary<string, object?> Values => _values;

    /// <summary>A boolean kwarg.</summary>
    public bool GetBool(string name) => Get(name) switch
    {
        bool b => b,
        var other => throw Wrong(name, other, "a bool"),
    };

    /// <summary>An integer kwarg (a double with an integral value is accepted, as Python would).</summary>
    public long GetInt(string name) => Get(name) switch
    {
        long l => l,
        int i => i,
        double d when d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
        var other => throw Wrong(name, other, "an int"),
    };

    /// <summary>A float kwarg (ints are widened, as Python would).</summary>
    public double GetDouble(string name) => Get(name) switch
    {
        double d => d,
        float f => f,
        long l => l,
        int i => i,
        var other => throw Wrong(name, other, "a float"),
    };

    /// <summary>A string kwarg, or null when the value is null.</summary>
    public string? GetString(string name) => Get(name) switch
    {
        null => null,
        string s => s,
        var other => throw Wrong(name, other, "a string"),
    };

    /// <summary>A list-of-strings kwarg (e.g. a map), or null when the value is null.</summary>
    public IReadOnlyList<string>? GetStringList(string name) => Get(name) switch
    {
        null => null,
        string s => [s],
        IEnumerable e when e.Cast<object?>().All(x => x is string) => e.Cast<string>().ToArray(),
        var other => throw Wrong(name, other, "a list of strings"),
    };

    /// <summary>The raw value.</summary>
    public object? Get(string name) =>
        _values.TryGetValue(name, out var value)
            ? value
            : throw new ArgumentException($"{EnvId} has no kwarg {Formatting.Quote(name)}.");

    private ArgumentException Wrong(string name, object? value, string expected) =>
        new($"{EnvId} kwarg '{name}' must be {expected}, got {Formatting.Describe(value)} ({value?.GetType().Name ?? "None"}).");

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(", ", _values.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={Formatting.Describe(kv.Value)}")));
}
