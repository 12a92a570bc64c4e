namespace RlGym.Core.Rendering;

/// <summary>An opaque 8-bit RGB colour.</summary>
/// <param name="R">Red, 0-255.</param>
/// <param name="G">Green, 0-255.</param>
/// <param name="B">Blue, 0-255.</param>
public readonly record struct Color(byte R, byte G, byte B)
{
    /// <summary>(255, 255, 255).</summary>
    public static Color White => new(255, 255, 255);

    /// <summary>(0, 0, 0).</summary>
    public static Color Black => new(0, 0, 0);

    /// <summary>(255, 0, 0).</summary>
    public static Color Red => new(255, 0, 0);

    /// <summary>(0, 255, 0).</summary>
    public static Color Green => new(0, 255, 0);

    /// <summary>(0, 0, 255).</summary>
    public static Color Blue => new(0, 0, 255);

    /// <summary>(255, 255, 0).</summary>
    public static Color Yellow => new(255, 255, 0);

    /// <summary>(128, 128, 128).</summary>
    public static Color Gray => new(128, 128, 128);

    /// <summary>(192, 192, 192).</summary>
    public static Color LightGray => new(192, 192, 192);

    /// <summary>(64, 64, 64).</summary>
    public static Color DarkGray => new(64, 64, 64);

    /// <summary>
    /// Mixes this colour (weight <paramref name="alpha"/>) over <paramref name="background"/> (weight 1 - alpha),
    /// rounding to the nearest byte; alpha is clamped to [0, 1].
    /// </summary>
    public Color Over(Color background, double alpha)
    {
        var a = Math.Clamp(alpha, 0.0, 1.0);
        return new(Mix(R, background.R, a), Mix(G, background.G, a), Mix(B, background.B, a));
    }

    /// <inheritdoc />
    public override string ToString() => $"({R}, {G}, {B})";

    private static byte Mix(byte top, byte bottom, double alpha) =>
        (byte)Math.Round((top * alpha) + (bottom * (1.0 - alpha)), MidpointRounding.AwayFromZero);
}
