using System.Buffers.Binary;
using RlGym.Core.Rendering;

namespace RlGym.Core.Tests.Rendering;

public class PngDecoderTests
{
    [Fact]
    public void Decode_OurEncoding_GivesBackTheSamePixels()
    {
        var pixels = new byte[17 * 23 * 3];
        new System.Random(7).NextBytes(pixels);
        var frame = new RgbFrame(17, 23, pixels);

        var decoded = PngDecoder.Decode(PngEncoder.Encode(frame));

        Assert.Equal(17, decoded.Height);
        Assert.Equal(23, decoded.Width);
        Assert.Equal(pixels, decoded.Pixels);
    }

    [Fact]
    public void Decode_DrawnCanvas_RoundTrips()
    {
        var canvas = new Canvas(40, 60, Color.White);
        canvas.FillPolygon([(5, 5), (50, 10), (30, 35)], new Color(202, 152, 101), antiAlias: true);
        canvas.DrawText(2, 2, "CARTPOLE 42", 1, Color.Black);

        var decoded = PngDecoder.Decode(PngEncoder.Encode(canvas.ToFrame()));

        Assert.Equal(canvas.Pixels, decoded.Pixels);
    }

    [Fact]
    public void Decode_CorruptedCrc_ThrowsInvalidData()
    {
        var png = PngEncoder.Encode(new Canvas(2, 2).ToFrame());
        var ihdrCrcOffset = 8 + 8 + 13;
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(ihdrCrcOffset), 0xDEADBEEF);

        var error = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));

        Assert.Contains("IHDR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NotAPng_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => PngDecoder.Decode("GIF89a..."u8));
    }
}
