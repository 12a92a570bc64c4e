using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using RlGym.Core.Rendering;

namespace RlGym.Core.Tests.Rendering;

public class PngEncoderTests
{
    private static RgbFrame RandomFrame(int height, int width, int seed)
    {
        var pixels = new byte[height * width * 3];
        new System.Random(seed).NextBytes(pixels);
        return new RgbFrame(height, width, pixels);
    }

    private static List<(string Type, byte[] Data, uint Crc)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[], uint)>();
        var offset = 8;
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length).ToArray();
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            chunks.Add((type, data, crc));
            offset += 12 + length;
        }

        return chunks;
    }

    [Fact]
    public void Encode_AnyFrame_StartsWithSignatureAndHasIhdrIdatIend()
    {
        var png = PngEncoder.Encode(RandomFrame(3, 5, 1));

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(["IHDR", "IDAT", "IEND"], Chunks(png).Select(c => c.Type));

        // IEND is empty, so its CRC is the CRC of "IEND": the bytes every PNG ends with.
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82 }, png[^12..]);
    }

    [Fact]
    public void Encode_Ihdr_DescribesAn8BitRgbImageOfTheFrameSize()
    {
        var ihdr = Chunks(PngEncoder.Encode(RandomFrame(3, 5, 1)))[0].Data;

        Assert.Equal(13, ihdr.Length);
        Assert.Equal(5, BinaryPrimitives.ReadInt32BigEndian(ihdr));
        Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(ihdr.AsSpan(4)));
        Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, ihdr[8..]);
    }

    [Fact]
    public void Encode_EveryChunk_CarriesTheCrcOfTypeAndData()
    {
        foreach (var (type, data, crc) in Chunks(PngEncoder.Encode(RandomFrame(4, 4, 2))))
        {
            Assert.Equal(Crc32.Compute([.. Encoding.ASCII.GetBytes(type), .. data]), crc);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 13)]
    [InlineData(40, 60)]
    public void Encode_IdatDecompressed_ReconstructsThePixelsRowByRow(int height, int width)
    {
        // A gradient (Sub-friendly) on the top half and noise (None-friendly) below exercises both filters.
        var frame = RandomFrame(height, width, 3);
        for (var i = 0; i < frame.Pixels.Length / 2; i++)
        {
            frame.Pixels[i] = (byte)(i / 3);
        }

        var idat = Chunks(PngEncoder.Encode(frame)).Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        using var zlib = new ZLibStream(new MemoryStream(idat), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var filtered = raw.ToArray();

        var stride = width * 3;
        Assert.Equal(height * (stride + 1), filtered.Length);
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = filtered[y * (stride + 1)];
            Assert.True(filter is 0 or 1, $"row {y} uses filter {filter}; the encoder promises None or Sub");
            for (var i = 0; i < stride; i++)
            {
                var value = filtered[(y * (stride + 1)) + 1 + i];
                var left = filter == 1 && i >= 3 ? pixels[(y * stride) + i - 3] : 0;
                pixels[(y * stride) + i] = (byte)(value + left);
            }
        }

        Assert.Equal(frame.Pixels, pixels);
    }

    [Fact]
    public void Encode_FlatImage_IsMuchSmallerThanItsPixels()
    {
        var frame = new Canvas(400, 600, Color.White).ToFrame();

        var png = PngEncoder.Encode(frame);

        Assert.True(png.Length < 10_000, $"a flat 400x600 frame took {png.Length} bytes");
    }
}
