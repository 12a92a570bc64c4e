using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RlGym.Core.Rendering;

/// <summary>Writes an <see cref="RgbFrame"/> as a PNG image (8-bit RGB, not interlaced).</summary>
public static class PngEncoder
{
    /// <summary>The 8 bytes every PNG file starts with.</summary>
    internal static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The PNG file for <paramref name="frame"/>.</summary>
    public static byte[] Encode(RgbFrame frame, CompressionLevel compression = CompressionLevel.Optimal)
    {
        using var output = new MemoryStream();
        Write(output, frame, compression);
        return output.ToArray();
    }

    /// <summary>Writes the PNG file for <paramref name="frame"/> to <paramref name="output"/>.</summary>
    public static void Write(Stream output, RgbFrame frame, CompressionLevel compression = CompressionLevel.Optimal)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(frame);
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, frame.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], frame.Height);
        header[8] = 8; // bits per channel
        header[9] = 2; // colour type: RGB
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method: adaptive
        header[12] = 0; // not interlaced
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", CompressRows(frame, compression));
        WriteChunk(output, "IEND", []);
    }

    /// <summary>
    /// Filters each row with None or Sub, whichever has the smaller sum of absolute (signed) bytes, the usual
    /// heuristic; flat renders compress far better after Sub.
    /// </summary>
    private static byte[] CompressRows(RgbFrame frame, CompressionLevel compression)
    {
        var stride = frame.Width * 3;
        var sub = new byte[stride];
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, compression, leaveOpen: true))
        {
            for (var y = 0; y < frame.Height; y++)
            {
                var row = frame.Pixels.AsSpan(y * stride, stride);
                long noneCost = 0;
                long subCost = 0;
                for (var i = 0; i < stride; i++)
                {
                    sub[i] = (byte)(row[i] - (i >= 3 ? row[i - 3] : 0));
                    noneCost += Math.Abs((int)(sbyte)row[i]);
                    subCost += Math.Abs((int)(sbyte)sub[i]);
                }

                if (subCost < noneCost)
                {
                    zlib.WriteByte(1);
                    zlib.Write(sub);
                }
                else
                {
                    zlib.WriteByte(0);
                    zlib.Write(row);
                }
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);

        Span<byte> typeBytes = stackalloc byte[4];
        Encoding.ASCII.GetBytes(type, typeBytes);
        output.Write(typeBytes);
        output.Write(data);

        // The CRC covers the type and the data, not the length.
        var crc = Crc32.Finish(Crc32.Append(Crc32.Append(Crc32.Start, typeBytes), data));
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }
}
