using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.SharedMemory;
using static RlGym.Protocol.SharedMemory.SharedMemoryFrames;
using RlGym.Protocol.V1;
using RlGym.Server.Errors;
using RlGym.Server.Sessions;
using RlGym.Server.Telemetry;

namespace RlGym.Server.SharedMemory;

/// <summary>
/// One handle's shared-memory data path (AttachSharedMemory in environments.proto): an anonymous memfd segment mapped
/// here, and a doorbell (an abstract Unix socket) served by one dedicated thread. The thread accepts one caller (the
/// token from the attach response, the server's own user), passes it the segment's descriptor (SCM_RIGHTS), then
/// answers doorbell frames by running the handle's own Step/Reset (<see cref="EnvironmentSession"/>: its lock,
/// sequence numbers and stored responses) and writing the results into the segment.
/// </summary>
/// <remarks>
/// Nothing is ever in a file system: the segment is freed by the kernel once both sides have unmapped it, the doorbell's
/// name once its listener is closed. The thread ends, unmapping the segment, when the client closes the doorbell (or
/// dies), when <see cref="Dispose"/> is called (the handle closed or expired, or a new attachment replaced this one), or
/// when no caller attached within the attach timeout.
/// </remarks>
internal sealed partial class SharedMemoryAttachment : IDisposable
{
    private const string Method = "/rlgym.v1.Environments/AttachSharedMemory";

    private readonly EnvironmentSession _session;
    private readonly SharedMemoryLayout _layout;
    private readonly ILogger _logger;
    private readonly ServerMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly TimeSpan _attachTimeout;
    private readonly long _spinTicks;
    private readonly byte[] _token = RandomNumberGenerator.GetBytes(TokenBytes);
    private readonly Socket _listener;
    private readonly ClientConnection _connection;
    private readonly nint _address;
    private readonly byte[] _action;
    private int _fd;
    private Socket? _doorbell;
    private volatile bool _disposed;
    private bool _spinning = true;

    private SharedMemoryAttachment(
        EnvironmentSession session, SharedMemoryLayout layout, TimeSpan attachTimeout, TimeSpan spin, ILogger logger, ServerMetrics? metrics, TimeProvider time)
    {
        _session = session;
        _layout = layout;
        _attachTimeout = attachTimeout;
        _spinTicks = (long)(spin.TotalSeconds * Stopwatch.Frequency);
        _logger = logger;
        _metrics = metrics;
        _time = time;
        Name = "rlgym-shm-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _connection = new ClientConnection("shm:" + Name);
        _action = new byte[(int)layout.Action.Length];
        _fd = SharedMemoryNative.CreateSegment("rlgym-shm", layout.Bytes);
        try
        {
            _address = SharedMemoryNative.Map(_fd, layout.Bytes);
            _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            _listener.Bind(new UnixDomainSocketEndPoint("\0" + Name));
            _listener.Listen(4);
        }
        catch
        {
            if (_address != 0)
            {
                SharedMemoryNative.Unmap(_address, layout.Bytes);
            }

            _listener?.Dispose();
            SharedMemoryNative.CloseDescriptor(_fd);
            throw;
        }
    }

    /// <summary>The doorbell's abstract socket name (without the leading NUL).</summary>
    public string Name { get; }

    /// <summary>
    /// Maps a segment for <paramref name="session"/> and starts its doorbell thread; UNIMPLEMENTED off Linux or for
    /// spaces without a layout. After each answer the thread polls for the next frame for <paramref name="spin"/>
    /// before it sleeps (zero: sleep at once).
    /// </summary>
    public static SharedMemoryAttachment Start(
        EnvironmentSession session, TimeSpan attachTimeout, TimeSpan spin, ILogger logger, ServerMetrics? metrics, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!SharedMemoryNative.IsSupported)
        {
            throw new NotSupportedException("Shared memory (AttachSharedMemory) needs a Linux server; use the gRPC transports.");
        }

        var attachment = new SharedMemoryAttachment(session, SharedMemoryLayout.For(session.Target), attachTimeout, spin, logger, metrics, time);
        metrics?.AttachmentsChanged(1);
        var thread = new Thread(attachment.Run) { IsBackground = true, Name = "rlgym-shm" };
        thread.Start();
        return attachment;
    }

    /// <summary>What the client needs to attach.</summary>
    public AttachSharedMemoryResponse Describe()
    {
        var response = new AttachSharedMemoryResponse
        {
            Version = SharedMemoryFrames.Version,
            Doorbell = Name,
            Token = ByteString.CopyFrom(_token),
            SegmentBytes = (ulong)_layout.Bytes,
            AttachTimeoutMs = (uint)_attachTimeout.TotalMilliseconds,
        };
        response.Blocks.Add(_layout.Blocks);
        return response;
    }

    /// <summary>Detaches: the doorbell thread ends and frees the segment (it never waits for the thread).</summary>
    public void Dispose()
    {
        _disposed = true;
        if (Volatile.Read(ref _doorbell) is { } doorbell)
        {
            try
            {
                doorbell.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already closed by the thread.
            }
        }
    }

    private void Run()
    {
        Socket? doorbell = null;
        try
        {
            doorbell = AcceptCaller();
            if (doorbell is null)
            {
                return;
            }

            Volatile.Write(ref _doorbell, doorbell);
            if (!_disposed)
            {
                LogAttached(_logger, Name, _session.Handle);
                Serve(doorbell);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            // The client went away (or Dispose shut the socket down): detach.
        }
        catch (Exception e)
        {
            LogFailed(_logger, e, Name, _session.Handle);
        }
        finally
        {
            _listener.Dispose();
            doorbell?.Dispose();
            if (_fd >= 0)
            {
                SharedMemoryNative.CloseDescriptor(_fd);
            }

            SharedMemoryNative.Unmap(_address, _layout.Bytes);
            _connection.Close(_time.GetUtcNow());
            _metrics?.AttachmentsChanged(-1);
            LogDetached(_logger, Name, _session.Handle);
        }
    }

    /// <summary>
    /// Waits for the caller: the first connection that sends the token within the attach timeout and runs as this
    /// process's user gets the segment's descriptor; other connections are closed. Null when none came in time.
    /// </summary>
    private Socket? AcceptCaller()
    {
        var started = Stopwatch.GetTimestamp();
        while (!_disposed)
        {
            var left = _attachTimeout - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                LogNotAttached(_logger, Name, _session.Handle, _attachTimeout.TotalSeconds);
                return null;
            }

            // Short polls: closing a socket does not wake a thread blocked on it.
            var slice = TimeSpan.FromMilliseconds(Math.Min(100, Math.Ceiling(left.TotalMilliseconds)));
            if (!_listener.Poll(slice, SelectMode.SelectRead))
            {
                continue;
            }

            var socket = _listener.Accept();
            try
            {
                socket.ReceiveTimeout = (int)Math.Max(1, Math.Ceiling(left.TotalMilliseconds));
                var token = new byte[TokenBytes];
                if (!ReceiveExactly(socket, token) || !CryptographicOperations.FixedTimeEquals(token, _token)
                    || SharedMemoryNative.PeerUserId(socket) != SharedMemoryNative.EffectiveUserId())
                {
                    LogRefused(_logger, Name);
                    socket.Dispose();
                    continue;
                }

                socket.ReceiveTimeout = 0;
                SharedMemoryNative.SendWithDescriptor(socket, new byte[ResponseHeaderBytes], _fd);
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                socket.Dispose();
                continue;
            }

            // One caller: nobody else can connect, and the segment now lives only in the two mappings.
            _listener.Dispose();
            SharedMemoryNative.CloseDescriptor(_fd);
            _fd = -1;
            return socket;
        }

        return null;
    }

    private void Serve(Socket doorbell)
    {
        var request = new byte[RequestBytes];
        var header = new byte[ResponseHeaderBytes];
        doorbell.Blocking = false;
        while (ReceiveFrame(doorbell, request))
        {
            var op = BinaryPrimitives.ReadUInt32LittleEndian(request);
            var flags = BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(4));
            var sequence = BinaryPrimitives.ReadUInt64LittleEndian(request.AsSpan(8));
            var seed = BinaryPrimitives.ReadUInt64LittleEndian(request.AsSpan(16));
            uint status = 0;
            byte[] payload;
            try
            {
                // A doorbell request leases the handle to the doorbell, as a gRPC request does to its connection.
                _session.Connection = _connection;
                payload = op switch
                {
                    OpStep when flags == 0 => Step(sequence, seed, StepPhase.SendAndRecv),
                    OpSend when flags == 0 => Step(sequence, seed, StepPhase.Send),
                    OpRecv when flags == 0 => Step(sequence, 0, StepPhase.Recv),
                    OpReset when (flags & ~1u) == 0 => Reset(sequence, (flags & 1) != 0 ? seed : null),
                    OpStep or OpReset or OpSend or OpRecv => throw new ProtocolException($"Doorbell flags {flags:x} are not defined for op {op}; bit 0 (seed) is RESET's only flag."),
                    _ => throw new ProtocolException($"Unknown doorbell op {op}; 1 = STEP, 2 = RESET, 3 = SEND, 4 = RECV."),
                };
            }
            catch (Exception e)
            {
                var rpc = ErrorMapping.ToRpcException(e, _logger, Method);
                status = (uint)rpc.StatusCode;
                payload = Encoding.UTF8.GetBytes(rpc.Status.Detail);
                _metrics?.RequestFailed(rpc.StatusCode);
            }

            BinaryPrimitives.WriteUInt64LittleEndian(header, sequence);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), status);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)payload.Length);
            SendAll(doorbell, header);
            if (payload.Length != 0)
            {
                SendAll(doorbell, payload);
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="frame"/> from the non-blocking doorbell, polling for <c>_spinTicks</c> before it sleeps in
    /// poll(2): a lock-step caller rings again within microseconds, and a sleeping thread costs two context switches per
    /// step (on a virtual machine most of a small step's time). Only while the caller rings that fast: a caller that
    /// thinks longer between steps (a policy's forward pass) would only lose a core to the polling, so a frame that came
    /// later turns polling off until one comes within the window again. False when the peer closed the socket (or
    /// <see cref="Dispose"/> shut it down) first.
    /// </summary>
    private bool ReceiveFrame(Socket doorbell, byte[] frame)
    {
        var answered = Stopwatch.GetTimestamp();
        var filled = 0;
        while (filled < frame.Length)
        {
            var received = doorbell.Receive(frame, filled, frame.Length - filled, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                if (!_spinning || Stopwatch.GetTimestamp() - answered >= _spinTicks)
                {
                    doorbell.Poll(-1, SelectMode.SelectRead);
                }

                continue;
            }

            if (error != SocketError.Success)
            {
                throw new SocketException((int)error);
            }

            if (received == 0)
            {
                return false;
            }

            filled += received;
        }

        _spinning = _spinTicks > 0 && Stopwatch.GetTimestamp() - answered < _spinTicks;
        return true;
    }

    /// <summary>Writes all of <paramref name="bytes"/> to the non-blocking doorbell, waiting while its buffer is full.</summary>
    private static void SendAll(Socket doorbell, byte[] bytes)
    {
        var sent = 0;
        while (sent < bytes.Length)
        {
            var written = doorbell.Send(bytes, sent, bytes.Length - sent, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                doorbell.Poll(-1, SelectMode.SelectWrite);
                continue;
            }

            if (error != SocketError.Success)
            {
                throw new SocketException((int)error);
            }

            sent += written;
        }
    }

    /// <summary>
    /// A step, send or receive. <paramref name="count"/> (the frame's third field) names the copies of a send on an
    /// asynchronous handle: 0 = every copy (action rows in copy order), k = the first k rows of action and env_ids.
    /// </summary>
    private byte[] Step(ulong sequence, ulong count, StepPhase phase)
    {
        // The action is copied out of the segment (the client may write it meanwhile) into one buffer for every step:
        // the request lives only for this call. The response may borrow the target's buffers: it is copied into the
        // segment before the next step (see SessionTarget.StepBorrowed).
        var request = new StepRequest { Handle = _session.Handle, Sequence = sequence, Phase = phase };
        if (phase != StepPhase.Recv)
        {
            request.Action = new Value { Tensor = ActionRows(count, request.EnvIds) };
        }

        var response = _session.StepAsync(request, CancellationToken.None, borrow: true).GetAwaiter().GetResult();
        if (phase == StepPhase.Send)
        {
            return [];
        }

        WriteValue(_layout.Observation, response.Observation);
        WriteTensor(_layout.Reward, response.Reward);
        WriteTensor(_layout.Terminated, response.Terminated);
        WriteTensor(_layout.Truncated, response.Truncated);
        if (_layout.EnvIds is { } envIds)
        {
            var ids = Block(envIds);
            for (var j = 0; j < response.EnvIds.Count; j++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(ids[(j * sizeof(uint))..], response.EnvIds[j]);
            }
        }

        if (response.Info.Count == 0)
        {
            return [];
        }

        var info = new StepResponse { Sequence = response.Sequence };
        info.Info.Add(response.Info);
        return info.ToByteArray();
    }

    /// <summary>The action block's first rows as a tensor (all of it when <paramref name="count"/> is 0), their copy indices added to <paramref name="envIds"/>.</summary>
    private Tensor ActionRows(ulong count, Google.Protobuf.Collections.RepeatedField<uint> envIds)
    {
        var block = _layout.Action;
        var tensor = new Tensor { Dtype = block.Dtype };
        if (count == 0)
        {
            Block(block).CopyTo(_action);
            tensor.Data = UnsafeByteOperations.UnsafeWrap(_action);
            tensor.Shape.Add(block.Shape);
            return tensor;
        }

        var copies = block.Shape.Count == 0 ? 0 : block.Shape[0];
        if (_layout.EnvIds is not { } ids || count > (ulong)copies)
        {
            throw new ProtocolException(_layout.EnvIds is null
                ? $"The doorbell frame's count ({count}) names copies of an asynchronous handle; this handle is synchronous: send 0."
                : $"The doorbell frame's count ({count}) is more than the handle's {copies} copies.");
        }

        var rows = (int)count;
        var rowBytes = (int)block.Length / (int)copies;
        Block(block)[..(rows * rowBytes)].CopyTo(_action);
        tensor.Data = UnsafeByteOperations.UnsafeWrap(_action.AsMemory(0, rows * rowBytes));
        tensor.Shape.Add(rows);
        tensor.Shape.Add(block.Shape.Skip(1));
        var idBytes = Block(ids);
        for (var j = 0; j < rows; j++)
        {
            envIds.Add(BinaryPrimitives.ReadUInt32LittleEndian(idBytes[(j * sizeof(uint))..]));
        }

        return tensor;
    }

    private byte[] Reset(ulong sequence, ulong? seed)
    {
        var request = new ResetRequest { Handle = _session.Handle, Sequence = sequence };
        if (seed is { } value)
        {
            request.Seed = value;
        }

        var response = _session.ResetAsync(request, CancellationToken.None).GetAwaiter().GetResult();
        WriteValue(_layout.Observation, response.Observation);
        if (response.Info.Count == 0)
        {
            return [];
        }

        var info = new ResetResponse { Sequence = response.Sequence };
        info.Info.Add(response.Info);
        return info.ToByteArray();
    }

    private unsafe Span<byte> Block(SharedMemoryBlock block) => new((void*)(_address + (nint)block.Offset), (int)block.Length);

    private void WriteValue(SharedMemoryBlock block, Value value)
    {
        switch (value.KindCase)
        {
            case Value.KindOneofCase.Tensor:
                WriteTensor(block, value.Tensor);
                break;
            case Value.KindOneofCase.IntValue when block.Length == sizeof(long):
                BinaryPrimitives.WriteInt64LittleEndian(Block(block), value.IntValue);
                break;
            default:
                throw new InvalidOperationException($"The {block.Name} is a {value.KindCase}, which its shared-memory block ({block.Dtype}) cannot hold.");
        }
    }

    private void WriteTensor(SharedMemoryBlock block, Tensor tensor)
    {
        // An asynchronous handle's receive fills the first batch_size rows.
        if (tensor.Dtype != block.Dtype || (ulong)tensor.Data.Length > block.Length)
        {
            throw new InvalidOperationException(
                $"The {block.Name} is a {tensor.Dtype} tensor of {tensor.Data.Length} bytes; its shared-memory block holds {block.Length} bytes of {block.Dtype}.");
        }

        tensor.Data.Span.CopyTo(Block(block));
    }

    /// <summary>Fills <paramref name="buffer"/>; false when the peer closed the socket first.</summary>
    private static bool ReceiveExactly(Socket socket, byte[] buffer)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var received = socket.Receive(buffer, filled, buffer.Length - filled, SocketFlags.None);
            if (received == 0)
            {
                return false;
            }

            filled += received;
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shared memory {Name} attached to handle {Handle}")]
    private static partial void LogAttached(ILogger logger, string name, string handle);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shared memory {Name} of handle {Handle} detached and freed")]
    private static partial void LogDetached(ILogger logger, string name, string handle);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shared memory {Name} of handle {Handle}: no client attached within {Seconds} s; freed")]
    private static partial void LogNotAttached(ILogger logger, string name, string handle, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shared memory {Name}: refused a doorbell connection without the right token or user")]
    private static partial void LogRefused(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shared memory {Name} of handle {Handle} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string name, string handle);
}
