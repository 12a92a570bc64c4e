using RlGym.Core;
using RlGym.Environments;
using RlGym.Protocol.V1;
using RlGym.TestSupport.Server;
using CoreAutoresetMode = RlGym.Core.Vector.AutoresetMode;

namespace RlGym.Client.Tests.Transport;

/// <summary>
/// RemoteEnv and RemoteVectorEnv over shared memory (AttachSharedMemory) against a real server on a Unix socket,
/// compared with the same requests over the Session stream.
/// </summary>
public sealed class SharedMemoryChannelTests
{
    private static RemoteEnvOptions Options(string address, RemoteTransport transport) =>
        new() { Address = address, Transport = transport };

    [Fact]
    public async Task Step_CartPoleOverShm_IsBitIdenticalToTheStream()
    {
        await using var server = await UnixServer.StartAsync();
        using var shm = RemoteEnv.Make("CartPole-v1", Options(server.Address, RemoteTransport.Shm));
        using var stream = RemoteEnv.Make("CartPole-v1", Options(server.Address, RemoteTransport.Stream));
        Assert.NotNull(shm.Connection.SharedMemory);
        Assert.Null(stream.Connection.SharedMemory);

        var random = new Random(5);
        Assert.Equal((float[])stream.ResetObject(seed: 11).Observation, (float[])shm.ResetObject(seed: 11).Observation);
        var episodes = 0;
        for (var step = 0; step < 3000; step++)
        {
            var action = random.Next(2);
            var expected = stream.StepObject(action);
            var actual = shm.StepObject(action);
            Assert.Equal((float[])expected.Observation, (float[])actual.Observation);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Reward), BitConverter.DoubleToInt64Bits(actual.Reward));
            Assert.Equal((expected.Terminated, expected.Truncated), (actual.Terminated, actual.Truncated));
            Assert.Equal(expected.Info.Count, actual.Info.Count);
            if (expected.Terminated || expected.Truncated)
            {
                episodes++;
                var seed = episodes % 2 == 0 ? (ulong?)(ulong)step : null;
                Assert.Equal((float[])stream.ResetObject(seed).Observation, (float[])shm.ResetObject(seed).Observation);
            }
        }

        Assert.True(episodes > 10);
        Assert.NotNull(shm.Connection.SharedMemory); // never fell back
        Assert.Equal(stream.LastSequence, shm.LastSequence);
    }

    [Theory]
    [InlineData(CoreAutoresetMode.NextStep)]
    [InlineData(CoreAutoresetMode.SameStep)]
    public async Task Step_CartPoleVectorOverShm_IsBitIdenticalToTheStream(CoreAutoresetMode mode)
    {
        await using var server = await UnixServer.StartAsync();
        using var shm = RemoteVectorEnv.Make("CartPole-v1", 8, Options(server.Address, RemoteTransport.Shm), mode);
        using var stream = RemoteVectorEnv.Make("CartPole-v1", 8, Options(server.Address, RemoteTransport.Stream), mode);
        Assert.NotNull(shm.Connection.SharedMemory);

        var random = new Random(9);
        Assert.Equal((float[])stream.ResetObject(seed: 3).Observations, (float[])shm.ResetObject(seed: 3).Observations);
        var ends = 0;
        for (var step = 0; step < 2000; step++)
        {
            var actions = Enumerable.Range(0, 8).Select(_ => random.Next(2)).ToArray();
            var expected = stream.StepObject(actions);
            var actual = shm.StepObject(actions);
            Assert.Equal((float[])expected.Observations, (float[])actual.Observations);
            Assert.Equal(expected.Rewards.Select(BitConverter.DoubleToInt64Bits), actual.Rewards.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(expected.Terminations, actual.Terminations);
            Assert.Equal(expected.Truncations, actual.Truncations);
            Assert.Equal(expected.Info.Keys.Order(), actual.Info.Keys.Order());
            if (expected.Info.TryGetValue("final_obs", out var finalObs))
            {
                Assert.Equal(Describe(finalObs), Describe(actual.Info["final_obs"]));
            }

            ends += expected.Terminations.Count(t => t);
        }

        Assert.True(ends > 50);
        Assert.NotNull(shm.Connection.SharedMemory);
    }

    [Fact]
    public async Task Step_VectorOverShm_ReusesBuffersUnlessCopyResults()
    {
        await using var server = await UnixServer.StartAsync();
        using var env = RemoteVectorEnv.Make("CartPole-v1", 4, Options(server.Address, RemoteTransport.Shm));
        env.ResetObject(seed: 1);

        var first = env.StepObject(new[] { 0, 1, 0, 1 });
        var second = env.StepObject(new[] { 0, 1, 0, 1 });
        env.CopyResults = true;
        var third = env.StepObject(new[] { 0, 1, 0, 1 });

        Assert.Same(first.Observations, second.Observations);
        Assert.Same(first.Rewards, second.Rewards);
        Assert.NotSame(second.Observations, third.Observations);
        Assert.NotSame(second.Terminations, third.Terminations);
    }

    [Fact]
    public async Task Step_BadActionOverShm_ThrowsWhatTheStreamThrowsAndKeepsWorking()
    {
        await using var server = await UnixServer.StartAsync();
        using var shm = RemoteEnv.Make("CartPole-v1", Options(server.Address, RemoteTransport.Shm));
        using var stream = RemoteEnv.Make("CartPole-v1", Options(server.Address, RemoteTransport.Stream));
        using var shmVector = RemoteVectorEnv.Make("CartPole-v1", 3, Options(server.Address, RemoteTransport.Shm));
        using var streamVector = RemoteVectorEnv.Make("CartPole-v1", 3, Options(server.Address, RemoteTransport.Stream));

        var beforeReset = Assert.Throws<ResetNeededException>(() => shm.StepObject(0));
        Assert.Equal(Assert.Throws<ResetNeededException>(() => stream.StepObject(0)).Message, beforeReset.Message);
        shm.ResetObject(seed: 2);
        stream.ResetObject(seed: 2);
        shmVector.ResetObject(seed: 2);
        streamVector.ResetObject(seed: 2);
        var expected = Assert.Throws<InvalidActionException>(() => stream.StepObject(5));
        var actual = Assert.Throws<InvalidActionException>(() => shm.StepObject(5));
        var expectedVector = Assert.ThrowsAny<Exception>(() => streamVector.StepObject(new[] { 0, 7, 1 }));
        var actualVector = Assert.ThrowsAny<Exception>(() => shmVector.StepObject(new[] { 0, 7, 1 }));

        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(expectedVector.GetType(), actualVector.GetType());
        Assert.Equal(expectedVector.Message, actualVector.Message);
        Assert.Equal((float[])stream.StepObject(1).Observation, (float[])shm.StepObject(1).Observation);
        Assert.Equal(1ul, shm.LastSequence - 1); // the rejected step did not use up its number
        Assert.NotNull(shm.Connection.SharedMemory);
    }

    [Fact]
    public async Task Step_ServerDisposedMidUse_ThrowsTheConnectionErrorOfGrpc()
    {
        var server = await UnixServer.StartAsync();
        var options = Options(server.Address, RemoteTransport.Shm) with { Retry = RetryOptions.None, Deadline = TimeSpan.FromSeconds(5) };
        using var shm = RemoteEnv.Make("CartPole-v1", options);
        using var stream = RemoteEnv.Make("CartPole-v1", options with { Transport = RemoteTransport.Stream });
        using var unary = RemoteEnv.Make("CartPole-v1", options with { Transport = RemoteTransport.Unary });
        foreach (var env in new[] { shm, stream, unary })
        {
            env.ResetObject(seed: 4);
            env.StepObject(0);
        }

        await server.DisposeAsync();
        var overStream = Assert.Throws<RemoteEnvException>(() => stream.StepObject(1));
        var overUnary = Assert.Throws<RemoteEnvException>(() => unary.StepObject(1));
        var actual = Assert.Throws<RemoteEnvException>(() => shm.StepObject(1));

        // The lost doorbell's step is re-sent over gRPC on a new call, as a unary step is: UNAVAILABLE. (A Session stream
        // open when the server stops ends CANCELLED, or UNAVAILABLE when it is reopened.)
        Assert.Equal(overUnary.StatusCode, actual.StatusCode);
        Assert.Equal(Grpc.Core.StatusCode.Unavailable, actual.StatusCode);
        Assert.Contains(overStream.StatusCode, new[] { Grpc.Core.StatusCode.Unavailable, Grpc.Core.StatusCode.Cancelled });
        Assert.Null(shm.Connection.SharedMemory); // fell back to gRPC with the same number, which stays pending
        Assert.True(shm.Connection.HasPending);
        Assert.Equal(3ul, shm.LastSequence);
    }

    [Fact]
    public async Task Dispose_ShmEnvironments_FreeTheServersAttachments()
    {
        await using var server = await UnixServer.StartAsync();
        var client = server.Server.CreateClient();
        var single = RemoteEnv.Make("CartPole-v1", Options(server.Address, RemoteTransport.Auto));
        var vector = RemoteVectorEnv.Make("CartPole-v1", 2, Options(server.Address, RemoteTransport.Auto));
        Assert.Equal(2, (await client.GetServerStatusAsync(new GetServerStatusRequest())).SharedMemoryAttachments);

        single.Dispose();
        vector.Dispose();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await client.GetServerStatusAsync(new GetServerStatusRequest())).SharedMemoryAttachments != 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the attachments were not freed");
            await Task.Delay(20);
        }

        Assert.Equal(0, (await client.GetServerStatusAsync(new GetServerStatusRequest())).HandlesOpen);
    }

    [Fact]
    public async Task Make_AutoAndShm_PickTheTransportAsDocumented()
    {
        await using var server = await UnixServer.StartAsync();

        using var autoUnix = RemoteEnv.Make("CartPole-v1", Options(server.Address, RemoteTransport.Auto));
        using var autoTcp = RemoteEnv.Make("CartPole-v1", Options(server.Server.Address.ToString(), RemoteTransport.Auto));
        using var tuple = RemoteEnv.Make("Blackjack-v1", Options(server.Address, RemoteTransport.Auto));
        var forced = Assert.Throws<RemoteEnvException>(() => RemoteEnv.Make("Blackjack-v1", Options(server.Address, RemoteTransport.Shm)));

        Assert.NotNull(autoUnix.Connection.SharedMemory);
        Assert.Null(autoTcp.Connection.SharedMemory);
        Assert.Null(tuple.Connection.SharedMemory);
        tuple.ResetObject(seed: 1); // on the stream
        Assert.Equal(Grpc.Core.StatusCode.Unimplemented, forced.StatusCode);
    }

    private static string Describe(object value) => value switch
    {
        Array array => string.Join(",", array.Cast<object?>().Select(v => v is null ? "null" : Describe(v))),
        float f => BitConverter.SingleToInt32Bits(f).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>A loopback server that also listens on a fresh Unix socket, removed on dispose.</summary>
    private sealed class UnixServer : IAsyncDisposable
    {
        private readonly string _path;
        private bool _disposed;

        private UnixServer(LoopbackServer server, string path)
        {
            Server = server;
            _path = path;
        }

        public LoopbackServer Server { get; }

        public string Address => "unix://" + _path;

        public static async Task<UnixServer> StartAsync()
        {
            var path = Path.Combine(Path.GetTempPath(), $"rlgym-shm-{Guid.NewGuid():N}.sock");
            return new UnixServer(await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry(), o => o.UnixSocketPath = path), path);
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await Server.DisposeAsync();
            File.Delete(_path);
        }
    }
}
