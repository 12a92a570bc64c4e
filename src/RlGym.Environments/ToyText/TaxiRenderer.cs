using RlGym.Core.Rendering;

namespace RlGym.Environments.ToyText;

/// <summary>
/// Draws Taxi frames at Gymnasium's size (350 x 550: the 7 x 11 text map in 50-pixel cells): road, wall medians
/// where the map has <c>|</c> and <c>-</c>, the four stands tinted half-transparent red, green, yellow and blue
/// (shifted down 10 pixels, as Gymnasium does), the waiting passenger, the destination building (raised half a cell,
/// drawn over the taxi when the taxi is above it) and the taxi seen from the side it last moved towards.
/// </summary>
internal static class TaxiRenderer
{
    private const int Cell = 50;
    private static readonly Color Road = new(196, 196, 190);
    private static readonly Color Median = new(70, 70, 75);
    private static readonly Color[] StandColors = [new(255, 0, 0), new(0, 255, 0), new(255, 255, 0), new(0, 0, 255)];

    /// <summary>Renders <paramref name="env"/>'s current state.</summary>
    public static RgbFrame Render(TaxiEnv env)
    {
        var map = TaxiEnv.MapRows;
        var canvas = new Canvas(map.Count * Cell, map[0].Length * Cell, Road);
        for (var y = 0; y < map.Count; y++)
        {
            for (var x = 0; x < map[y].Length; x++)
            {
                var (px, py) = (x * Cell, y * Cell);
                var c = map[y][x];
                if (c == '|')
                {
                    var top = y == 0 || map[y - 1][x] != '|' ? Cell / 4 : 0;
                    var bottom = y == map.Count - 1 || map[y + 1][x] != '|' ? Cell / 4 : 0;
                    canvas.FillRectangle(px + (Cell * 2 / 5), py + top, Cell / 5, Cell - top - bottom, Median);
                }
                else if (c == '-')
                {
                    var left = x == 0 || map[y][x - 1] != '-' ? Cell / 4 : 0;
                    var right = x == map[y].Length - 1 || map[y][x + 1] != '-' ? Cell / 4 : 0;
                    canvas.FillRectangle(px + left, py + (Cell * 2 / 5), Cell - left - right, Cell / 5, Median);
                }
            }
        }

        for (var i = 0; i < TaxiEnv.Stands.Count; i++)
        {
            var (sx, sy) = SurfaceLocation(TaxiEnv.Stands[i]);
            for (var row = 0; row < Cell; row++)
            {
                for (var col = 0; col < Cell; col++)
                {
                    canvas.BlendPixel(sx + col, sy + 10 + row, StandColors[i], 128 / 255.0);
                }
            }
        }

        var (taxiRow, taxiCol, passenger, destination) = TaxiEnv.Decode(env.State);
        if (passenger < 4)
        {
            Passenger(canvas, SurfaceLocation(TaxiEnv.Stands[passenger]));
        }

        var destinationAt = SurfaceLocation(TaxiEnv.Stands[destination]);
        destinationAt = (destinationAt.X, destinationAt.Y - (Cell / 2));
        var taxiAt = SurfaceLocation((taxiRow, taxiCol));
        if (destinationAt.Y + (Cell / 2) <= taxiAt.Y)
        {
            Building(canvas, destinationAt);
            Cab(canvas, taxiAt, env.TaxiOrientation, passenger == 4);
        }
        else
        {
            Cab(canvas, taxiAt, env.TaxiOrientation, passenger == 4);
            Building(canvas, destinationAt);
        }

        return canvas.ToFrame();
    }

    private static (int X, int Y) SurfaceLocation((int Row, int Col) mapLocation) =>
        (((mapLocation.Col * 2) + 1) * Cell, (mapLocation.Row + 1) * Cell);

    private static void Passenger(Canvas canvas, (int X, int Y) at)
    {
        var (x, y) = at;
        canvas.FillCircle(x + 25, y + 14, 7, new Color(250, 214, 170));
        canvas.FillPolygon([(x + 15, y + 44), (x + 35, y + 44), (x + 32, y + 22), (x + 18, y + 22)], new Color(120, 60, 160), antiAlias: true);
        canvas.FillRectangle(x + 19, y + 8, 12, 3, new Color(60, 40, 20));
    }

    private static void Building(Canvas canvas, (int X, int Y) at)
    {
        // Gymnasium draws its hotel at alpha 170.
        var alpha = 170 / 255.0;
        var (x, y) = at;
        BlendRectangle(canvas, x + 10, y + 12, 30, 34, new Color(150, 60, 50), alpha);
        BlendRectangle(canvas, x + 7, y + 8, 36, 5, new Color(90, 40, 35), alpha);
        for (var row = 0; row < 3; row++)
        {
            for (var col = 0; col < 3; col++)
            {
                BlendRectangle(canvas, x + 14 + (col * 9), y + 16 + (row * 9), 5, 5, new Color(255, 230, 120), alpha);
            }
        }
    }

    private static void BlendRectangle(Canvas canvas, int x, int y, int width, int height, Color color, double alpha)
    {
        for (var row = 0; row < height; row++)
        {
            for (var col = 0; col < width; col++)
            {
                canvas.BlendPixel(x + col, y + row, color, alpha);
            }
        }
    }

    private static void Cab(Canvas canvas, (int X, int Y) at, int orientation, bool occupied)
    {
        var (x, y) = at;
        var body = new Color(245, 200, 20);
        var glass = occupied ? new Color(120, 60, 160) : new Color(110, 170, 210);
        var tyre = new Color(30, 30, 30);
        if (orientation is 0 or 1)
        {
            // Seen from the front (moving south) or the rear (moving north).
            canvas.FillRectangle(x + 10, y + 40, 8, 6, tyre);
            canvas.FillRectangle(x + 32, y + 40, 8, 6, tyre);
            canvas.FillRectangle(x + 8, y + 22, 34, 20, body);
            canvas.FillRectangle(x + 13, y + 10, 24, 13, body);
            canvas.FillRectangle(x + 16, y + 13, 18, 8, glass);
            var lights = orientation == 0 ? new Color(255, 255, 220) : new Color(220, 30, 30);
            canvas.FillRectangle(x + 11, y + 28, 6, 5, lights);
            canvas.FillRectangle(x + 33, y + 28, 6, 5, lights);
            canvas.FillRectangle(x + 19, y + 6, 12, 4, tyre);
        }
        else
        {
            // Seen from the side, nose towards the direction of travel (east or west).
            var east = orientation == 2;
            double X(double dx) => east ? x + dx : x + Cell - dx;
            canvas.FillPolygon([(X(4), y + 22), (X(46), y + 22), (X(46), y + 38), (X(4), y + 38)], body);
            canvas.FillPolygon([(X(12), y + 22), (X(16), y + 10), (X(34), y + 10), (X(40), y + 22)], body);
            canvas.FillPolygon([(X(17), y + 20), (X(19), y + 13), (X(24), y + 13), (X(24), y + 20)], glass);
            canvas.FillPolygon([(X(27), y + 20), (X(27), y + 13), (X(33), y + 13), (X(36), y + 20)], glass);
            canvas.FillCircle(X(13), y + 39, 5, tyre);
            canvas.FillCircle(X(37), y + 39, 5, tyre);
            canvas.FillPolygon([(X(43), y + 25), (X(46), y + 25), (X(46), y + 29), (X(43), y + 29)], new Color(255, 255, 220));
        }
    }
}
