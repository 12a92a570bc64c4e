using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RlGym.Core.Rendering;

/// <summary>
/// Reads PNG images of the kind <see cref="PngEncoder"/> writes: 8-bit RGB, not interlaced, any of the five row
/// filters. Enough to read back our own renders (tests, tools); not a general PNG reader.
/// </summary>
public static class PngDecoder
{
    /// <summary>The frame stored in <paramref name="png"/>.</summary>
    /// <exception cref="InvalidDataException">Not a PNG, a chunk's CRC is wrong, or the format is not 8-bit RGB without interlacing.</exception>
    public static RgbFrame Decode(ReadOnlySpan<byte> png)
    {
        if (png.Length < 8 || !png[..8].SequenceEqual(PngEncoder.Signature))
        {
            throw new InvalidDataException("Not a PNG file: the 8-byte signature is missing.");
        }

        var width = 0;
        var height = 0;
        using var idat = new MemoryStream();
        var offset = 8;
        var ended = false;
        while (!ended)
        {
            if (offset + 12 > png.Length)
            {
                throw new InvalidDataException($"PNG truncated at byte {offset}: no IEND chunk.");
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(png[offset..]);
            if (length < 0 || offset + 12L + length > png.Length)
            {
                throw new InvalidDataException($"PNG chunk at byte {offset} claims {length} bytes, past the end of the file.");
            }

            var typeBytes = png.Slice(offset + 4, 4);
            var type = Encoding.ASCII.GetString(typeBytes);
            var data = png.Slice(offset + 8, length);
            var stored = BinaryPrimitives.ReadUInt32BigEndian(png[(offset + 8 + length)..]);
            var actual = Crc32.Finish(Crc32.Append(Crc32.Append(Crc32.Start, typeBytes), data));
            if (stored != actual)
            {
                throw new InvalidDataException($"PNG chunk {type} at byte {offset} has CRC 0x{stored:X8}, expected 0x{actual:X8}.");
            }

            switch (type)
            {
                case "IHDR":
                    (width, height) = ReadHeader(data);
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    ended = true;
                    break;
                default:
                    // Ancillary chunks (text, gamma, ...) do not change the pixels.
                    break;
            }

            offset += 12 + length;
        }

        if (width == 0)
        {
            throw new InvalidDataException("PNG has no IHDR chunk.");
        }

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        return new RgbFrame(height, width, Unfilter(zlib, height, width));
    }

    private static (int Width, int Height) ReadHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length != 13)
        {
            throw new InvalidDataException($"PNG IHDR has {data.Length} bytes, expected 13.");
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(data);
        var height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
        if (width <= 0 || height <= 0)
        {
            throw new InvalidDataException($"PNG size {width}x{height} is not positive.");
        }

        if (data[8] != 8 || data[9] != 2 || data[10] != 0 || data[11] != 0 || data[12] != 0)
        {
            throw new InvalidDataException(
                $"Only 8-bit RGB PNGs without interlacing are supported; got bit depth {data[8]}, colour type {data[9]}, interlace {data[12]}.");
        }

        return (width, height);
    }

    private static byte[] Unfilter(Stream rows, int height, int width)
    {
        var stride = width * 3;
        var pixels = new byte[height * stride];
        var filterByte = new byte[1];
        for (var y = 0; y < height; y++)
        {
            rows.ReadExactly(filterByte);
            var row = pixels.AsSpan(y * stride, stride);
            rows.ReadExactly(row);
            var previous = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : default;
            for (var i = 0; i < stride; i++)
            {
                int left = i >= 3 ? row[i - 3] : 0;
                int up = y > 0 ? previous[i] : 0;
                int upLeft = y > 0 && i >= 3 ? previous[i - 3] : 0;
                var predictor = filterByte[0] switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    var f => throw new InvalidDataException($"PNG row {y} uses filter type {f}; valid types are 0-4."),
                };
                row[i] = (byte)(row[i] + predictor);
            }
        }

        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
