using RlGym.Core.Rendering;

namespace RlGym.Core.Tests.Rendering;

public class CanvasTests
{
    private static readonly Color Ink = new(10, 20, 30);

    private static List<(int X, int Y)> InkPixels(Canvas canvas, Color color)
    {
        var found = new List<(int X, int Y)>();
        for (var y = 0; y < canvas.Height; y++)
        {
            for (var x = 0; x < canvas.Width; x++)
            {
                if (canvas.GetPixel(x, y) == color)
                {
                    found.Add((x, y));
                }
            }
        }

        return found;
    }

    [Fact]
    public void Constructor_WithoutBackground_IsBlackAndSized()
    {
        var canvas = new Canvas(3, 5);

        Assert.Equal(3, canvas.Height);
        Assert.Equal(5, canvas.Width);
        Assert.Equal(45, canvas.Pixels.Length);
        Assert.All(canvas.Pixels, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Constructor_WithBackground_FillsEveryPixel()
    {
        var canvas = new Canvas(4, 6, Color.White);

        Assert.Equal(24, InkPixels(canvas, Color.White).Count);
    }

    [Fact]
    public void SetPixel_Inside_WritesRgbAtRowMajorOffset()
    {
        var canvas = new Canvas(4, 6);

        canvas.SetPixel(2, 3, new Color(1, 2, 3));

        var i = ((3 * 6) + 2) * 3;
        Assert.Equal(new byte[] { 1, 2, 3 }, canvas.Pixels[i..(i + 3)]);
    }

    [Fact]
    public void SetPixel_Outside_IsIgnored()
    {
        var canvas = new Canvas(4, 6);

        canvas.SetPixel(-1, 0, Ink);
        canvas.SetPixel(6, 0, Ink);
        canvas.SetPixel(0, 4, Ink);

        Assert.Empty(InkPixels(canvas, Ink));
    }

    [Fact]
    public void GetPixel_Outside_ThrowsWithCoordinates()
    {
        var canvas = new Canvas(4, 6);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => canvas.GetPixel(6, 1));

        Assert.Contains("(6, 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FillRectangle_PartlyOutside_FillsOnlyTheClippedPixels()
    {
        var canvas = new Canvas(5, 5);

        canvas.FillRectangle(3, -2, 4, 4, Ink);

        Assert.Equal([(3, 0), (4, 0), (3, 1), (4, 1)], InkPixels(canvas, Ink));
    }

    [Fact]
    public void Clear_AfterDrawing_ResetsEveryPixel()
    {
        var canvas = new Canvas(5, 5);
        canvas.FillRectangle(1, 1, 2, 2, Ink);

        canvas.Clear(Color.White);

        Assert.Equal(25, InkPixels(canvas, Color.White).Count);
    }

    [Fact]
    public void FillPolygon_AxisAlignedRectangle_FillsPixelsWhoseCentresAreInside()
    {
        var canvas = new Canvas(10, 10);

        canvas.FillPolygon([(2, 3), (6, 3), (6, 5), (2, 5)], Ink);

        var expected = new List<(int X, int Y)>();
        for (var y = 3; y < 5; y++)
        {
            for (var x = 2; x < 6; x++)
            {
                expected.Add((x, y));
            }
        }

        Assert.Equal(expected, InkPixels(canvas, Ink));
    }

    [Fact]
    public void FillPolygon_RightTriangle_FillsPixelsBelowTheHypotenuse()
    {
        // Centres (x + 0.5, y + 0.5) inside x + y < 10 are the pixels with x + y < 9: 9 + 8 + ... + 1 = 45.
        var canvas = new Canvas(12, 12);

        canvas.FillPolygon([(0, 0), (10, 0), (0, 10)], Ink);

        var pixels = InkPixels(canvas, Ink);
        Assert.Equal(45, pixels.Count);
        Assert.All(pixels, p => Assert.True(p.X + p.Y < 9, $"{p} is outside the triangle"));
    }

    [Fact]
    public void FillPolygon_ConcaveShape_LeavesTheNotchEmpty()
    {
        // A U shape: 6 wide, 6 high, with a 2 wide, 4 deep notch from the top in the middle.
        var canvas = new Canvas(8, 8);

        canvas.FillPolygon([(0, 0), (2, 0), (2, 4), (4, 4), (4, 0), (6, 0), (6, 6), (0, 6)], Ink);

        Assert.Equal(Ink, canvas.GetPixel(1, 1));
        Assert.Equal(Ink, canvas.GetPixel(5, 1));
        Assert.Equal(Color.Black, canvas.GetPixel(2, 1));
        Assert.Equal(Color.Black, canvas.GetPixel(3, 3));
        Assert.Equal(Ink, canvas.GetPixel(3, 4));
        Assert.Equal((6 * 6) - (2 * 4), InkPixels(canvas, Ink).Count);
    }

    [Fact]
    public void FillPolygon_RotatedSquare_IsSymmetricAroundItsCentre()
    {
        var canvas = new Canvas(20, 20);

        // Edges kept off pixel centres, where the half-open fill rule would break the symmetry.
        canvas.FillPolygon([(10, 2.25), (17.75, 10), (10, 17.75), (2.25, 10)], Ink);

        foreach (var (x, y) in InkPixels(canvas, Ink))
        {
            Assert.Equal(Ink, canvas.GetPixel(19 - x, y));
            Assert.Equal(Ink, canvas.GetPixel(x, 19 - y));
        }

        Assert.Equal(Ink, canvas.GetPixel(10, 10));
        Assert.Equal(Color.Black, canvas.GetPixel(3, 3));
    }

    [Fact]
    public void FillPolygon_AntiAliased_MixesHalfCoveredEdgePixels()
    {
        // x from 1.5 to 3.5: column 1 and column 3 are half covered, column 2 fully.
        var canvas = new Canvas(4, 5, Color.Black);

        canvas.FillPolygon([(1.5, 0), (3.5, 0), (3.5, 4), (1.5, 4)], Color.White, antiAlias: true);

        Assert.Equal(Color.Black, canvas.GetPixel(0, 2));
        Assert.Equal(new Color(128, 128, 128), canvas.GetPixel(1, 2));
        Assert.Equal(Color.White, canvas.GetPixel(2, 2));
        Assert.Equal(new Color(128, 128, 128), canvas.GetPixel(3, 2));
        Assert.Equal(Color.Black, canvas.GetPixel(4, 2));
    }

    [Fact]
    public void FillPolygon_FarOutside_DrawsNothing()
    {
        var canvas = new Canvas(5, 5);

        canvas.FillPolygon([(1e12, 1e12), (2e12, 1e12), (2e12, 2e12)], Ink);
        canvas.FillPolygon([(-50, -50), (-40, -50), (-40, -40)], Ink);

        Assert.Empty(InkPixels(canvas, Ink));
    }

    [Fact]
    public void FillPolygon_TwoVertices_Throws()
    {
        var canvas = new Canvas(5, 5);

        var error = Assert.Throws<ArgumentException>(() => canvas.FillPolygon([(0, 0), (1, 1)], Ink));

        Assert.Contains("at least 3 vertices", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FillPolygon_NaNVertex_Throws()
    {
        var canvas = new Canvas(5, 5);

        Assert.Throws<ArgumentException>(() => canvas.FillPolygon([(0, 0), (double.NaN, 1), (1, 1)], Ink));
    }

    [Fact]
    public void DrawLine_ThinHorizontal_ColoursOneRowBetweenTheEndPoints()
    {
        var canvas = new Canvas(5, 10);

        canvas.DrawLine(1, 2, 7, 2, 1, Ink);

        Assert.Equal([(1, 2), (2, 2), (3, 2), (4, 2), (5, 2), (6, 2), (7, 2)], InkPixels(canvas, Ink));
    }

    [Fact]
    public void DrawLine_ThinDiagonal_ColoursTheDiagonal()
    {
        var canvas = new Canvas(6, 6);

        canvas.DrawLine(0, 0, 4, 4, 1, Ink);

        Assert.Equal([(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)], InkPixels(canvas, Ink));
    }

    [Fact]
    public void DrawLine_ThickVertical_CoversThicknessColumnsCentredOnTheLine()
    {
        var canvas = new Canvas(10, 20);

        canvas.DrawLine(10, 2, 10, 8, 4, Ink);

        var pixels = InkPixels(canvas, Ink);
        Assert.Equal(4 * 6, pixels.Count);
        Assert.All(pixels, p => Assert.InRange(p.X, 8, 11));
        Assert.All(pixels, p => Assert.InRange(p.Y, 2, 7));
    }

    [Fact]
    public void DrawLine_NonPositiveThickness_Throws()
    {
        var canvas = new Canvas(5, 5);

        Assert.Throws<ArgumentOutOfRangeException>(() => canvas.DrawLine(0, 0, 3, 3, 0, Ink));
    }

    [Fact]
    public void DrawPolygon_Rectangle_ColoursTheBorderInclusiveOfBothCorners()
    {
        var canvas = new Canvas(6, 6);

        canvas.DrawPolygon([(1, 1), (4, 1), (4, 3), (1, 3)], 1, Ink);

        var pixels = InkPixels(canvas, Ink);
        Assert.Equal((4 * 2) + (1 * 2), pixels.Count);
        Assert.Contains((4, 3), pixels);
        Assert.DoesNotContain((2, 2), pixels);
    }

    [Fact]
    public void FillCircle_AroundPixelCentre_FillsTheIntegerDisc()
    {
        // Integer offsets (dx, dy) with dx² + dy² <= 25: 81 of them.
        var canvas = new Canvas(21, 21);

        canvas.FillCircle(10.5, 10.5, 5, Ink);

        var pixels = InkPixels(canvas, Ink);
        Assert.Equal(81, pixels.Count);
        Assert.All(pixels, p => Assert.True(((p.X - 10) * (p.X - 10)) + ((p.Y - 10) * (p.Y - 10)) <= 25));
        Assert.Equal(Ink, canvas.GetPixel(15, 10));
        Assert.Equal(Ink, canvas.GetPixel(13, 14));
        Assert.Equal(Color.Black, canvas.GetPixel(14, 14));
    }

    [Fact]
    public void DrawCircle_Outline_ColoursTheRingButNotTheCentre()
    {
        var canvas = new Canvas(21, 21);

        canvas.DrawCircle(10.5, 10.5, 5, 1, Ink);

        Assert.Equal(Ink, canvas.GetPixel(15, 10));
        Assert.Equal(Ink, canvas.GetPixel(10, 5));
        Assert.Equal(Color.Black, canvas.GetPixel(10, 10));
        Assert.Equal(Color.Black, canvas.GetPixel(17, 10));
        Assert.All(InkPixels(canvas, Ink), p =>
        {
            var d = Math.Sqrt(((p.X - 10) * (p.X - 10)) + ((p.Y - 10) * (p.Y - 10)));
            Assert.InRange(d, 4.5, 5.5);
        });
    }

    [Fact]
    public void DrawText_DigitOne_MatchesItsGlyphPicture()
    {
        string[] glyph = ["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."];
        var canvas = new Canvas(9, 8);

        canvas.DrawText(1, 1, "1", 1, Ink);

        for (var row = 0; row < 7; row++)
        {
            for (var column = 0; column < 5; column++)
            {
                var expected = glyph[row][column] == '#' ? Ink : Color.Black;
                Assert.Equal(expected, canvas.GetPixel(1 + column, 1 + row));
            }
        }
    }

    [Fact]
    public void DrawText_Scale2_DrawsEachFontPixelAsA2x2Block()
    {
        var small = new Canvas(10, 10);
        var large = new Canvas(20, 20);

        small.DrawText(0, 0, "A", 1, Ink);
        large.DrawText(0, 0, "A", 2, Ink);

        for (var y = 0; y < 20; y++)
        {
            for (var x = 0; x < 20; x++)
            {
                Assert.Equal(small.GetPixel(x / 2, y / 2), large.GetPixel(x, y));
            }
        }
    }

    [Fact]
    public void DrawText_LowerCase_DrawsLikeUpperCase()
    {
        var lower = new Canvas(10, 30);
        var upper = new Canvas(10, 30);

        lower.DrawText(0, 0, "ace", 1, Ink);
        upper.DrawText(0, 0, "ACE", 1, Ink);

        Assert.Equal(upper.Pixels, lower.Pixels);
    }

    [Fact]
    public void DrawText_SecondCharacter_StartsSixColumnsLater()
    {
        var pair = new Canvas(10, 20);
        var single = new Canvas(10, 20);

        pair.DrawText(0, 0, " 7", 1, Ink);
        single.DrawText(6, 0, "7", 1, Ink);

        Assert.Equal(single.Pixels, pair.Pixels);
    }

    [Fact]
    public void MeasureText_TwoLines_GivesWidestLineAndBothRows()
    {
        Assert.Equal((11, 7), Canvas.MeasureText("AB", 1));
        Assert.Equal((34, 30), Canvas.MeasureText("ABC\n1", 2));
    }

    [Fact]
    public void DrawFrame_PartlyOutside_CopiesTheOverlap()
    {
        var source = new Canvas(2, 2, Ink).ToFrame();
        var canvas = new Canvas(4, 4);

        canvas.DrawFrame(source, 3, -1);

        Assert.Equal([(3, 0)], InkPixels(canvas, Ink));
    }

    [Fact]
    public void FlipVertical_MovesTopRowToBottom()
    {
        var canvas = new Canvas(3, 2);
        canvas.SetPixel(1, 0, Ink);
        canvas.SetPixel(0, 1, Color.White);

        canvas.FlipVertical();

        Assert.Equal(Ink, canvas.GetPixel(1, 2));
        Assert.Equal(Color.White, canvas.GetPixel(0, 1));
        Assert.Equal(Color.Black, canvas.GetPixel(1, 0));
    }

    [Fact]
    public void ToFrame_LaterDrawing_DoesNotChangeTheFrame()
    {
        var canvas = new Canvas(2, 3, Color.White);

        var frame = canvas.ToFrame();
        canvas.Clear(Ink);

        Assert.Equal(2, frame.Height);
        Assert.Equal(3, frame.Width);
        Assert.All(frame.Pixels, b => Assert.Equal(255, b));
    }

    [Fact]
    public void ColorOver_HalfAlpha_AveragesChannels()
    {
        Assert.Equal(new Color(128, 64, 1), new Color(255, 128, 2).Over(Color.Black, 0.5));
        Assert.Equal(new Color(255, 128, 2), new Color(255, 128, 2).Over(Color.Black, 1.5));
    }
}
