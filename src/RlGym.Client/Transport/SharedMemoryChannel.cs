using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using RlGym.Protocol.SharedMemory;
using RlGym.Protocol.V1;

namespace RlGym.Client.Transport;

/// <summary>
/// One handle's attached shared-memory segment and its doorbell (AttachSharedMemory, docs/protocol.md "Shared memory
/// (same host)"): the client writes the action block, rings with a 32-byte frame and reads the result blocks after the
/// 16-byte answer. Linux only.
/// </summary>
internal sealed unsafe class SharedMemoryChannel : IDisposable
{
    private static readonly long SpinTicks = Stopwatch.Frequency / 20_000; // 50 µs

    private readonly Socket _socket;
    private readonly long _bytes;
    private readonly byte[] _request = new byte[SharedMemoryFrames.RequestBytes];
    private readonly byte[] _header = new byte[SharedMemoryFrames.ResponseHeaderBytes];
    private nint _address;
    private bool _spin = true;

    private SharedMemoryChannel(Socket socket, nint address, long bytes, AttachSharedMemoryResponse response)
    {
        _socket = socket;
        _address = address;
        _bytes = bytes;
        var blocks = response.Blocks.ToDictionary(b => b.Name);
        Action = Block(blocks, "action");
        Observation = Block(blocks, "observation");
        Reward = Block(blocks, "reward");
        Terminated = Block(blocks, "terminated");
        Truncated = Block(blocks, "truncated");
    }

    /// <summary>The action block (written before a step).</summary>
    public SharedMemoryBlock Action { get; }

    /// <summary>The observation block (written by the server before it answers a reset or step).</summary>
    public SharedMemoryBlock Observation { get; }

    /// <summary>The reward block.</summary>
    public SharedMemoryBlock Reward { get; }

    /// <summary>The terminated flags (one byte each).</summary>
    public SharedMemoryBlock Terminated { get; }

    /// <summary>The truncated flags (one byte each).</summary>
    public SharedMemoryBlock Truncated { get; }

    /// <summary>Whether this platform can attach (Linux).</summary>
    public static bool IsSupported => SharedMemoryNative.IsSupported;

    /// <summary>
    /// Connects to the doorbell <paramref name="response"/> names, sends the token, receives and maps the segment.
    /// </summary>
    /// <exception cref="IOException">The server refused or closed the doorbell, or the layout is another version.</exception>
    public static SharedMemoryChannel Open(AttachSharedMemoryResponse response, TimeSpan? deadline)
    {
        if (response.Version != SharedMemoryFrames.Version)
        {
            throw new IOException($"The server's shared-memory layout is version {response.Version}; this client knows {SharedMemoryFrames.Version}.");
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            var attachTimeout = (int)Math.Max(response.AttachTimeoutMs, 1000);
            socket.SendTimeout = attachTimeout;
            socket.ReceiveTimeout = attachTimeout;
            socket.Connect(new UnixDomainSocketEndPoint("\0" + response.Doorbell));
            socket.Send(response.Token.Span);
            var header = new byte[SharedMemoryFrames.ResponseHeaderBytes];
            var fd = SharedMemoryNative.ReceiveWithDescriptor(socket, header);
            if (fd < 0)
            {
                throw new IOException("The server answered the doorbell without the segment's descriptor.");
            }

            nint address;
            try
            {
                address = SharedMemoryNative.Map(fd, (long)response.SegmentBytes);
            }
            finally
            {
                SharedMemoryNative.CloseDescriptor(fd);
            }

            var status = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8));
            if (status != 0)
            {
                SharedMemoryNative.Unmap(address, (long)response.SegmentBytes);
                throw new IOException($"The server refused the shared-memory attachment (status {status}).");
            }

            var timeout = deadline is { } d ? (int)Math.Clamp(d.TotalMilliseconds, 1, int.MaxValue) : 0;
            socket.SendTimeout = timeout;
            socket.ReceiveTimeout = timeout;
            return new SharedMemoryChannel(socket, address, (long)response.SegmentBytes, response);
        }
        catch (Exception e) when (e is SocketException or System.ComponentModel.Win32Exception or EndOfStreamException)
        {
            socket.Dispose();
            throw new IOException($"Cannot attach the shared-memory segment: {e.Message}", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Rings <paramref name="op"/> with <paramref name="sequence"/> and waits for the answer: the info payload (a
    /// serialized StepResponse or ResetResponse; empty when there is no info).
    /// </summary>
    /// <exception cref="RpcException">The server answered an error status: the code and message the RPC would answer.</exception>
    /// <exception cref="DoorbellLostException">No answer came (closed, failed, timed out): the request's fate is unknown.</exception>
    public ReadOnlySpan<byte> Ring(uint op, ulong sequence, ulong? seed)
    {
        ObjectDisposedException.ThrowIf(_address == 0, this);
        byte[] payload;
        try
        {
            var request = _request.AsSpan();
            BinaryPrimitives.WriteUInt32LittleEndian(request, op);
            BinaryPrimitives.WriteUInt32LittleEndian(request[4..], seed is null ? 0u : 1u);
            BinaryPrimitives.WriteUInt64LittleEndian(request[8..], sequence);
            BinaryPrimitives.WriteUInt64LittleEndian(request[16..], seed ?? 0);
            var sent = _socket.Send(_request);
            if (sent != _request.Length)
            {
                throw new DoorbellLostException($"The doorbell took {sent} of {_request.Length} bytes.");
            }

            var asked = Stopwatch.GetTimestamp();
            AwaitAnswer(asked);
            ReceiveExactly(_header);
            _spin = Stopwatch.GetTimestamp() - asked < SpinTicks;
            payload = new byte[BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(12))];
            ReceiveExactly(payload);
        }
        catch (SocketException e)
        {
            throw new DoorbellLostException($"The shared-memory doorbell failed: {e.Message}", e);
        }
        catch (ObjectDisposedException e)
        {
            throw new DoorbellLostException("The shared-memory doorbell is closed.", e);
        }

        var echoed = BinaryPrimitives.ReadUInt64LittleEndian(_header);
        if (echoed != sequence)
        {
            throw new DoorbellLostException($"The doorbell answered sequence {echoed} while {sequence} was waiting.");
        }

        var status = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(8));
        return status == 0 ? payload : throw new RpcException(new Status((StatusCode)status, Encoding.UTF8.GetString(payload)));
    }

    /// <summary>Copies <paramref name="block"/>'s bytes into <paramref name="target"/> (exactly its length).</summary>
    public void Read(SharedMemoryBlock block, byte[] target) => Bytes(block).CopyTo(target);

    /// <summary>Writes <paramref name="source"/> (exactly the block's length) into <paramref name="block"/>.</summary>
    public void Write(SharedMemoryBlock block, ReadOnlySpan<byte> source)
    {
        if (source.Length != (int)block.Length)
        {
            throw new ArgumentException($"The '{block.Name}' block holds {block.Length} bytes, not {source.Length}.", nameof(source));
        }

        source.CopyTo(Bytes(block));
    }

    /// <summary>Reads one element of a FLOAT64, INT64 or FLOAT32 block as a double.</summary>
    public double ReadNumber(SharedMemoryBlock block, int index) => block.Dtype switch
    {
        DType.Float64 => BitConverter.Int64BitsToDouble(Marshal.ReadInt64(_address + (nint)block.Offset + (index * 8))),
        DType.Int64 => Marshal.ReadInt64(_address + (nint)block.Offset + (index * 8)),
        DType.Float32 => BitConverter.Int32BitsToSingle(Marshal.ReadInt32(_address + (nint)block.Offset + (index * 4))),
        _ => throw new RemoteEnvException(StatusCode.Internal, $"The server's '{block.Name}' block is {block.Dtype}, not a number this client reads."),
    };

    /// <summary>Reads one byte of a BOOL block.</summary>
    public bool ReadFlag(SharedMemoryBlock block, int index) => Marshal.ReadByte(_address + (nint)block.Offset + index) != 0;

    /// <summary>Closes the doorbell (the server frees its side at once) and unmaps the segment.</summary>
    public void Dispose()
    {
        _socket.Dispose();
        var address = _address;
        _address = 0;
        if (address != 0)
        {
            SharedMemoryNative.Unmap(address, _bytes);
        }
    }

    /// <summary>The block's bytes in the mapped segment (valid until the next request or <see cref="Dispose"/>).</summary>
    public Span<byte> Bytes(SharedMemoryBlock block) => new((void*)(_address + (nint)block.Offset), (int)block.Length);

    private static SharedMemoryBlock Block(Dictionary<string, SharedMemoryBlock> blocks, string name) =>
        blocks.TryGetValue(name, out var block)
            ? block
            : throw new IOException($"The server's shared-memory layout has no '{name}' block.");

    /// <summary>
    /// Polls for the answer for 50 µs while answers come within that, before the receive sleeps: a small
    /// step is answered within tens of microseconds, and waking a sleeping thread costs about as much again (a large
    /// batch's step would only take the core from the server's own threads; a slow answer turns polling off until a
    /// fast one comes again).
    /// </summary>
    private void AwaitAnswer(long asked)
    {
        while (_spin && !_socket.Poll(0, SelectMode.SelectRead) && Stopwatch.GetTimestamp() - asked < SpinTicks)
        {
        }
    }

    private void ReceiveExactly(byte[] buffer)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var received = _socket.Receive(buffer, filled, buffer.Length - filled, SocketFlags.None);
            if (received == 0)
            {
                throw new DoorbellLostException("The server closed the shared-memory doorbell.");
            }

            filled += received;
        }
    }
}
