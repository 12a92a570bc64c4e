using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Grpc.Core;
using RlGym.Environments;
using RlGym.Protocol.SharedMemory;
using RlGym.Protocol.V1;
using RlGym.Server.SharedMemory;
using RlGym.TestSupport.Server;

namespace RlGym.Server.Tests.SharedMemory;

/// <summary>AttachSharedMemory through the real server, driven by a raw client of the documented frames.</summary>
public sealed class SharedMemoryAttachmentTests
{
    [Theory]
    [InlineData("CartPole-v1")] // float32 observations, copied into the reused buffers
    [InlineData("Taxi-v3")] // Discrete observations, int32 widened to INT64; infos (action masks) in the payload
    public async Task Step_VectorEnv_EqualsTheGrpcPathAndSharesItsSequenceNumbers(string envId)
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        var client = server.CreateClient();
        var shared = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = envId, NumEnvs = 4 })).Handle;
        var twin = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = envId, NumEnvs = 4 })).Handle;
        using var attached = Attached.Open(await client.AttachSharedMemoryAsync(new AttachSharedMemoryRequest { Handle = shared }));

        Assert.Equal((0u, ""), attached.Ring(SharedMemoryFrames.OpReset, 1, seed: 7));
        var reset = await client.ResetAsync(new ResetRequest { Handle = twin, Seed = 7, Sequence = 1 });
        Assert.Equal(reset.Observation.Tensor.Data.ToByteArray(), attached.Block("observation"));
        for (ulong sequence = 2; sequence < 40; sequence++)
        {
            var actions = new long[] { (long)(sequence % 2), 1, 0, (long)(sequence / 3 % 2) };
            attached.Write("action", actions);
            Assert.Equal((0u, ""), attached.Ring(SharedMemoryFrames.OpStep, sequence));
            var expected = await client.StepAsync(new StepRequest { Handle = twin, Sequence = sequence, Action = Batch(actions) });
            Assert.Equal(expected.Observation.Tensor.Data.ToByteArray(), attached.Block("observation"));
            Assert.Equal(expected.Reward.Data.ToByteArray(), attached.Block("reward"));
            Assert.Equal(expected.Terminated.Data.ToByteArray(), attached.Block("terminated"));
            Assert.Equal(expected.Truncated.Data.ToByteArray(), attached.Block("truncated"));
        }

        // The doorbell's last step is the handle's: gRPC repeats it from the stored response (a copy: its buffers are
        // the doorbell's) and goes on after it.
        var repeated = await client.StepAsync(new StepRequest { Handle = shared, Sequence = 39, Action = Batch([9, 9, 9, 9]) });
        Assert.Equal(repeated.Observation.Tensor.Data.ToByteArray(), attached.Block("observation"));
        Assert.Equal(repeated.Reward.Data.ToByteArray(), attached.Block("reward"));
        var gap = await Assert.ThrowsAsync<RpcException>(() => client.StepAsync(new StepRequest { Handle = shared, Sequence = 41, Action = Batch([0, 0, 0, 0]) }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, gap.StatusCode);
        Assert.Empty(server.LoggedErrors);
    }

    [Fact]
    public async Task Step_BadAction_AnswersTheStatusAndMessageOfTheGrpcPathAndDoesNotStep()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        var client = server.CreateClient();
        var handle = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "CartPole-v1" })).Handle;
        using var attached = Attached.Open(await client.AttachSharedMemoryAsync(new AttachSharedMemoryRequest { Handle = handle }));
        var beforeReset = attached.Ring(SharedMemoryFrames.OpStep, 1);
        var grpcBeforeReset = await Assert.ThrowsAsync<RpcException>(() => client.StepAsync(new StepRequest { Handle = handle, Sequence = 1, Action = new Value { IntValue = 0 } }).ResponseAsync);
        Assert.Equal((uint)grpcBeforeReset.StatusCode, beforeReset.Status);
        Assert.Equal(grpcBeforeReset.Status.Detail, beforeReset.Message);

        Assert.Equal(0u, attached.Ring(SharedMemoryFrames.OpReset, 1, seed: 1).Status);
        attached.Write("action", new long[] { 5 });
        var bad = attached.Ring(SharedMemoryFrames.OpStep, 2);
        var grpcBad = await Assert.ThrowsAsync<RpcException>(() => client.StepAsync(new StepRequest { Handle = handle, Sequence = 2, Action = new Value { Tensor = Scalar(5) } }).ResponseAsync);

        Assert.Equal((uint)StatusCode.InvalidArgument, bad.Status);
        Assert.Equal(grpcBad.Status.Detail, bad.Message);
        attached.Write("action", new long[] { 1 });
        Assert.Equal(0u, attached.Ring(SharedMemoryFrames.OpStep, 2).Status); // the number was not used up
    }

    [Fact]
    public async Task Doorbell_ClosedByTheClientOrTheHandle_FreesTheAttachment()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        var client = server.CreateClient();
        var first = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "CartPole-v1" })).Handle;
        var second = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "CartPole-v1", NumEnvs = 2 })).Handle;
        var byClient = Attached.Open(await client.AttachSharedMemoryAsync(new AttachSharedMemoryRequest { Handle = first }));
        using var byHandle = Attached.Open(await client.AttachSharedMemoryAsync(new AttachSharedMemoryRequest { Handle = second }));
        Assert.Equal(2, (await client.GetServerStatusAsync(new GetServerStatusRequest())).SharedMemoryAttachments);

        byClient.Dispose();
        await client.CloseEnvironmentAsync(new CloseEnvironmentRequest { Handle = second });

        Assert.Equal(0, byHandle.ReceiveUntilClosed()); // the server closed the doorbell
        await WaitForAsync(async () => (await client.GetServerStatusAsync(new GetServerStatusRequest())).SharedMemoryAttachments == 0);
    }

    [Theory]
    [InlineData(0)] // sleeps in poll(2) at once
    [InlineData(50)] // the default
    [InlineData(60_000_000)] // a minute: still polling when the handle closes
    public async Task Doorbell_AnyPollingWindow_AnswersFramesSentSlowOrFastAndDetachesWhenTheHandleCloses(int spinMicroseconds)
    {
        await using var server = await LoopbackServer.StartAsync(
            BuiltInEnvironments.CreateRegistry(), options => options.SharedMemorySpin = TimeSpan.FromMicroseconds(spinMicroseconds));
        var client = server.CreateClient();
        var handle = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "CartPole-v1" })).Handle;
        using var attached = Attached.Open(await client.AttachSharedMemoryAsync(new AttachSharedMemoryRequest { Handle = handle }));

        Assert.Equal(0u, attached.Ring(SharedMemoryFrames.OpReset, 1, seed: 5).Status);
        for (ulong sequence = 2; sequence < 6; sequence++)
        {
            await Task.Delay(sequence % 2 == 0 ? 0 : 30); // within the window, and past a short one
            attached.Write("action", [(long)(sequence % 2)]);
            Assert.Equal(0u, attached.Ring(SharedMemoryFrames.OpStep, sequence).Status);
        }

        var started = DateTime.UtcNow;
        await client.CloseEnvironmentAsync(new CloseEnvironmentRequest { Handle = handle });
        Assert.Equal(0, attached.ReceiveUntilClosed());
        await WaitForAsync(async () => (await client.GetServerStatusAsync(new GetServerStatusRequest())).SharedMemoryAttachments == 0);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "the doorbell thread outlived its handle");
        Assert.Empty(server.LoggedErrors);
    }

    [Fact]
    public async Task Doorbell_WrongToken_IsRefusedAndTheRightOneStillAttaches()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        var client = server.CreateClient();
        var handle = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "CartPole-v1" })).Handle;
        var response = await client.AttachSharedMemoryAsync(new AttachSharedMemoryRequest { Handle = handle });

        using (var intruder = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            intruder.Connect(new UnixDomainSocketEndPoint("\0" + response.Doorbell));
            intruder.Send(new byte[16]);
            Assert.Equal(0, intruder.Receive(new byte[16])); // closed without the segment
        }

        using var attached = Attached.Open(response);
        Assert.Equal(0u, attached.Ring(SharedMemoryFrames.OpReset, 1, seed: 3).Status);
    }

    [Fact]
    public async Task AttachSharedMemory_TupleObservations_IsUnimplementedAndUnknownHandleNotFound()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        var client = server.CreateClient();
        var handle = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "Blackjack-v1" })).Handle;

        var tuple = await Assert.ThrowsAsync<RpcException>(() => client.AttachSharedMemoryAsync(new AttachSharedMemoryRequest { Handle = handle }).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.AttachSharedMemoryAsync(new AttachSharedMemoryRequest { Handle = "nope" }).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, tuple.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    private static Value Batch(long[] actions)
    {
        var tensor = new Tensor { Dtype = DType.Int64, Data = Google.Protobuf.ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(actions.AsSpan())) };
        tensor.Shape.Add(actions.Length);
        return new Value { Tensor = tensor };
    }

    private static Tensor Scalar(long value) =>
        new() { Dtype = DType.Int64, Data = Google.Protobuf.ByteString.CopyFrom(BitConverter.GetBytes(value)) };

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(20);
        }
    }

    /// <summary>A minimal client of the documented doorbell protocol.</summary>
    private sealed class Attached : IDisposable
    {
        private readonly Socket _socket;
        private readonly nint _address;
        private readonly long _bytes;
        private readonly Dictionary<string, SharedMemoryBlock> _blocks;

        private Attached(Socket socket, nint address, long bytes, Dictionary<string, SharedMemoryBlock> blocks)
        {
            _socket = socket;
            _address = address;
            _bytes = bytes;
            _blocks = blocks;
        }

        public static Attached Open(AttachSharedMemoryResponse response)
        {
            Assert.Equal(1u, response.Version);
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint("\0" + response.Doorbell));
            socket.Send(response.Token.ToByteArray());
            var header = new byte[16];
            var fd = SharedMemoryNative.ReceiveWithDescriptor(socket, header);
            Assert.True(fd >= 0);
            var address = SharedMemoryNative.Map(fd, (long)response.SegmentBytes);
            SharedMemoryNative.CloseDescriptor(fd);
            return new Attached(socket, address, (long)response.SegmentBytes, response.Blocks.ToDictionary(b => b.Name));
        }

        public unsafe byte[] Block(string name) =>
            new ReadOnlySpan<byte>((void*)(_address + (nint)_blocks[name].Offset), (int)_blocks[name].Length).ToArray();

        public unsafe void Write(string name, long[] values) =>
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())
                .CopyTo(new Span<byte>((void*)(_address + (nint)_blocks[name].Offset), (int)_blocks[name].Length));

        public (uint Status, string Message) Ring(uint op, ulong sequence, ulong? seed = null)
        {
            var request = new byte[32];
            BinaryPrimitives.WriteUInt32LittleEndian(request, op);
            BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(4), seed is null ? 0u : 1u);
            BinaryPrimitives.WriteUInt64LittleEndian(request.AsSpan(8), sequence);
            BinaryPrimitives.WriteUInt64LittleEndian(request.AsSpan(16), seed ?? 0);
            _socket.Send(request);
            var header = Receive(16);
            Assert.Equal(sequence, BinaryPrimitives.ReadUInt64LittleEndian(header));
            var payload = Receive((int)BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12)));
            var status = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8));
            return (status, status == 0 ? "" : Encoding.UTF8.GetString(payload));
        }

        public int ReceiveUntilClosed()
        {
            _socket.ReceiveTimeout = 10_000;
            return _socket.Receive(new byte[16]);
        }

        public void Dispose()
        {
            _socket.Dispose();
            if (_bytes > 0)
            {
                SharedMemoryNative.Unmap(_address, _bytes);
            }
        }

        private byte[] Receive(int count)
        {
            var buffer = new byte[count];
            var filled = 0;
            while (filled < count)
            {
                var received = _socket.Receive(buffer, filled, count - filled, SocketFlags.None);
                Assert.True(received > 0, "the doorbell closed");
                filled += received;
            }

            return buffer;
        }
    }
}
