using System.Globalization;

namespace RlGym.Environments.ToyText;

/// <summary>ANSI colour codes as Gymnasium's <c>utils.colorize</c> writes them, for the <c>ansi</c> render mode.</summary>
public static class AnsiColors
{
    private static readonly Dictionary<string, int> ColorNumbers = new(StringComparer.Ordinal)
    {
        ["gray"] = 30,
        ["red"] = 31,
        ["green"] = 32,
        ["yellow"] = 33,
        ["blue"] = 34,
        ["magenta"] = 35,
        ["cyan"] = 36,
        ["white"] = 37,
        ["crimson"] = 38,
    };

    /// <summary>
    /// Wraps <paramref name="text"/> in the escape codes for <paramref name="color"/>: the background instead of the
    /// foreground when <paramref name="highlight"/>, plus bold when <paramref name="bold"/>; ends with a reset code.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown colour; the message lists the known ones.</exception>
    public static string Colorize(string text, string color, bool bold = false, bool highlight = false)
    {
        if (!ColorNumbers.TryGetValue(color, out var number))
        {
            throw new ArgumentException($"Unknown colour '{color}'; known colours: {string.Join(", ", ColorNumbers.Keys)}.", nameof(color));
        }

        var attributes = (number + (highlight ? 10 : 0)).ToString(CultureInfo.InvariantCulture) + (bold ? ";1" : string.Empty);
        return $"\u001b[{attributes}m{text}\u001b[0m";
    }
}
