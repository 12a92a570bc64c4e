using System.Collections;
using System.Globalization;
using RlGym.Core.Spaces;

namespace RlGym.Core;

/// <summary>Formats values for error messages and casts untyped actions with clear errors.</summary>
public static class Formatting
{
    /// <summary>A short, readable rendering of a value: <c>[0.1, 2]</c>, <c>3</c>, <c>"text"</c>, <c>null</c>.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IDictionary d => "{" + string.Join(", ", d.Keys.Cast<object>().Select(k => $"{k}: {Describe(d[k])}")) + "}",
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Take(16).Select(Describe)) + (e.Cast<object?>().Skip(16).Any() ? ", ..." : "") + "]",
        _ => value.ToString() ?? value.GetType().Name,
    };

    /// <summary>Casts an untyped action to <typeparamref name="TAction"/>, or throws <see cref="InvalidActionException"/>.</summary>
    public static TAction CastAction<TAction>(object action, Space space)
    {
        if (action is TAction typed)
        {
            return typed;
        }

        // Integers arrive as long from the wire and from Python; Discrete actions are int.
        if (typeof(TAction) == typeof(int) && action is long l && l is >= int.MinValue and <= int.MaxValue)
        {
            return (TAction)(object)(int)l;
        }

        throw new InvalidActionException(
            $"Action {Describe(action)} of type {action?.GetType().Name ?? "null"} is not valid for the action space {space}; expected a {typeof(TAction).Name}.");
    }
}
