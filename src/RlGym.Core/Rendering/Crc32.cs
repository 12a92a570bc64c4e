namespace RlGym.Core.Rendering;

/// <summary>CRC-32 as PNG uses it (ISO 3309 / ITU-T V.42: reflected polynomial 0xEDB88320, inverted in and out).</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    /// <summary>The running value before any byte.</summary>
    public const uint Start = 0xFFFFFFFFu;

    /// <summary>Feeds <paramref name="data"/> into a running value started with <see cref="Start"/>.</summary>
    public static uint Append(uint running, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            running = Table[(running ^ b) & 0xFF] ^ (running >> 8);
        }

        return running;
    }

    /// <summary>The CRC of everything appended to <paramref name="running"/>.</summary>
    public static uint Finish(uint running) => running ^ 0xFFFFFFFFu;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
