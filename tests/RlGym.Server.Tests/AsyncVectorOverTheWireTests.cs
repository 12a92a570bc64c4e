using Grpc.Core;
using RlGym.Core.Vector;
using RlGym.Environments;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;
using RlGym.TestSupport.Server;

namespace RlGym.Server.Tests;

/// <summary>Asynchronous vector handles (batch_size > 0, EnvPool's send/recv) through the real server.</summary>
public class AsyncVectorOverTheWireTests
{
    private const string CartPole = "CartPole-v1";

    [Fact]
    public async Task SessionStream_PipelinedSendAndRecv_EachCopyFollowsItsLocalTrajectory()
    {
        const int n = 6;
        const int batch = 2;
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = n, BatchSize = batch });
        Assert.Equal((uint)batch, created.BatchSize);
        Assert.Equal(Vectorization.Parallel, created.Vectorization);
        var references = Enumerable.Range(0, n).Select(_ => (IVectorEnv<float[], int[]>)BuiltInEnvironments.CreateRegistry().MakeVec(CartPole, 1)).ToArray();
        var randoms = Enumerable.Range(0, n).Select(i => new Random(i)).ToArray();

        using var call = client.Session();
        ulong requestId = 0;
        ulong sequence = 0;
        Task WriteAsync(StepRequest step) => call.RequestStream.WriteAsync(new SessionRequest { RequestId = ++requestId, Step = step });
        async Task<StepResponse> ReadAsync()
        {
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            return call.ResponseStream.Current.Step;
        }

        await call.RequestStream.WriteAsync(new SessionRequest
        {
            RequestId = ++requestId,
            Reset = new ResetRequest { Handle = created.Handle, Seed = 11, Sequence = ++sequence },
        });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var resetObservations = call.ResponseStream.Current.Reset.Observation.Tensor.Data.ToByteArray();
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(AsBytes(references[i].Reset(11UL + (ulong)i).Observations), resetObservations.AsSpan(i * 16, 16).ToArray());
        }

        var actions = randoms.Select(r => r.Next(2)).ToArray();
        await WriteAsync(Send(created.Handle, ++sequence, actions, Enumerable.Range(0, n)));
        var ended = 0;
        for (var round = 0; round < 150; round++)
        {
            // A receive is written before the previous send's answer is read: requests pipelined on one stream.
            await WriteAsync(new StepRequest { Handle = created.Handle, Phase = StepPhase.Recv, Sequence = ++sequence });
            Assert.Null((await ReadAsync()).Observation);
            var received = await ReadAsync();

            Assert.Equal(batch, received.EnvIds.Count);
            Assert.Equal([batch, 4], received.Observation.Tensor.Shape);
            var observations = received.Observation.Tensor.Data.ToByteArray();
            var rewards = TensorCodec.Decode<double>(received.Reward);
            var terminated = TensorCodec.Decode<bool>(received.Terminated);
            for (var j = 0; j < batch; j++)
            {
                var i = (int)received.EnvIds[j];
                var expected = references[i].Step([actions[i]]);
                Assert.Equal(AsBytes(expected.Observations), observations.AsSpan(j * 16, 16).ToArray());
                Assert.Equal(expected.Rewards[0], rewards[j]);
                Assert.Equal(expected.Terminations[0], terminated[j]);
                ended += expected.Terminations[0] ? 1 : 0;
                actions[i] = randoms[i].Next(2);
            }

            await WriteAsync(Send(created.Handle, ++sequence, received.EnvIds.Select(i => actions[i]).ToArray(), received.EnvIds.Select(i => (int)i)));
        }

        Assert.NotNull(await ReadAsync());
        Assert.True(ended > 0, "150 rounds should end some episodes, exercising autoreset.");
        await call.RequestStream.CompleteAsync();
    }

    [Fact]
    public async Task Step_RepeatedSequenceNumbers_AnswerTheStoredSendAndRecvWithoutSteppingAgain()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var handle = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 3, BatchSize = 3 })).Handle;
        await client.ResetAsync(new ResetRequest { Handle = handle, Seed = 0, Sequence = 1 });

        var send = Send(handle, 2, [1, 0, 1], [2, 0, 1]);
        await client.StepAsync(send);
        await client.StepAsync(send);
        var recv = new StepRequest { Handle = handle, Phase = StepPhase.Recv, Sequence = 3 };
        var first = await client.StepAsync(recv);
        var again = await client.StepAsync(recv);

        Assert.Equal(first, again);
        Assert.Equal([0u, 1u, 2u], first.EnvIds.Order());
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.StepAsync(new StepRequest { Handle = handle, Phase = StepPhase.Recv, Sequence = 4 }));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public async Task Step_OutOfOrderOrOutOfRange_IsRefusedWithWhatIsAllowed()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var handle = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 4, BatchSize = 3 })).Handle;
        await client.ResetAsync(new ResetRequest { Handle = handle, Seed = 0 });
        await client.StepAsync(Send(handle, 0, [1, 1], [0, 1]));

        await AssertRefusedAsync(client.StepAsync(new StepRequest { Handle = handle, Phase = StepPhase.Recv }), StatusCode.FailedPrecondition, "batch_size = 3 copies sent and not received; 2 are");
        await AssertRefusedAsync(client.StepAsync(Send(handle, 0, [1], [1])), StatusCode.FailedPrecondition, "Copy 1 was sent and not received yet");
        await AssertRefusedAsync(client.StepAsync(Send(handle, 0, [1], [4])), StatusCode.InvalidArgument, "env_id 4 is out of range: expected [0, 3]");
        await AssertRefusedAsync(client.StepAsync(Send(handle, 0, [1, 1], [2, 2])), StatusCode.InvalidArgument, "env_id 2 appears twice");
        await AssertRefusedAsync(client.StepAsync(Send(handle, 0, [2], [2])), StatusCode.InvalidArgument, "not in the action space Discrete(2)");
        await AssertRefusedAsync(client.StepAsync(Send(handle, 0, [1, 0], [2])), StatusCode.InvalidArgument, "action");
        await AssertRefusedAsync(client.RenderAsync(new RenderRequest { Handle = handle }), StatusCode.Unimplemented, "does not render");

        // What was refused sent nothing: copies 2 and 3 are idle, and three sent copies make a receive.
        await client.StepAsync(Send(handle, 0, [0], [3]));
        var received = await client.StepAsync(new StepRequest { Handle = handle, Phase = StepPhase.Recv });
        Assert.Equal([0u, 1u, 3u], received.EnvIds.Order());
    }

    [Fact]
    public async Task Create_BatchSizeWithWhatCannotRunAsynchronously_IsInvalidArgument()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        await AssertRefusedAsync(Create(client, new() { EnvId = CartPole, BatchSize = 1 }), StatusCode.InvalidArgument, "vector environments (num_envs >= 1) only");
        await AssertRefusedAsync(Create(client, new() { EnvId = CartPole, NumEnvs = 2, BatchSize = 3 }), StatusCode.InvalidArgument, "in [1, num_envs]");
        await AssertRefusedAsync(Create(client, new() { EnvId = CartPole, NumEnvs = 2, BatchSize = 1, Backend = Backend.Gpu }), StatusCode.InvalidArgument, "BACKEND_GPU");
        await AssertRefusedAsync(Create(client, new() { EnvId = CartPole, NumEnvs = 2, BatchSize = 1, Vectorization = Vectorization.Soa }), StatusCode.InvalidArgument, "vectorization");
        await AssertRefusedAsync(Create(client, new() { EnvId = CartPole, NumEnvs = 2, BatchSize = 1, RenderMode = "rgb_array" }), StatusCode.InvalidArgument, "does not render");
        await AssertRefusedAsync(
            Create(client, new() { EnvId = CartPole, NumEnvs = 2, BatchSize = 1, AutoresetMode = Protocol.V1.AutoresetMode.Disabled }), StatusCode.InvalidArgument, "DISABLED");

        var synchronous = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 2 })).Handle;
        await client.ResetAsync(new ResetRequest { Handle = synchronous, Seed = 0 });
        await AssertRefusedAsync(client.StepAsync(Send(synchronous, 0, [0, 1], [0, 1])), StatusCode.InvalidArgument, "asynchronous vector environments (created with batch_size > 0)");
    }

    private static Task<CreateEnvironmentResponse> Create(Protocol.V1.Environments.EnvironmentsClient client, CreateEnvironmentRequest request) =>
        client.CreateEnvironmentAsync(request).ResponseAsync;

    private static StepRequest Send(string handle, ulong sequence, int[] actions, IEnumerable<int> envIds)
    {
        var request = new StepRequest
        {
            Handle = handle,
            Phase = StepPhase.Send,
            Sequence = sequence,
            Action = new Value { Tensor = TensorCodec.Encode<long>(actions.Select(a => (long)a).ToArray()) },
        };
        request.EnvIds.Add(envIds.Select(i => (uint)i));
        return request;
    }

    private static async Task AssertRefusedAsync<T>(AsyncUnaryCall<T> call, StatusCode code, string message) => await AssertRefusedAsync(call.ResponseAsync, code, message);

    private static async Task AssertRefusedAsync<T>(Task<T> call, StatusCode code, string message)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);
        Assert.Equal(code, error.StatusCode);
        Assert.Contains(message, error.Status.Detail);
    }

    private static byte[] AsBytes(float[] values) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static Task<LoopbackServer> StartAsync() => LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
}
