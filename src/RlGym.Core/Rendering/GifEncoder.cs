using System.Text;

namespace RlGym.Core.Rendering;

/// <summary>
/// Writes a sequence of <see cref="RgbFrame"/>s as an animated GIF (GIF89a): one global 256-entry palette, LZW
/// image data, a per-frame delay from the frame rate and a NETSCAPE2.0 loop block.
/// </summary>
/// <remarks>
/// The palette holds the frames' exact colours when they use at most 256 distinct colours in all (flat renders
/// without anti-aliasing do); otherwise every pixel maps to the nearest colour of a 6 x 7 x 6 colour cube.
/// GIF delays are whole centiseconds, so the frame rate is rounded (50 fps -> 2 cs per frame).
/// </remarks>
public static class GifEncoder
{
    private const int MaxCodeWidth = 12;
    private const int ClearCode = 256;
    private const int EndCode = 257;

    // Levels of the fallback colour cube: red 6, green 7, blue 6 (252 colours; the eye is most sensitive to green).
    private const int RedLevels = 6;
    private const int GreenLevels = 7;
    private const int BlueLevels = 6;

    /// <summary>The GIF file for <paramref name="frames"/> shown at <paramref name="fps"/> frames per second.</summary>
    /// <param name="frames">At least one frame; all of the same size.</param>
    /// <param name="fps">Frames per second (positive).</param>
    /// <param name="loopCount">How many times viewers repeat the animation; 0 = forever.</param>
    public static byte[] Encode(IReadOnlyList<RgbFrame> frames, double fps, int loopCount = 0)
    {
        using var output = new MemoryStream();
        Write(output, frames, fps, loopCount);
        return output.ToArray();
    }

    /// <summary>Writes the GIF file for <paramref name="frames"/> to <paramref name="output"/>.</summary>
    /// <param name="output">The stream to write to.</param>
    /// <param name="frames">At least one frame; all of the same size.</param>
    /// <param name="fps">Frames per second (positive).</param>
    /// <param name="loopCount">How many times viewers repeat the animation; 0 = forever.</param>
    public static void Write(Stream output, IReadOnlyList<RgbFrame> frames, double fps, int loopCount = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0)
        {
            throw new ArgumentException("A GIF needs at least one frame.", nameof(frames));
        }

        if (!(fps > 0) || !double.IsFinite(fps))
        {
            throw new ArgumentOutOfRangeException(nameof(fps), fps, "Frames per second must be positive and finite.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(loopCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(loopCount, ushort.MaxValue);
        var width = frames[0].Width;
        var height = frames[0].Height;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].Width != width || frames[i].Height != height)
            {
                throw new ArgumentException(
                    $"Every GIF frame must have the first frame's size {height}x{width} (height x width); frame {i} is {frames[i].Height}x{frames[i].Width}.",
                    nameof(frames));
            }
        }

        if (width > ushort.MaxValue || height > ushort.MaxValue)
        {
            throw new ArgumentException($"GIF frames are at most 65535 pixels wide and high; got {height}x{width}.", nameof(frames));
        }

        var (palette, indexOf) = BuildPalette(frames);
        var delay = (ushort)Math.Clamp(Math.Round(100.0 / fps), 1, ushort.MaxValue);

        output.Write(Encoding.ASCII.GetBytes("GIF89a"));
        WriteUInt16(output, width);
        WriteUInt16(output, height);
        output.WriteByte(0xF7); // global colour table, 8 bits of colour resolution, 2^(7+1) = 256 entries
        output.WriteByte(0); // background colour index
        output.WriteByte(0); // no aspect ratio
        output.Write(palette);

        output.Write([0x21, 0xFF, 11]);
        output.Write(Encoding.ASCII.GetBytes("NETSCAPE2.0"));
        output.Write([3, 1]);
        WriteUInt16(output, loopCount);
        output.WriteByte(0);

        var indices = new byte[width * height];
        foreach (var frame in frames)
        {
            // Graphic control extension: disposal 1 (leave the frame in place), no transparency.
            output.Write([0x21, 0xF9, 4, 0x04]);
            WriteUInt16(output, delay);
            output.Write([0, 0]);

            // Image descriptor: the whole screen, no local colour table, not interlaced.
            output.WriteByte(0x2C);
            WriteUInt16(output, 0);
            WriteUInt16(output, 0);
            WriteUInt16(output, width);
            WriteUInt16(output, height);
            output.WriteByte(0);

            var pixels = frame.Pixels;
            for (var i = 0; i < indices.Length; i++)
            {
                indices[i] = indexOf(pixels[i * 3], pixels[(i * 3) + 1], pixels[(i * 3) + 2]);
            }

            output.WriteByte(8); // LZW minimum code size
            WriteSubBlocks(output, Compress(indices));
        }

        output.WriteByte(0x3B);
    }

    /// <summary>The 256 x RGB palette and the pixel-to-index map: exact colours if they fit, else the colour cube.</summary>
    private static (byte[] Palette, Func<byte, byte, byte, byte> IndexOf) BuildPalette(IReadOnlyList<RgbFrame> frames)
    {
        var exact = new Dictionary<int, byte>();
        foreach (var frame in frames)
        {
            var pixels = frame.Pixels;
            for (var i = 0; i < pixels.Length; i += 3)
            {
                var key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
                if (!exact.ContainsKey(key))
                {
                    if (exact.Count == 256)
                    {
                        return CubePalette();
                    }

                    exact[key] = (byte)exact.Count;
                }
            }
        }

        var palette = new byte[256 * 3];
        foreach (var (key, index) in exact)
        {
            palette[index * 3] = (byte)(key >> 16);
            palette[(index * 3) + 1] = (byte)(key >> 8);
            palette[(index * 3) + 2] = (byte)key;
        }

        return (palette, (r, g, b) => exact[(r << 16) | (g << 8) | b]);
    }

    private static (byte[] Palette, Func<byte, byte, byte, byte> IndexOf) CubePalette()
    {
        var palette = new byte[256 * 3];
        for (var r = 0; r < RedLevels; r++)
        {
            for (var g = 0; g < GreenLevels; g++)
            {
                for (var b = 0; b < BlueLevels; b++)
                {
                    var index = CubeIndex(r, g, b) * 3;
                    palette[index] = Level(r, RedLevels);
                    palette[index + 1] = Level(g, GreenLevels);
                    palette[index + 2] = Level(b, BlueLevels);
                }
            }
        }

        return (palette, (r, g, b) => (byte)CubeIndex(Nearest(r, RedLevels), Nearest(g, GreenLevels), Nearest(b, BlueLevels)));
    }

    private static int CubeIndex(int r, int g, int b) => (((r * GreenLevels) + g) * BlueLevels) + b;

    private static byte Level(int i, int levels) => (byte)Math.Round(i * 255.0 / (levels - 1), MidpointRounding.AwayFromZero);

    private static int Nearest(byte value, int levels) => (int)Math.Round(value * (levels - 1) / 255.0, MidpointRounding.AwayFromZero);

    /// <summary>GIF's variable-width LZW (codes 9-12 bits, least significant bit first), starting with a clear code.</summary>
    private static byte[] Compress(byte[] indices)
    {
        var writer = new BitWriter();
        var table = new Dictionary<int, int>();
        var width = 9;
        var highest = EndCode;
        var overflow = 1 << width;
        writer.Write(ClearCode, width);

        var prefix = (int)indices[0];
        for (var i = 1; i < indices.Length; i++)
        {
            var next = indices[i];
            var key = (prefix << 8) | next;
            if (table.TryGetValue(key, out var code))
            {
                prefix = code;
                continue;
            }

            writer.Write(prefix, width);
            prefix = next;

            // The code just implied by the emission; the decoder, one step behind, widens at the same point.
            highest++;
            if (highest == overflow)
            {
                width++;
                overflow <<= 1;
            }

            if (highest == (1 << MaxCodeWidth) - 1)
            {
                writer.Write(ClearCode, width);
                table.Clear();
                width = 9;
                highest = EndCode;
                overflow = 1 << width;
                continue;
            }

            table[key] = highest;
        }

        writer.Write(prefix, width);
        highest++;
        if (highest == overflow && width < MaxCodeWidth)
        {
            width++;
        }

        writer.Write(EndCode, width);
        return writer.ToArray();
    }

    private static void WriteSubBlocks(Stream output, byte[] data)
    {
        for (var offset = 0; offset < data.Length; offset += 255)
        {
            var length = Math.Min(255, data.Length - offset);
            output.WriteByte((byte)length);
            output.Write(data, offset, length);
        }

        output.WriteByte(0);
    }

    private static void WriteUInt16(Stream output, int value)
    {
        output.WriteByte((byte)value);
        output.WriteByte((byte)(value >> 8));
    }

    /// <summary>Packs codes least significant bit first.</summary>
    private sealed class BitWriter
    {
        private readonly MemoryStream _bytes = new();
        private ulong _buffer;
        private int _count;

        public void Write(int code, int width)
        {
            _buffer |= (ulong)code << _count;
            _count += width;
            while (_count >= 8)
            {
                _bytes.WriteByte((byte)_buffer);
                _buffer >>= 8;
                _count -= 8;
            }
        }

        public byte[] ToArray()
        {
            if (_count > 0)
            {
                _bytes.WriteByte((byte)_buffer);
                _buffer = 0;
                _count = 0;
            }

            return _bytes.ToArray();
        }
    }
}
