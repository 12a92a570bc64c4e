using Grpc.Core;
using Grpc.Net.Client;
using RlGym.Client.Transport;
using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Environments;
using RlGym.Protocol.V1;
using RlGym.TestSupport.Server;
using RlGym.TestSupport.Gymnasium;

namespace RlGym.Client.Tests;

public sealed class RemoteEnvTests
{
    private static RemoteEnvOptions Options(LoopbackServer server, RemoteTransport transport) =>
        new() { Address = server.Address.ToString(), Transport = transport };

    [Theory]
    [InlineData(RemoteTransport.Stream)]
    [InlineData(RemoteTransport.Unary)]
    public async Task Make_CartPole_MirrorsServerSpacesAndSpec(RemoteTransport transport)
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());

        using var env = RemoteEnv.Make<float[], int>("CartPole-v1", Options(server, transport));

        Assert.False(string.IsNullOrEmpty(env.Handle));
        Assert.Equal([4], env.ObservationSpace.Shape);
        Assert.True(env.ActionSpace.Contains(1));
        Assert.False(env.ActionSpace.Contains(2));
        Assert.Equal("CartPole-v1", env.Spec.Id);
        Assert.Equal(500, env.Spec.MaxEpisodeSteps);
        Assert.Equal(475.0, env.Spec.RewardThreshold);
        Assert.Null(env.RenderMode);
    }

    [Theory]
    [InlineData(RemoteTransport.Stream)]
    [InlineData(RemoteTransport.Unary)]
    public async Task Step_ActionOutsideSpace_ThrowsInvalidActionWithServerMessageAndEnvKeepsWorking(RemoteTransport transport)
    {
        var episode = GymnasiumFixture.Load("CartPole-v1.json").Runs[0].Episodes[0];
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        using var env = RemoteEnv.Make<float[], int>("CartPole-v1", Options(server, transport));
        env.Reset(seed: episode.ResetSeed);

        var error = Assert.Throws<InvalidActionException>(() => env.Step(5));

        Assert.Contains("5", error.Message, StringComparison.Ordinal);
        var result = env.Step(episode.Actions[0].GetInt32());
        Assert.Equal(GymnasiumFixture.ToFloatArray(episode.Observations[0]), result.Observation);
    }

    [Theory]
    [InlineData(RemoteTransport.Stream)]
    [InlineData(RemoteTransport.Unary)]
    public async Task Step_BeforeReset_ThrowsResetNeededAndEnvWorksAfterReset(RemoteTransport transport)
    {
        var episode = GymnasiumFixture.Load("CartPole-v1.json").Runs[0].Episodes[0];
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        using var env = RemoteEnv.Make<float[], int>("CartPole-v1", Options(server, transport));

        var error = Assert.Throws<ResetNeededException>(() => env.Step(0));

        Assert.Contains("reset", error.Message, StringComparison.OrdinalIgnoreCase);
        var (observation, _) = env.Reset(seed: episode.ResetSeed);
        Assert.Equal(GymnasiumFixture.ToFloatArray(episode.ResetObservation), observation);
        Assert.Equal(GymnasiumFixture.ToFloatArray(episode.Observations[0]), env.Step(episode.Actions[0].GetInt32()).Observation);
    }

    [Theory]
    [InlineData(RemoteTransport.Stream)]
    [InlineData(RemoteTransport.Unary)]
    public async Task Make_UnknownId_ThrowsUnknownEnvironmentNamingTheId(RemoteTransport transport)
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());

        var error = Assert.Throws<UnknownEnvironmentException>(() => RemoteEnv.Make("NoSuchEnv-v0", Options(server, transport)));

        Assert.Contains("NoSuchEnv-v0", error.Message, StringComparison.Ordinal);
        Assert.Contains("CartPole-v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Make_BadKwarg_ThrowsArgumentExceptionWithServerMessage()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());

        var error = Assert.Throws<ArgumentException>(
            () => RemoteEnv.Make("CartPole-v1", Options(server, RemoteTransport.Stream), new Dictionary<string, object?> { ["no_such_kwarg"] = 1L }));

        Assert.Contains("no_such_kwarg", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Make_WrongTypes_ThrowsInvalidCastNamingTheSpaces()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());

        var error = Assert.Throws<InvalidCastException>(() => RemoteEnv.Make<int, int>("CartPole-v1", Options(server, RemoteTransport.Stream)));

        Assert.Contains("CartPole-v1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RemoteTransport.Stream)]
    [InlineData(RemoteTransport.Unary)]
    public async Task StepAt_RepeatedSequence_ReturnsStoredResultWithoutSteppingAgain(RemoteTransport transport)
    {
        var episode = GymnasiumFixture.Load("CartPole-v1.json").Runs[0].Episodes[0];
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        using var env = RemoteEnv.Make<float[], int>("CartPole-v1", Options(server, transport));
        env.Reset(seed: episode.ResetSeed);
        var first = env.Step(episode.Actions[0].GetInt32());

        // What a retry after a lost answer sends: the same number again (with any action: the server must not apply it).
        var repeated = env.Untyped.StepAt(1 - episode.Actions[0].GetInt32(), env.Untyped.LastSequence);

        Assert.Equal(first.Observation, (float[])repeated.Observation);
        Assert.Equal(first.Reward, repeated.Reward);
        var second = env.Step(episode.Actions[1].GetInt32());
        Assert.Equal(GymnasiumFixture.ToFloatArray(episode.Observations[1]), second.Observation);
    }

    [Fact]
    public async Task Step_AfterStreamDropped_ReopensStreamAndContinues()
    {
        var episode = GymnasiumFixture.Load("CartPole-v1.json").Runs[0].Episodes[0];
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        using var env = RemoteEnv.Make<float[], int>("CartPole-v1", Options(server, RemoteTransport.Stream));
        env.Reset(seed: episode.ResetSeed);
        env.Step(episode.Actions[0].GetInt32());

        ((SessionTransport)env.Untyped.Transport).AbortStream();
        var result = env.Step(episode.Actions[1].GetInt32());

        Assert.Equal(GymnasiumFixture.ToFloatArray(episode.Observations[1]), result.Observation);
    }

    [Theory]
    [InlineData(RemoteTransport.Stream)]
    [InlineData(RemoteTransport.Unary)]
    public async Task Close_Twice_IsHarmlessAndLaterStepsThrowObjectDisposed(RemoteTransport transport)
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        var env = RemoteEnv.Make<float[], int>("CartPole-v1", Options(server, transport));
        env.Reset(seed: 1);

        env.Close();
        env.Close();
        env.Dispose();

        Assert.Throws<ObjectDisposedException>(() => env.Step(0));
    }

    [Fact]
    public async Task Close_OpenEnv_ServerForgetsHandle()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        var env = RemoteEnv.Make("CartPole-v1", Options(server, RemoteTransport.Stream));

        env.Close();

        using var channel = GrpcChannel.ForAddress(server.Address);
        var client = new Protocol.V1.Environments.EnvironmentsClient(channel);
        var error = Assert.Throws<RpcException>(() => client.Reset(new ResetRequest { Handle = env.Handle }));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Dispose_ChannelGiven_LeavesChannelUsable()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        using var channel = GrpcChannel.ForAddress(server.Address);
        var options = new RemoteEnvOptions { Channel = channel };

        RemoteEnv.Make("CartPole-v1", options).Dispose();
        using var second = RemoteEnv.Make<float[], int>("CartPole-v1", options);

        Assert.Equal(4, second.Reset(seed: 3).Observation.Length);
    }

    [Theory]
    [InlineData(RemoteTransport.Stream)]
    [InlineData(RemoteTransport.Unary)]
    public async Task Step_AnswerLostWithConnection_RetriesSameSequenceAndStepsOnce(RemoteTransport transport)
    {
        var episode = GymnasiumFixture.Load("CartPole-v1.json").Runs[0].Episodes[0];
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        await using var proxy = DroppingProxy.Start(server.Address);
        using var env = RemoteEnv.Make<float[], int>("CartPole-v1", new RemoteEnvOptions
        {
            Address = proxy.Address,
            Transport = transport,
            Retry = new RetryOptions { MaxRetries = 3, Backoff = TimeSpan.FromMilliseconds(10) },
        });
        env.Reset(seed: episode.ResetSeed);
        env.Step(episode.Actions[0].GetInt32());

        proxy.DropNextAnswer();
        var retried = env.Step(episode.Actions[1].GetInt32());
        var next = env.Step(episode.Actions[2].GetInt32());

        Assert.Equal(1, proxy.Drops);
        Assert.Equal(GymnasiumFixture.ToFloatArray(episode.Observations[1]), retried.Observation);
        Assert.Equal(GymnasiumFixture.ToFloatArray(episode.Observations[2]), next.Observation);
    }

    [Fact]
    public async Task Step_ConnectionLostAndRetriesDisabled_ThrowsUnavailable()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        await using var proxy = DroppingProxy.Start(server.Address);
        using var env = RemoteEnv.Make<float[], int>("CartPole-v1", new RemoteEnvOptions { Address = proxy.Address, Retry = RetryOptions.None });
        env.Reset(seed: 1);

        proxy.DropNextAnswer();
        var error = Assert.Throws<RemoteEnvException>(() => env.Step(0));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Theory]
    [InlineData(RemoteTransport.Stream)]
    [InlineData(RemoteTransport.Unary)]
    public async Task Render_RgbArray_EqualsLocalFramePixelForPixel(RemoteTransport transport)
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        using var remote = RemoteEnv.Make<float[], int>("CartPole-v1", Options(server, transport), renderMode: RenderModes.RgbArray);
        using var local = Gym.Make<float[], int>("CartPole-v1", renderMode: RenderModes.RgbArray);
        remote.Reset(seed: 7);
        local.Reset(seed: 7);
        remote.Step(1);
        local.Step(1);

        var remoteFrame = Assert.IsType<RgbFrame>(remote.Render());
        var localFrame = Assert.IsType<RgbFrame>(local.Render());

        Assert.Equal(RenderModes.RgbArray, remote.RenderMode);
        Assert.Equal((localFrame.Height, localFrame.Width), (remoteFrame.Height, remoteFrame.Width));
        Assert.Equal(localFrame.Pixels, remoteFrame.Pixels);
    }

    [Fact]
    public async Task Render_NoRenderMode_ReturnsNull()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        using var env = RemoteEnv.Make("CartPole-v1", Options(server, RemoteTransport.Stream));
        env.ResetObject(seed: 7);

        Assert.Null(env.Render());
    }
}
