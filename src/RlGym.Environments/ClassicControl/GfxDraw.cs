using RlGym.Core.Rendering;

namespace RlGym.Environments.ClassicControl;

/// <summary>
/// The pygame <c>gfxdraw</c> calls Gymnasium's classic-control renders use, on a <see cref="Canvas"/>. gfxdraw takes
/// whole-pixel coordinates (it truncates), so shapes are drawn around pixel centres.
/// </summary>
internal static class GfxDraw
{
    /// <summary><c>aapolygon</c> + <c>filled_polygon</c>: the interior and the outline, vertices truncated to pixels.</summary>
    public static void Polygon(Canvas canvas, ReadOnlySpan<(double X, double Y)> vertices, Color color)
    {
        Span<(double X, double Y)> centres = stackalloc (double, double)[vertices.Length];
        for (var i = 0; i < vertices.Length; i++)
        {
            centres[i] = (Math.Truncate(vertices[i].X) + 0.5, Math.Truncate(vertices[i].Y) + 0.5);
        }

        canvas.FillPolygon(centres, color);
        canvas.DrawPolygon(centres, 1, color);
    }

    /// <summary><c>aacircle</c> + <c>filled_circle</c> around pixel (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static void Circle(Canvas canvas, int x, int y, int radius, Color color) =>
        canvas.FillCircle(x + 0.5, y + 0.5, radius, color);

    /// <summary><c>vline</c>: column <paramref name="x"/> from row <paramref name="y1"/> to <paramref name="y2"/>, both included.</summary>
    public static void VerticalLine(Canvas canvas, int x, int y1, int y2, Color color)
    {
        var top = Math.Min(y1, y2);
        canvas.FillRectangle(x, top, 1, Math.Abs(y2 - y1) + 1, color);
    }

    /// <summary><c>pygame.math.Vector2(x, y).rotate_rad(angle)</c>: counter-clockwise with y pointing up.</summary>
    public static (double X, double Y) Rotate(double x, double y, double angle)
    {
        var (sin, cos) = Math.SinCos(angle);
        return ((x * cos) - (y * sin), (x * sin) + (y * cos));
    }
}
