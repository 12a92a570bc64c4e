using RlGym.Core.Rendering;

namespace RlGym.Environments.ToyText;

/// <summary>
/// Small drawings shared by the toy-text renderers, standing in for Gymnasium's sprite images: each draws into the
/// <c>size</c> x <c>size</c> cell whose top-left corner is (<c>x</c>, <c>y</c>).
/// </summary>
internal static class ToyTextSprites
{
    /// <summary>Fills the ellipse centred at (<paramref name="cx"/>, <paramref name="cy"/>) with radii <paramref name="rx"/>, <paramref name="ry"/>.</summary>
    public static void FillEllipse(Canvas canvas, double cx, double cy, double rx, double ry, Color color)
    {
        const int Segments = 48;
        Span<(double X, double Y)> points = stackalloc (double, double)[Segments];
        for (var i = 0; i < Segments; i++)
        {
            var angle = 2 * Math.PI * i / Segments;
            points[i] = (cx + (rx * Math.Cos(angle)), cy + (ry * Math.Sin(angle)));
        }

        canvas.FillPolygon(points, color, antiAlias: true);
    }

    /// <summary>A walker (Gymnasium's elf) in a red hat, facing 0 left, 1 down, 2 right or 3 up.</summary>
    public static void Walker(Canvas canvas, double x, double y, double size, int facing)
    {
        var skin = new Color(250, 214, 170);
        var dark = new Color(40, 30, 30);
        FillEllipse(canvas, x + (0.5 * size), y + (0.7 * size), 0.26 * size, 0.24 * size, new Color(46, 139, 70));
        canvas.FillRectangle((int)(x + (0.36 * size)), (int)(y + (0.86 * size)), (int)(0.1 * size), (int)(0.1 * size), dark);
        canvas.FillRectangle((int)(x + (0.54 * size)), (int)(y + (0.86 * size)), (int)(0.1 * size), (int)(0.1 * size), dark);
        canvas.FillCircle(x + (0.5 * size), y + (0.42 * size), 0.17 * size, facing == 3 ? new Color(120, 80, 40) : skin);
        canvas.FillPolygon(
            [(x + (0.3 * size), y + (0.34 * size)), (x + (0.7 * size), y + (0.34 * size)), (x + (0.5 * size), y + (0.04 * size))],
            new Color(200, 30, 40),
            antiAlias: true);
        var eyeY = y + (0.45 * size);
        var eye = Math.Max(1.5, 0.03 * size);
        switch (facing)
        {
            case 0:
                canvas.FillCircle(x + (0.41 * size), eyeY, eye, dark);
                break;
            case 1:
                canvas.FillCircle(x + (0.44 * size), eyeY, eye, dark);
                canvas.FillCircle(x + (0.56 * size), eyeY, eye, dark);
                break;
            case 2:
                canvas.FillCircle(x + (0.59 * size), eyeY, eye, dark);
                break;
            default:
                break;
        }
    }

    /// <summary>A wooden stool marking the start (Gymnasium's stool sprite).</summary>
    public static void Stool(Canvas canvas, double x, double y, double size)
    {
        var wood = new Color(150, 95, 45);
        FillEllipse(canvas, x + (0.5 * size), y + (0.55 * size), 0.3 * size, 0.1 * size, new Color(181, 120, 62));
        canvas.FillRectangle((int)(x + (0.26 * size)), (int)(y + (0.6 * size)), Math.Max(2, (int)(0.06 * size)), (int)(0.3 * size), wood);
        canvas.FillRectangle((int)(x + (0.68 * size)), (int)(y + (0.6 * size)), Math.Max(2, (int)(0.06 * size)), (int)(0.3 * size), wood);
    }

    /// <summary>A wrapped present marking FrozenLake's goal.</summary>
    public static void Present(Canvas canvas, double x, double y, double size)
    {
        var ribbon = new Color(200, 30, 40);
        canvas.FillRectangle((int)(x + (0.22 * size)), (int)(y + (0.35 * size)), (int)(0.56 * size), (int)(0.5 * size), new Color(240, 190, 40));
        canvas.FillRectangle((int)(x + (0.46 * size)), (int)(y + (0.35 * size)), (int)(0.08 * size), (int)(0.5 * size), ribbon);
        canvas.FillRectangle((int)(x + (0.22 * size)), (int)(y + (0.55 * size)), (int)(0.56 * size), (int)(0.08 * size), ribbon);
        FillEllipse(canvas, x + (0.4 * size), y + (0.3 * size), 0.1 * size, 0.06 * size, ribbon);
        FillEllipse(canvas, x + (0.6 * size), y + (0.3 * size), 0.1 * size, 0.06 * size, ribbon);
    }

    /// <summary>A hole in the ice; <paramref name="cracked"/> adds the cracks of the walker having fallen in.</summary>
    public static void Hole(Canvas canvas, double x, double y, double size, bool cracked)
    {
        FillEllipse(canvas, x + (0.5 * size), y + (0.55 * size), 0.42 * size, 0.34 * size, new Color(90, 130, 170));
        FillEllipse(canvas, x + (0.5 * size), y + (0.58 * size), 0.36 * size, 0.28 * size, new Color(20, 40, 70));
        if (cracked)
        {
            var crack = new Color(235, 245, 255);
            var thickness = Math.Max(1.5, 0.03 * size);
            canvas.DrawLine(x + (0.5 * size), y + (0.58 * size), x + (0.2 * size), y + (0.3 * size), thickness, crack);
            canvas.DrawLine(x + (0.5 * size), y + (0.58 * size), x + (0.85 * size), y + (0.4 * size), thickness, crack);
            canvas.DrawLine(x + (0.5 * size), y + (0.58 * size), x + (0.45 * size), y + (0.92 * size), thickness, crack);
        }
    }

    /// <summary>A chocolate-chip cookie marking CliffWalking's goal.</summary>
    public static void Cookie(Canvas canvas, double x, double y, double size)
    {
        canvas.FillCircle(x + (0.5 * size), y + (0.55 * size), 0.3 * size, new Color(205, 150, 80));
        var chip = new Color(80, 45, 20);
        foreach (var (dx, dy) in new[] { (0.4, 0.45), (0.6, 0.5), (0.45, 0.65), (0.62, 0.68), (0.35, 0.58) })
        {
            canvas.FillCircle(x + (dx * size), y + (dy * size), 0.04 * size, chip);
        }
    }
}
