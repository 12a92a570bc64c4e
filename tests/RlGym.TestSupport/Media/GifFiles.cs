namespace RlGym.TestSupport.Media;

/// <summary>Checks on animated GIF files written by <c>GifEncoder</c>.</summary>
public static class GifFiles
{
    /// <summary>True when <paramref name="gif"/> starts with the GIF89a signature and ends with the trailer (0x3B).</summary>
    public static bool IsGif89a(byte[] gif) => gif.Length > 13 && gif.AsSpan(0, 6).SequenceEqual("GIF89a"u8) && gif[^1] == 0x3B;

    /// <summary>Counts image descriptors (0x2C) that follow a graphic control extension block (21 F9 04 .. .. .. .. 00): the frames.</summary>
    public static int CountFrames(byte[] gif)
    {
        var count = 0;
        for (var i = 0; i + 8 < gif.Length; i++)
        {
            if (gif[i] == 0x21 && gif[i + 1] == 0xF9 && gif[i + 2] == 0x04 && gif[i + 7] == 0x00 && gif[i + 8] == 0x2C)
            {
                count++;
            }
        }

        return count;
    }
}
