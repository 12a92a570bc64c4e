using System.Buffers.Binary;
using System.Text;
using RlGym.Agents.Common;

namespace RlGym.Agents.Tests.Common;

/// <summary>One decoded TensorBoard event: wall time, step, and either the file version or one scalar.</summary>
internal sealed record TensorBoardEvent(double WallTime, long Step, string? FileVersion, string? Tag, float? SimpleValue);

/// <summary>
/// Reads a TensorBoard event file independently of the writer: TFRecord framing with both masked CRC-32Cs checked, and
/// the few <c>Event</c> / <c>Summary</c> / <c>Value</c> protobuf fields scalars use (unknown fields are skipped).
/// </summary>
internal static class TensorBoardEventReader
{
    public static IReadOnlyList<TensorBoardEvent> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var events = new List<TensorBoardEvent>();
        var at = 0;
        while (at < bytes.Length)
        {
            var header = bytes.AsSpan(at, 8);
            var length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header));
            Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8, 4)), TensorBoardMetricWriter.MaskedCrc32C(header));
            var data = bytes.AsSpan(at + 12, length);
            Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 12 + length, 4)), TensorBoardMetricWriter.MaskedCrc32C(data));
            events.Add(DecodeEvent(data));
            at += 12 + length + 4;
        }

        Assert.Equal(bytes.Length, at);
        return events;
    }

    private static TensorBoardEvent DecodeEvent(ReadOnlySpan<byte> data)
    {
        double wallTime = 0;
        long step = 0;
        string? fileVersion = null, tag = null;
        float? value = null;
        var at = 0;
        while (at < data.Length)
        {
            var (field, wire) = ReadTag(data, ref at);
            switch (field, wire)
            {
                case (1, 1):
                    wallTime = BinaryPrimitives.ReadDoubleLittleEndian(data.Slice(at, 8));
                    at += 8;
                    break;
                case (2, 0):
                    step = (long)ReadVarint(data, ref at);
                    break;
                case (3, 2):
                    fileVersion = Encoding.UTF8.GetString(ReadLengthDelimited(data, ref at));
                    break;
                case (5, 2):
                    (tag, value) = DecodeSummary(ReadLengthDelimited(data, ref at));
                    break;
                default:
                    Skip(data, ref at, wire);
                    break;
            }
        }

        return new TensorBoardEvent(wallTime, step, fileVersion, tag, value);
    }

    private static (string? Tag, float? Value) DecodeSummary(ReadOnlySpan<byte> summary)
    {
        string? tag = null;
        float? value = null;
        var at = 0;
        while (at < summary.Length)
        {
            var (field, wire) = ReadTag(summary, ref at);
            if ((field, wire) != (1, 2))
            {
                Skip(summary, ref at, wire);
                continue;
            }

            var item = ReadLengthDelimited(summary, ref at);
            var i = 0;
            while (i < item.Length)
            {
                var (itemField, itemWire) = ReadTag(item, ref i);
                switch (itemField, itemWire)
                {
                    case (1, 2):
                        tag = Encoding.UTF8.GetString(ReadLengthDelimited(item, ref i));
                        break;
                    case (2, 5):
                        value = BinaryPrimitives.ReadSingleLittleEndian(item.Slice(i, 4));
                        i += 4;
                        break;
                    default:
                        Skip(item, ref i, itemWire);
                        break;
                }
            }
        }

        return (tag, value);
    }

    private static (int Field, int Wire) ReadTag(ReadOnlySpan<byte> data, ref int at)
    {
        var key = ReadVarint(data, ref at);
        return ((int)(key >> 3), (int)(key & 7));
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private static ReadOnlySpan<byte> ReadLengthDelimited(ReadOnlySpan<byte> data, ref int at)
    {
        var length = (int)ReadVarint(data, ref at);
        var slice = data.Slice(at, length);
        at += length;
        return slice;
    }

    private static void Skip(ReadOnlySpan<byte> data, ref int at, int wire)
    {
        switch (wire)
        {
            case 0:
                ReadVarint(data, ref at);
                break;
            case 1:
                at += 8;
                break;
            case 2:
                ReadLengthDelimited(data, ref at);
                break;
            case 5:
                at += 4;
                break;
            default:
                throw new InvalidDataException($"Unexpected wire type {wire}.");
        }
    }
}
