using RlGym.Core.Rendering;

namespace RlGym.Environments.Tests.ClassicControl;

/// <summary>
/// Where Gymnasium's classic-control renders put things, from its drawing formulas (y up, then flipped), so render
/// tests can look at the pixel a feature must cover.
/// </summary>
internal static class ClassicControlRenderProbe
{
    private const double MountainCarScale = 600 / (0.6 - -1.2);

    /// <summary>The colour at column <paramref name="x"/>, row <paramref name="row"/>.</summary>
    public static Color Pixel(RgbFrame frame, int x, int row)
    {
        var i = ((row * frame.Width) + x) * 3;
        return new Color(frame.Pixels[i], frame.Pixels[i + 1], frame.Pixels[i + 2]);
    }

    /// <summary>The pixel at the middle of the car body (40 x 20, 10 px above the track, tilted by cos(3x)).</summary>
    public static (int X, int Row) MountainCarBodyCentre(double position)
    {
        var angle = Math.Cos(3 * position);
        var x = ((position + 1.2) * MountainCarScale) - (10 * Math.Sin(angle));
        var y = 10 + (Height(position) * MountainCarScale) + (10 * Math.Cos(angle));
        return ((int)x, 399 - (int)y);
    }

    /// <summary>A pixel inside the flag's pennant: 5 px right of the pole, 5 px below its top.</summary>
    public static (int X, int Row) MountainCarPennant(double goalPosition)
    {
        var flagX = (int)((goalPosition + 1.2) * MountainCarScale);
        var top = (int)(Height(goalPosition) * MountainCarScale) + 50;
        return (flagX + 5, 399 - (top - 5));
    }

    private static double Height(double position) => (Math.Sin(3 * position) * 0.45) + 0.55;
}
