using System.Collections;
using System.Globalization;
using RlGym.Core.Spaces;

namespace RlGym.Core;

/// <summary>Formats values for error messages and casts untyped actions with clear errors.</summary>
public static class Formatting
{
    /// <summary>Characters of a quoted input kept by <see cref="Quote"/>; longer input is cut to this prefix.</summary>
    public const int QuotedPrefixLength = 64;

    /// <summary>Longest text <see cref="Describe"/> returns; longer renderings are cut and end with an ellipsis.</summary>
    public const int MaxDescriptionLength = 256;

    /// <summary>
    /// Input quoted in a message (an id, a handle, a kwarg name, a render mode): <c>'CartPole-v1'</c>, or for text
    /// longer than <see cref="QuotedPrefixLength"/> characters its prefix and size, <c>'xxxx…' (8,000 bytes)</c>, so a
    /// message never echoes a whole oversized input back (into logs and into a status that clients read as metadata).
    /// </summary>
    public static string Quote(string? text) => text is null ? "null" : Quoted(text, '\'');

    /// <summary>
    /// A short, readable rendering of a value: <c>[0.1, 2]</c>, <c>3</c>, <c>"text"</c>, <c>null</c>. Long strings keep
    /// a prefix and their size (see <see cref="Quote"/>), collections their first 16 items, and the whole rendering at
    /// most <see cref="MaxDescriptionLength"/> characters.
    /// </summary>
    public static string Describe(object? value)
    {
        var text = DescribeCore(value, depth: 0);
        return text.Length <= MaxDescriptionLength ? text : string.Concat(text.AsSpan(0, MaxDescriptionLength - 1), "…");
    }

    private static string DescribeCore(object? value, int depth) => value switch
    {
        null => "null",
        string s => Quoted(s, '"'),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ when depth >= 4 => value is IEnumerable ? "[...]" : value.GetType().Name,
        IDictionary d => "{" + string.Join(", ", d.Keys.Cast<object>().Take(16).Select(k => $"{(k is string key ? Quoted(key, null) : k)}: {DescribeCore(d[k], depth + 1)}"))
            + (d.Count > 16 ? ", ..." : "") + "}",
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Take(16).Select(x => DescribeCore(x, depth + 1))) + (e.Cast<object?>().Skip(16).Any() ? ", ..." : "") + "]",
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

    private static string Quoted(string text, char? quote)
    {
        if (text.Length <= QuotedPrefixLength)
        {
            return $"{quote}{text}{quote}";
        }

        // Do not cut a surrogate pair in two.
        var cut = char.IsHighSurrogate(text[QuotedPrefixLength - 1]) ? QuotedPrefixLength - 1 : QuotedPrefixLength;
        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        return string.Create(CultureInfo.InvariantCulture, $"{quote}{text.AsSpan(0, cut)}…{quote} ({bytes:N0} bytes)");
    }
}
