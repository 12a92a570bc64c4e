using RlGym.Core.Rendering;

namespace RlGym.Environments.Tests.ToyText;

/// <summary>Helpers for the rgb_array tests: save a frame for people to look at, compare frames by region.</summary>
internal static class RenderedFrames
{
    /// <summary>Writes <paramref name="frame"/> as <c>rlgym-toytext-<paramref name="name"/>.png</c> in the temp folder.</summary>
    public static string Save(RgbFrame frame, string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rlgym-toytext-{name}.png");
        File.WriteAllBytes(path, PngEncoder.Encode(frame));
        return path;
    }

    /// <summary>True when some pixel inside the rectangle differs between the two frames.</summary>
    public static bool DiffersIn(RgbFrame a, RgbFrame b, int x, int y, int width, int height)
    {
        for (var row = y; row < y + height; row++)
        {
            for (var col = x; col < x + width; col++)
            {
                var i = ((row * a.Width) + col) * 3;
                if (a.Pixels[i] != b.Pixels[i] || a.Pixels[i + 1] != b.Pixels[i + 1] || a.Pixels[i + 2] != b.Pixels[i + 2])
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The number of distinct colours in the frame (a blank frame has one).</summary>
    public static int ColourCount(RgbFrame frame)
    {
        var colours = new HashSet<int>();
        for (var i = 0; i < frame.Pixels.Length; i += 3)
        {
            colours.Add((frame.Pixels[i] << 16) | (frame.Pixels[i + 1] << 8) | frame.Pixels[i + 2]);
        }

        return colours.Count;
    }
}
