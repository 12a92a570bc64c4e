using RlGym.Core.Rendering;

namespace RlGym.Environments.MinAtar;

/// <summary>
/// Draws a MinAtar observation (rows x columns x channels booleans) as an <c>rgb_array</c> frame with MinAtar's own
/// colours: each cell takes the colour of its highest set channel, from seaborn's <c>cubehelix</c> palette with one
/// colour per channel, and black where no channel is set (MinAtar's <c>display_state</c> and <c>rgb_array</c>).
/// </summary>
public static class MinAtarRenderer
{
    /// <summary>Pixels per grid cell.</summary>
    public const int CellSize = 16;

    /// <summary>Pixels of the frame around the grid.</summary>
    public const int Border = 4;

    /// <summary>Colour of the frame around the grid.</summary>
    public static Color BorderColor => new(96, 96, 96);

    /// <summary>Colour of a cell with no channel set.</summary>
    public static Color Background => Color.Black;

    /// <summary>
    /// The colour of each of <paramref name="channels"/> channels: seaborn's <c>color_palette("cubehelix", n)</c>,
    /// i.e. matplotlib's 256-entry cubehelix colormap (gamma 1, start 0.5, rotation -1.5, hue 1) sampled at
    /// k / (n + 1) for k = 1..n, rounded to bytes.
    /// </summary>
    public static Color[] ChannelColors(int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        const int lutSize = 256;
        var colors = new Color[channels];
        for (var k = 1; k <= channels; k++)
        {
            // matplotlib looks a float x up as entry int(x * N) of a table built at linspace(0, 1, N).
            var entry = Math.Min((int)(k / (double)(channels + 1) * lutSize), lutSize - 1);
            var x = entry / (double)(lutSize - 1);
            colors[k - 1] = new Color(
                Cubehelix(x, -0.14861, 1.78277),
                Cubehelix(x, -0.29227, -0.90649),
                Cubehelix(x, 1.97294, 0.0));
        }

        return colors;
    }

    /// <summary>Renders <paramref name="observation"/> (row-major [row, column, channel]).</summary>
    /// <exception cref="ArgumentException">The observation does not hold rows x columns x channels elements.</exception>
    public static RgbFrame Render(ReadOnlySpan<bool> observation, int rows, int columns, int channels)
    {
        if (observation.Length != rows * columns * channels)
        {
            throw new ArgumentException(
                $"A {rows}x{columns}x{channels} observation holds {rows * columns * channels} elements, got {observation.Length}.",
                nameof(observation));
        }

        var colors = ChannelColors(channels);
        var canvas = new Canvas((rows * CellSize) + (2 * Border), (columns * CellSize) + (2 * Border), BorderColor);
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var color = Background;
                var cell = observation.Slice(((row * columns) + column) * channels, channels);
                for (var channel = channels - 1; channel >= 0; channel--)
                {
                    if (cell[channel])
                    {
                        color = colors[channel];
                        break;
                    }
                }

                canvas.FillRectangle(Border + (column * CellSize), Border + (row * CellSize), CellSize, CellSize, color);
            }
        }

        return canvas.ToFrame();
    }

    // One RGB component of matplotlib's cubehelix at x in [0, 1], clipped to [0, 1] and rounded to a byte.
    private static byte Cubehelix(double x, double p0, double p1)
    {
        const double start = 0.5;
        const double rotations = -1.5;
        const double hue = 1.0;
        var amplitude = hue * x * (1 - x) / 2;
        var phi = 2 * Math.PI * ((start / 3) + (rotations * x));
        var value = x + (amplitude * ((p0 * Math.Cos(phi)) + (p1 * Math.Sin(phi))));
        return (byte)Math.Round(Math.Clamp(value, 0, 1) * 255);
    }
}
