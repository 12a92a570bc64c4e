using System.Text;
using RlGym.Core.Rendering;

namespace RlGym.Core.Tests.Rendering;

public class Crc32Tests
{
    [Theory]
    [InlineData("IEND", 0xAE426082u)] // the CRC every PNG ends with
    [InlineData("123456789", 0xCBF43926u)] // the standard CRC-32 check value
    [InlineData("", 0x00000000u)]
    public void Compute_KnownInputs_GivesPublishedValues(string text, uint expected)
    {
        Assert.Equal(expected, Crc32.Compute(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Append_InPieces_EqualsComputeInOne()
    {
        var data = Encoding.ASCII.GetBytes("123456789");

        var running = Crc32.Append(Crc32.Append(Crc32.Start, data.AsSpan(0, 4)), data.AsSpan(4));

        Assert.Equal(0xCBF43926u, Crc32.Finish(running));
    }
}
