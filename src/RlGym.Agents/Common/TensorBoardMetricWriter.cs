using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace RlGym.Agents.Common;

/// <summary>
/// Writes metrics as TensorBoard scalar events into a log directory: one file
/// <c>events.out.tfevents.&lt;unix seconds&gt;.&lt;host&gt;.&lt;pid&gt;.&lt;n&gt;</c> of TFRecords (length, masked CRC-32C of
/// the length, an <c>Event</c> protobuf, masked CRC-32C of it), the first record carrying <c>file_version</c>
/// <c>brain.Event:2</c>, each later one a <c>Summary</c> with one <c>simple_value</c>. <c>wall_time</c> is seconds since
/// the Unix epoch with sub-second precision, as TensorBoard expects (TorchSharp 0.107's <c>SummaryWriter</c> writes the
/// first event's in .NET ticks and later ones in whole seconds, so it is not used). Written to the OS at most about
/// once a second and on <see cref="Flush"/>, so TensorBoard sees a live run.
/// </summary>
public sealed class TensorBoardMetricWriter : IMetricWriter
{
    /// <summary>The prefix of every event file's name, the one TensorBoard looks for.</summary>
    public const string FilePrefix = "events.out.tfevents.";

    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLengthDelimited = 2;
    private const int WireFixed32 = 5;

    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);
    private static int s_files;

    private readonly Lock _lock = new();
    private readonly FileStream _file;
    private readonly TimeProvider _time;
    private readonly MemoryStream _record = new();
    private long _lastFlush;
    private bool _disposed;

    /// <summary>Starts a new event file in <paramref name="logDirectory"/> (created when missing).</summary>
    /// <param name="logDirectory">The directory to write the event file into.</param>
    /// <param name="timeProvider">The clock for <c>wall_time</c> and flushing (null: the system clock).</param>
    public TensorBoardMetricWriter(string logDirectory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(logDirectory);
        _time = timeProvider ?? TimeProvider.System;
        LogDirectory = Path.GetFullPath(logDirectory);
        Directory.CreateDirectory(LogDirectory);
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"{FilePrefix}{_time.GetUtcNow().ToUnixTimeSeconds():D10}.{Environment.MachineName}.{Environment.ProcessId}.{Interlocked.Increment(ref s_files)}");
        FilePath = Path.Combine(LogDirectory, name);
        _file = new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 64 * 1024);
        _lastFlush = _time.GetTimestamp();
        WriteEvent(step: 0, fileVersion: "brain.Event:2", tag: null, value: 0);
        _file.Flush();
    }

    /// <summary>The directory the event file is written to.</summary>
    public string LogDirectory { get; }

    /// <summary>The event file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public void Write(string name, double value, long step)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            WriteEvent(step, fileVersion: null, name, (float)value);
            if (_time.GetElapsedTime(_lastFlush) >= FlushInterval)
            {
                FlushLocked();
            }
        }
    }

    /// <summary>Hands everything written so far to the OS (TensorBoard reads it from there).</summary>
    public void Flush()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                FlushLocked();
            }
        }
    }

    /// <summary>Flushes and closes the file; harmless when repeated.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _file.Dispose();
        }
    }

    /// <summary>CRC-32C (Castagnoli) of <paramref name="data"/>, as TFRecord uses it before masking.</summary>
    internal static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }

    /// <summary>TFRecord's masked CRC: rotated right by 15 bits plus a constant, so a CRC of data holding CRCs stays strong.</summary>
    internal static uint MaskedCrc32C(ReadOnlySpan<byte> data)
    {
        var crc = Crc32C(data);
        return unchecked(((crc >> 15) | (crc << 17)) + 0xA282EAD8u);
    }

    private void FlushLocked()
    {
        _file.Flush();
        _lastFlush = _time.GetTimestamp();
    }

    /// <summary>
    /// Appends one record holding <c>Event { wall_time = 1 (double), step = 2 (int64), file_version = 3 (string) |
    /// summary = 5 (Summary { value = 1 (Value { tag = 1 (string), simple_value = 2 (float) }) }) }</c>.
    /// </summary>
    private void WriteEvent(long step, string? fileVersion, string? tag, float value)
    {
        var wallTime = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalSeconds;
        var e = _record;
        e.SetLength(0);
        WriteTag(e, 1, WireFixed64);
        Span<byte> fixed8 = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(fixed8, wallTime);
        e.Write(fixed8);
        if (step != 0)
        {
            WriteTag(e, 2, WireVarint);
            WriteVarint(e, unchecked((ulong)step));
        }

        if (fileVersion is not null)
        {
            WriteBytes(e, 3, Encoding.UTF8.GetBytes(fileVersion));
        }

        if (tag is not null)
        {
            var tagBytes = Encoding.UTF8.GetBytes(tag);
            var valueLength = 1 + VarintLength((ulong)tagBytes.Length) + tagBytes.Length + 1 + 4;
            var summaryLength = 1 + VarintLength((ulong)valueLength) + valueLength;
            WriteTag(e, 5, WireLengthDelimited);
            WriteVarint(e, (ulong)summaryLength);
            WriteTag(e, 1, WireLengthDelimited);
            WriteVarint(e, (ulong)valueLength);
            WriteBytes(e, 1, tagBytes);
            WriteTag(e, 2, WireFixed32);
            Span<byte> fixed4 = stackalloc byte[4];
            BinaryPrimitives.WriteSingleLittleEndian(fixed4, value);
            e.Write(fixed4);
        }

        var data = e.GetBuffer().AsSpan(0, (int)e.Length);
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], MaskedCrc32C(header[..8]));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, MaskedCrc32C(data));
        _file.Write(header);
        _file.Write(data);
        _file.Write(footer);
    }

    private static void WriteTag(Stream s, int field, int wireType) => WriteVarint(s, (ulong)((field << 3) | wireType));

    private static void WriteBytes(Stream s, int field, byte[] bytes)
    {
        WriteTag(s, field, WireLengthDelimited);
        WriteVarint(s, (ulong)bytes.Length);
        s.Write(bytes);
    }

    private static void WriteVarint(Stream s, ulong value)
    {
        while (value >= 0x80)
        {
            s.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        s.WriteByte((byte)value);
    }

    private static int VarintLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }
}
