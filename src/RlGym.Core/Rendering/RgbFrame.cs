namespace RlGym.Core.Rendering;

/// <summary>An <c>rgb_array</c> frame: <see cref="Height"/> x <see cref="Width"/> x 3 bytes, row-major RGB.</summary>
public sealed record RgbFrame : Rendering
{
    /// <summary>Wraps <paramref name="pixels"/>, which must hold exactly height * width * 3 bytes.</summary>
    public RgbFrame(int height, int width, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != height * width * 3)
        {
            throw new ArgumentException($"An RGB frame of {height}x{width} needs {height * width * 3} bytes, got {pixels.Length}.", nameof(pixels));
        }

        Height = height;
        Width = width;
        Pixels = pixels;
    }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Pixels, row-major, 3 bytes (R, G, B) each.</summary>
    public byte[] Pixels { get; }
}
