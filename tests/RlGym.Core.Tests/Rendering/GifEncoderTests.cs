using System.Text;
using RlGym.Core.Rendering;

namespace RlGym.Core.Tests.Rendering;

public class GifEncoderTests
{
    /// <summary>What a minimal GIF reader written for this test finds in a file.</summary>
    private sealed record DecodedGif(int Width, int Height, byte[] Palette, int LoopCount, List<int> Delays, List<byte[]> Indices);

    private static DecodedGif Decode(byte[] gif)
    {
        Assert.Equal("GIF89a", Encoding.ASCII.GetString(gif, 0, 6));
        var width = gif[6] | (gif[7] << 8);
        var height = gif[8] | (gif[9] << 8);
        var packed = gif[10];
        Assert.True((packed & 0x80) != 0, "the file must have a global colour table");
        var tableSize = 1 << ((packed & 7) + 1);
        var palette = gif[13..(13 + (tableSize * 3))];
        var at = 13 + (tableSize * 3);
        var loop = -1;
        var delays = new List<int>();
        var frames = new List<byte[]>();
        while (true)
        {
            var block = gif[at++];
            if (block == 0x3B)
            {
                Assert.Equal(gif.Length, at);
                return new DecodedGif(width, height, palette, loop, delays, frames);
            }

            if (block == 0x21)
            {
                var label = gif[at++];
                var data = ReadSubBlocks(gif, ref at);
                if (label == 0xFF)
                {
                    Assert.Equal("NETSCAPE2.0", Encoding.ASCII.GetString(data, 0, 11));
                    Assert.Equal(1, data[11]);
                    loop = data[12] | (data[13] << 8);
                }
                else if (label == 0xF9)
                {
                    delays.Add(data[1] | (data[2] << 8));
                }

                continue;
            }

            Assert.Equal(0x2C, block);
            Assert.Equal(width, gif[at + 4] | (gif[at + 5] << 8));
            Assert.Equal(height, gif[at + 6] | (gif[at + 7] << 8));
            Assert.Equal(0, gif[at + 8]);
            at += 9;
            var minCodeSize = gif[at++];
            frames.Add(Lzw(ReadSubBlocks(gif, ref at), minCodeSize, width * height));
        }
    }

    private static byte[] ReadSubBlocks(byte[] gif, ref int at)
    {
        var data = new List<byte>();
        while (gif[at] != 0)
        {
            var length = gif[at];
            data.AddRange(gif.AsSpan(at + 1, length).ToArray());
            at += 1 + length;
        }

        at++;
        return [.. data];
    }

    /// <summary>The textbook GIF LZW decoder (least significant bit first, 12-bit codes at most).</summary>
    private static byte[] Lzw(byte[] data, int minCodeSize, int pixelCount)
    {
        var clear = 1 << minCodeSize;
        var end = clear + 1;
        var output = new List<byte>();
        var dictionary = new List<byte[]>();
        void Reset()
        {
            dictionary.Clear();
            for (var i = 0; i < clear + 2; i++)
            {
                dictionary.Add([(byte)i]);
            }
        }

        Reset();
        var size = minCodeSize + 1;
        byte[]? previous = null;
        var bit = 0;
        while (true)
        {
            Assert.True(bit + size <= data.Length * 8, "the LZW stream ended without an end code");
            var code = 0;
            for (var k = 0; k < size; k++, bit++)
            {
                code |= ((data[bit / 8] >> (bit % 8)) & 1) << k;
            }

            if (code == clear)
            {
                Reset();
                size = minCodeSize + 1;
                previous = null;
                continue;
            }

            if (code == end)
            {
                break;
            }

            byte[] entry;
            if (code < dictionary.Count)
            {
                entry = dictionary[code];
            }
            else
            {
                Assert.Equal(dictionary.Count, code);
                Assert.NotNull(previous);
                entry = [.. previous, previous[0]];
            }

            output.AddRange(entry);
            if (previous is not null && dictionary.Count < 4096)
            {
                dictionary.Add([.. previous, entry[0]]);
            }

            if (dictionary.Count == 1 << size && size < 12)
            {
                size++;
            }

            previous = entry;
        }

        Assert.Equal(pixelCount, output.Count);
        return [.. output];
    }

    private static Color PaletteColor(byte[] palette, int index) => new(palette[index * 3], palette[(index * 3) + 1], palette[(index * 3) + 2]);

    private static RgbFrame StripesFrame(int height, int width, int shift)
    {
        var canvas = new Canvas(height, width, Color.White);
        for (var x = 0; x < width; x++)
        {
            if ((x + shift) % 3 == 0)
            {
                canvas.FillRectangle(x, 0, 1, height, new Color(202, 152, 101));
            }
        }

        canvas.DrawText(1, 1, "GIF", 1, Color.Black);
        return canvas.ToFrame();
    }

    [Fact]
    public void Encode_ThreeFrames_WritesHeaderLoopAndOneImagePerFrame()
    {
        var frames = new[] { StripesFrame(20, 30, 0), StripesFrame(20, 30, 1), StripesFrame(20, 30, 2) };

        var gif = Decode(GifEncoder.Encode(frames, fps: 50));

        Assert.Equal(30, gif.Width);
        Assert.Equal(20, gif.Height);
        Assert.Equal(768, gif.Palette.Length);
        Assert.Equal(0, gif.LoopCount);
        Assert.Equal([2, 2, 2], gif.Delays);
        Assert.Equal(3, gif.Indices.Count);
    }

    [Fact]
    public void Encode_FewColours_PaletteIndicesGiveBackTheExactPixels()
    {
        var frames = new[] { StripesFrame(20, 30, 0), StripesFrame(20, 30, 2) };

        var gif = Decode(GifEncoder.Encode(frames, fps: 4, loopCount: 3));

        Assert.Equal(3, gif.LoopCount);
        Assert.Equal([25, 25], gif.Delays);
        for (var f = 0; f < frames.Length; f++)
        {
            var decoded = gif.Indices[f].SelectMany(i => new[] { gif.Palette[i * 3], gif.Palette[(i * 3) + 1], gif.Palette[(i * 3) + 2] });
            Assert.Equal(frames[f].Pixels, decoded);
        }
    }

    [Fact]
    public void Encode_ManyColours_MapsEachPixelToTheNearestCubeColour()
    {
        // 128x128 noise: more than 256 colours (so the 6x7x6 cube is used) and more than 4096 LZW codes
        // (so the encoder must widen codes to 12 bits and clear its table).
        var pixels = new byte[128 * 128 * 3];
        new System.Random(11).NextBytes(pixels);
        var frame = new RgbFrame(128, 128, pixels);

        var gif = Decode(GifEncoder.Encode([frame], fps: 30));

        Assert.Equal([3], gif.Delays);
        var indices = gif.Indices[0];
        for (var p = 0; p < 128 * 128; p++)
        {
            var r = (int)Math.Round(pixels[p * 3] * 5 / 255.0, MidpointRounding.AwayFromZero);
            var g = (int)Math.Round(pixels[(p * 3) + 1] * 6 / 255.0, MidpointRounding.AwayFromZero);
            var b = (int)Math.Round(pixels[(p * 3) + 2] * 5 / 255.0, MidpointRounding.AwayFromZero);
            var expected = new Color(
                (byte)Math.Round(r * 51.0), (byte)Math.Round(g * 42.5, MidpointRounding.AwayFromZero), (byte)Math.Round(b * 51.0));
            Assert.Equal(expected, PaletteColor(gif.Palette, indices[p]));
        }
    }

    [Fact]
    public void Encode_LongUniformRun_DecodesBackToOneIndex()
    {
        // A single colour compresses into ever longer codes: the stress case for code-width changes.
        var frame = new Canvas(300, 400, new Color(129, 132, 203)).ToFrame();

        var gif = Decode(GifEncoder.Encode([frame], fps: 50));

        Assert.All(gif.Indices[0], i => Assert.Equal(new Color(129, 132, 203), PaletteColor(gif.Palette, i)));
    }

    [Fact]
    public void Encode_FramesOfDifferentSizes_ThrowsNamingTheFrame()
    {
        var frames = new[] { new Canvas(2, 2).ToFrame(), new Canvas(3, 2).ToFrame() };

        var error = Assert.Throws<ArgumentException>(() => GifEncoder.Encode(frames, fps: 10));

        Assert.Contains("frame 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_NoFrames_Throws()
    {
        Assert.Throws<ArgumentException>(() => GifEncoder.Encode([], fps: 10));
    }
}
