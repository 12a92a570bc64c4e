using RlGym.Core.Rendering;

namespace RlGym.Environments.ClassicControl;

/// <summary>
/// The 400x600 frame both mountain cars render, drawn as Gymnasium draws it: the hill curve, the car body tilted with
/// the slope, two grey wheels, and the flag at the goal.
/// </summary>
internal static class MountainCarRendering
{
    /// <summary>Frame height in pixels.</summary>
    public const int ScreenHeight = 400;

    /// <summary>Frame width in pixels.</summary>
    public const int ScreenWidth = 600;

    private const double MinPosition = MountainCarDynamics.MinPosition;
    private const double Scale = ScreenWidth / (MountainCarDynamics.MaxPosition - MinPosition);
    private const double CarWidth = 40;
    private const double CarHeight = 20;
    private const double Clearance = 10;

    private static readonly Color WheelColor = new(128, 128, 128);
    private static readonly Color FlagColor = new(204, 204, 0);

    /// <summary>Draws the car at <paramref name="position"/> and the flag at <paramref name="goalPosition"/>.</summary>
    public static RgbFrame Render(double position, double goalPosition)
    {
        // Drawn with y pointing up, flipped at the end, as Gymnasium's pygame code does.
        var canvas = new Canvas(ScreenHeight, ScreenWidth, Color.White);

        // The hill: 100 points of height(x) joined by lines.
        const int points = 100;
        var (previousX, previousY) = (0.0, 0.0);
        for (var i = 0; i < points; i++)
        {
            var x = MinPosition + ((MountainCarDynamics.MaxPosition - MinPosition) * i / (points - 1));
            var (px, py) = ((x - MinPosition) * Scale, MountainCarDynamics.Height(x) * Scale);
            if (i > 0)
            {
                canvas.DrawLine(previousX, previousY, px, py, 1, Color.Black);
            }

            (previousX, previousY) = (px, py);
        }

        // The car: a 40x20 box resting on the track, tilted by cos(3 x) radians.
        var angle = Math.Cos(3 * position);
        var baseX = (position - MinPosition) * Scale;
        var baseY = Clearance + (MountainCarDynamics.Height(position) * Scale);
        Span<(double X, double Y)> body = stackalloc (double, double)[4];
        var (l, r, t, b) = (-CarWidth / 2, CarWidth / 2, CarHeight, 0.0);
        ReadOnlySpan<(double X, double Y)> corners = [(l, b), (l, t), (r, t), (r, b)];
        for (var i = 0; i < corners.Length; i++)
        {
            var (cx, cy) = GfxDraw.Rotate(corners[i].X, corners[i].Y, angle);
            body[i] = (cx + baseX, cy + baseY);
        }

        GfxDraw.Polygon(canvas, body, Color.Black);

        foreach (var offset in (ReadOnlySpan<double>)[CarWidth / 4, -CarWidth / 4])
        {
            var (wx, wy) = GfxDraw.Rotate(offset, 0, angle);
            GfxDraw.Circle(canvas, (int)(wx + baseX), (int)(wy + baseY), (int)(CarHeight / 2.5), WheelColor);
        }

        // The flag: a 50-pixel pole and a yellow pennant.
        var flagX = (int)((goalPosition - MinPosition) * Scale);
        var flagY1 = (int)(MountainCarDynamics.Height(goalPosition) * Scale);
        var flagY2 = flagY1 + 50;
        GfxDraw.VerticalLine(canvas, flagX, flagY1, flagY2, Color.Black);
        GfxDraw.Polygon(canvas, [(flagX, flagY2), (flagX, flagY2 - 10), (flagX + 25, flagY2 - 5)], FlagColor);

        canvas.FlipVertical();
        return canvas.ToFrame();
    }
}
