namespace RlGym.Core.Rendering;

/// <summary>
/// An RGB raster for rendering environments: <see cref="Height"/> rows of <see cref="Width"/> pixels, 3 bytes each.
/// </summary>
/// <remarks>
/// Coordinates: x is the column (left to right), y is the row (top to bottom). Pixel (x, y) covers the unit square
/// [x, x + 1) x [y, y + 1), so its centre is (x + 0.5, y + 0.5). Shapes given in <see cref="double"/> coordinates
/// cover the pixels whose centres they contain. Everything is clipped to the canvas. Gymnasium's pygame renders draw
/// with y pointing up and flip the surface at the end; do the same with <see cref="FlipVertical"/>.
/// </remarks>
public sealed class Canvas
{
    /// <summary>A canvas of <paramref name="height"/> x <paramref name="width"/> black pixels.</summary>
    public Canvas(int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        Height = height;
        Width = width;
        Pixels = new byte[checked(height * width * 3)];
    }

    /// <summary>A canvas of <paramref name="height"/> x <paramref name="width"/> pixels filled with <paramref name="background"/>.</summary>
    public Canvas(int height, int width, Color background)
        : this(height, width) => Clear(background);

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>The pixels, row-major, 3 bytes (R, G, B) each: the byte of channel c at (x, y) is at (y * Width + x) * 3 + c.</summary>
    public byte[] Pixels { get; }

    /// <summary>The colour at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The pixel is outside the canvas.</exception>
    public Color GetPixel(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"Pixel ({x}, {y}) is outside the {Width}x{Height} (width x height) canvas.");
        }

        var i = ((y * Width) + x) * 3;
        return new(Pixels[i], Pixels[i + 1], Pixels[i + 2]);
    }

    /// <summary>Sets one pixel; pixels outside the canvas are ignored.</summary>
    public void SetPixel(int x, int y, Color color)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            return;
        }

        var i = ((y * Width) + x) * 3;
        Pixels[i] = color.R;
        Pixels[i + 1] = color.G;
        Pixels[i + 2] = color.B;
    }

    /// <summary>Mixes <paramref name="color"/> into one pixel with weight <paramref name="alpha"/> (0-1); outside pixels are ignored.</summary>
    public void BlendPixel(int x, int y, Color color, double alpha)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            return;
        }

        var i = ((y * Width) + x) * 3;
        var mixed = color.Over(new Color(Pixels[i], Pixels[i + 1], Pixels[i + 2]), alpha);
        Pixels[i] = mixed.R;
        Pixels[i + 1] = mixed.G;
        Pixels[i + 2] = mixed.B;
    }

    /// <summary>Fills the whole canvas with <paramref name="color"/>.</summary>
    public void Clear(Color color) => FillRectangle(0, 0, Width, Height, color);

    /// <summary>Fills the <paramref name="width"/> x <paramref name="height"/> pixels whose top-left pixel is (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public void FillRectangle(int x, int y, int width, int height, Color color)
    {
        var x0 = Math.Max(x, 0);
        var y0 = Math.Max(y, 0);
        var x1 = (int)Math.Min((long)x + width, Width);
        var y1 = (int)Math.Min((long)y + height, Height);
        for (var row = y0; row < y1; row++)
        {
            FillSpan(row, x0, x1, color);
        }
    }

    /// <summary>
    /// Fills a simple polygon (convex or not; even-odd rule for self-intersections) given its vertices in order.
    /// Without anti-aliasing a pixel is filled when its centre is inside; with it, edge pixels are mixed by
    /// coverage (4 sub-rows per row, exact horizontal coverage).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 3 vertices, or a vertex is not finite.</exception>
    public void FillPolygon(ReadOnlySpan<(double X, double Y)> vertices, Color color, bool antiAlias = false)
    {
        if (vertices.Length < 3)
        {
            throw new ArgumentException($"A polygon needs at least 3 vertices, got {vertices.Length}.", nameof(vertices));
        }

        var minY = double.PositiveInfinity;
        var maxY = double.NegativeInfinity;
        for (var i = 0; i < vertices.Length; i++)
        {
            var (vx, vy) = vertices[i];
            if (!double.IsFinite(vx) || !double.IsFinite(vy))
            {
                throw new ArgumentException($"Polygon vertex {i} ({vx}, {vy}) is not finite.", nameof(vertices));
            }

            minY = Math.Min(minY, vy);
            maxY = Math.Max(maxY, vy);
        }

        var firstRow = (int)Math.Clamp(Math.Floor(minY), 0, Height);
        var lastRow = (int)Math.Clamp(Math.Ceiling(maxY), -1, Height - 1);
        var crossings = new double[vertices.Length];
        var samples = antiAlias ? 4 : 1;
        var coverage = antiAlias ? new float[Width] : null;
        for (var row = firstRow; row <= lastRow; row++)
        {
            if (coverage is null)
            {
                var count = Crossings(vertices, row + 0.5, crossings);
                for (var k = 0; k + 1 < count; k += 2)
                {
                    // Pixels whose centre x + 0.5 lies in [left, right).
                    FillSpan(row, ClampColumn(Math.Ceiling(crossings[k] - 0.5)), ClampColumn(Math.Ceiling(crossings[k + 1] - 0.5)), color);
                }

                continue;
            }

            Array.Clear(coverage);
            for (var s = 0; s < samples; s++)
            {
                var count = Crossings(vertices, row + ((s + 0.5) / samples), crossings);
                for (var k = 0; k + 1 < count; k += 2)
                {
                    AddCoverage(coverage, crossings[k], crossings[k + 1], 1f / samples);
                }
            }

            for (var x = 0; x < Width; x++)
            {
                if (coverage[x] >= 0.999f)
                {
                    SetPixel(x, row, color);
                }
                else if (coverage[x] > 0f)
                {
                    BlendPixel(x, row, color, coverage[x]);
                }
            }
        }
    }

    /// <summary>
    /// Draws a straight line. <paramref name="thickness"/> &lt;= 1 gives a 1-pixel Bresenham line through the pixels
    /// containing both end points; a thicker line is the rectangle of that width centred on the segment.
    /// </summary>
    /// <exception cref="ArgumentException">A coordinate is not finite, or the thickness is not positive.</exception>
    public void DrawLine(double x0, double y0, double x1, double y1, double thickness, Color color)
    {
        if (!double.IsFinite(x0) || !double.IsFinite(y0) || !double.IsFinite(x1) || !double.IsFinite(y1))
        {
            throw new ArgumentException($"Line end points ({x0}, {y0}) and ({x1}, {y1}) must be finite.");
        }

        if (!(thickness > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(thickness), thickness, "Line thickness must be positive.");
        }

        if (thickness <= 1)
        {
            DrawThinLine(x0, y0, x1, y1, color);
            return;
        }

        var dx = x1 - x0;
        var dy = y1 - y0;
        var length = Math.Sqrt((dx * dx) + (dy * dy));
        if (length == 0)
        {
            FillCircle(x0, y0, thickness / 2, color);
            return;
        }

        var nx = -dy / length * thickness / 2;
        var ny = dx / length * thickness / 2;
        FillPolygon([(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny)], color);
    }

    /// <summary>Draws the closed outline of a polygon: <see cref="DrawLine"/> along each edge, last vertex back to the first.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 vertices.</exception>
    public void DrawPolygon(ReadOnlySpan<(double X, double Y)> vertices, double thickness, Color color)
    {
        if (vertices.Length < 2)
        {
            throw new ArgumentException($"A polygon outline needs at least 2 vertices, got {vertices.Length}.", nameof(vertices));
        }

        for (var i = 0; i < vertices.Length; i++)
        {
            var (ax, ay) = vertices[i];
            var (bx, by) = vertices[(i + 1) % vertices.Length];
            DrawLine(ax, ay, bx, by, thickness, color);
        }
    }

    /// <summary>Fills the disc of <paramref name="radius"/> around (<paramref name="cx"/>, <paramref name="cy"/>): every pixel whose centre is within the radius.</summary>
    /// <remarks>
    /// SDL_gfx (pygame's gfxdraw) draws integer circles around a pixel: pass that pixel's centre,
    /// (x + 0.5, y + 0.5), to get the same 2r + 1 pixels wide disc.
    /// </remarks>
    public void FillCircle(double cx, double cy, double radius, Color color)
    {
        RequireCircle(cx, cy, radius);
        var firstRow = (int)Math.Clamp(Math.Floor(cy - radius), 0, Height);
        var lastRow = (int)Math.Clamp(Math.Ceiling(cy + radius), -1, Height - 1);
        for (var row = firstRow; row <= lastRow; row++)
        {
            var dy = row + 0.5 - cy;
            var squared = (radius * radius) - (dy * dy);
            if (squared < 0)
            {
                continue;
            }

            var half = Math.Sqrt(squared);
            FillSpan(row, ClampColumn(Math.Ceiling(cx - half - 0.5)), ClampColumn(Math.Floor(cx + half - 0.5) + 1), color);
        }
    }

    /// <summary>Draws a circle outline: the pixels whose centres are within <paramref name="thickness"/>/2 of the circle of <paramref name="radius"/>.</summary>
    public void DrawCircle(double cx, double cy, double radius, double thickness, Color color)
    {
        RequireCircle(cx, cy, radius);
        if (!(thickness > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(thickness), thickness, "Circle outline thickness must be positive.");
        }

        var outer = radius + (thickness / 2);
        var inner = Math.Max(0, radius - (thickness / 2));
        var firstRow = (int)Math.Clamp(Math.Floor(cy - outer), 0, Height);
        var lastRow = (int)Math.Clamp(Math.Ceiling(cy + outer), -1, Height - 1);
        var firstColumn = ClampColumn(Math.Floor(cx - outer));
        var endColumn = ClampColumn(Math.Ceiling(cx + outer) + 1);
        for (var row = firstRow; row <= lastRow; row++)
        {
            var dy = row + 0.5 - cy;
            for (var x = firstColumn; x < endColumn; x++)
            {
                var dx = x + 0.5 - cx;
                var d2 = (dx * dx) + (dy * dy);
                if (d2 <= outer * outer && d2 >= inner * inner)
                {
                    SetPixel(x, row, color);
                }
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="text"/> with the built-in 5x7 font, each font pixel a <paramref name="scale"/> x
    /// <paramref name="scale"/> square, top-left corner at (<paramref name="x"/>, <paramref name="y"/>). Supports
    /// digits, letters (lower case drawn as upper case), space and <c>. , : ; - + = / ! ? ( ) % # ' " * &lt; &gt; _ [ ] | @ $ &amp;</c>;
    /// '\n' starts a new line; any other character is drawn as a hollow box.
    /// </summary>
    public void DrawText(int x, int y, string text, int scale, Color color)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        var penX = x;
        var penY = y;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                penX = x;
                penY += BitmapFont.LineHeight * scale;
                continue;
            }

            for (var row = 0; row < BitmapFont.GlyphHeight; row++)
            {
                for (var column = 0; column < BitmapFont.GlyphWidth; column++)
                {
                    if (BitmapFont.IsInk(c, column, row))
                    {
                        FillRectangle(penX + (column * scale), penY + (row * scale), scale, scale, color);
                    }
                }
            }

            penX += BitmapFont.Advance * scale;
        }
    }

    /// <summary>The size in pixels <see cref="DrawText"/> covers for <paramref name="text"/> (widest line; no trailing gap).</summary>
    public static (int Width, int Height) MeasureText(string text, int scale)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        var lines = text.Split('\n');
        var longest = lines.Max(l => l.Length);
        var width = longest == 0 ? 0 : ((longest * BitmapFont.Advance) - 1) * scale;
        var height = (((lines.Length - 1) * BitmapFont.LineHeight) + BitmapFont.GlyphHeight) * scale;
        return (width, height);
    }

    /// <summary>Copies <paramref name="frame"/> onto the canvas with its top-left pixel at (<paramref name="x"/>, <paramref name="y"/>), clipped.</summary>
    public void DrawFrame(RgbFrame frame, int x, int y)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var x0 = Math.Max(0, x);
        var x1 = (int)Math.Min(Width, (long)x + frame.Width);
        if (x1 <= x0)
        {
            return;
        }

        for (var row = Math.Max(0, -y); row < frame.Height && y + row < Height; row++)
        {
            var source = ((row * frame.Width) + (x0 - x)) * 3;
            var target = (((y + row) * Width) + x0) * 3;
            Array.Copy(frame.Pixels, source, Pixels, target, (x1 - x0) * 3);
        }
    }

    /// <summary>Mirrors the canvas top to bottom (pygame's <c>transform.flip(surf, False, True)</c>).</summary>
    public void FlipVertical()
    {
        var stride = Width * 3;
        var temp = new byte[stride];
        for (int top = 0, bottom = Height - 1; top < bottom; top++, bottom--)
        {
            var topRow = Pixels.AsSpan(top * stride, stride);
            var bottomRow = Pixels.AsSpan(bottom * stride, stride);
            topRow.CopyTo(temp);
            bottomRow.CopyTo(topRow);
            temp.CopyTo(bottomRow);
        }
    }

    /// <summary>A copy of the pixels as an <c>rgb_array</c> frame (later drawing does not change it).</summary>
    public RgbFrame ToFrame() => new(Height, Width, (byte[])Pixels.Clone());

    private void FillSpan(int row, int startColumn, int endColumn, Color color)
    {
        if ((uint)row >= (uint)Height)
        {
            return;
        }

        startColumn = Math.Max(startColumn, 0);
        endColumn = Math.Min(endColumn, Width);
        var i = ((row * Width) + startColumn) * 3;
        for (var x = startColumn; x < endColumn; x++, i += 3)
        {
            Pixels[i] = color.R;
            Pixels[i + 1] = color.G;
            Pixels[i + 2] = color.B;
        }
    }

    private void DrawThinLine(double x0, double y0, double x1, double y1, Color color)
    {
        // Clamp far-away end points first so the integer walk stays short; the clamp keeps the slope only
        // approximately, which is invisible for lines that far off the canvas.
        var limit = 4.0 * (Width + Height);
        var ax = (long)Math.Floor(Math.Clamp(x0, -limit, limit));
        var ay = (long)Math.Floor(Math.Clamp(y0, -limit, limit));
        var bx = (long)Math.Floor(Math.Clamp(x1, -limit, limit));
        var by = (long)Math.Floor(Math.Clamp(y1, -limit, limit));
        var dx = Math.Abs(bx - ax);
        var dy = -Math.Abs(by - ay);
        var sx = ax < bx ? 1 : -1;
        var sy = ay < by ? 1 : -1;
        var error = dx + dy;
        while (true)
        {
            SetPixel((int)ax, (int)ay, color);
            if (ax == bx && ay == by)
            {
                return;
            }

            var e2 = 2 * error;
            if (e2 >= dy)
            {
                error += dy;
                ax += sx;
            }

            if (e2 <= dx)
            {
                error += dx;
                ay += sy;
            }
        }
    }

    private int ClampColumn(double column) => (int)Math.Clamp(column, 0, Width);

    /// <summary>Sorted x coordinates where the polygon's edges cross the horizontal line at <paramref name="y"/>.</summary>
    private static int Crossings(ReadOnlySpan<(double X, double Y)> vertices, double y, double[] crossings)
    {
        var count = 0;
        for (var i = 0; i < vertices.Length; i++)
        {
            var (ax, ay) = vertices[i];
            var (bx, by) = vertices[(i + 1) % vertices.Length];

            // Half-open in y, so a vertex shared by two edges is counted once and horizontal edges never.
            if ((ay <= y && y < by) || (by <= y && y < ay))
            {
                crossings[count++] = ax + ((y - ay) * (bx - ax) / (by - ay));
            }
        }

        Array.Sort(crossings, 0, count);
        return count;
    }

    private static void AddCoverage(float[] coverage, double left, double right, float weight)
    {
        left = Math.Clamp(left, 0, coverage.Length);
        right = Math.Clamp(right, 0, coverage.Length);
        if (right <= left)
        {
            return;
        }

        var first = (int)left;
        var last = (int)right;
        if (first == last)
        {
            coverage[first] += (float)(right - left) * weight;
            return;
        }

        coverage[first] += (float)(first + 1 - left) * weight;
        for (var x = first + 1; x < last; x++)
        {
            coverage[x] += weight;
        }

        if (last < coverage.Length)
        {
            coverage[last] += (float)(right - last) * weight;
        }
    }

    private static void RequireCircle(double cx, double cy, double radius)
    {
        if (!double.IsFinite(cx) || !double.IsFinite(cy))
        {
            throw new ArgumentException($"Circle centre ({cx}, {cy}) must be finite.");
        }

        if (!(radius >= 0) || double.IsPositiveInfinity(radius))
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius, "Circle radius must be finite and not negative.");
        }
    }
}
