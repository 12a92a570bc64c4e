using Grpc.Core;
using RlGym.Core.Rendering;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;
using RlGym.TestSupport.Environments;
using RlGym.TestSupport.Server;
using EnvironmentsClient = RlGym.Protocol.V1.Environments.EnvironmentsClient;

namespace RlGym.Server.Tests;

/// <summary>The whole app on a real loopback port, driven by the generated client.</summary>
public class EnvironmentsServiceTests
{
    private const string Corridor = TestEnvironments.CorridorId;

    [Fact]
    public async Task ListEnvironments_TestRegistry_DescribesCorridor()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var list = await client.ListEnvironmentsAsync(new ListEnvironmentsRequest());

        var description = Assert.Single(list.Environments);
        Assert.Equal(Corridor, description.Spec.Id);
        Assert.Equal(20, description.Spec.MaxEpisodeSteps);
        Assert.Equal(5L, description.Spec.Kwargs["length"].IntValue);
        Assert.Equal("Discrete(2)", SpaceCodec.Decode(description.ActionSpace).ToString());
        Assert.Equal(DType.Float32, description.ObservationSpace.Box.Dtype);
        Assert.Equal(["ansi", "rgb_array"], description.Metadata.RenderModes);
        Assert.Equal("test", description.Source);
    }

    [Fact]
    public async Task DescribeEnvironment_UnknownId_IsNotFoundListingIds()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.DescribeEnvironmentAsync(new DescribeEnvironmentRequest { EnvId = "Nope-v0" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("'Nope-v0'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(Corridor, error.Status.Detail, StringComparison.Ordinal);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task CreateEnvironment_UnknownId_IsNotFoundListingIds()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "CartPole-v9" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("registered ids: " + Corridor, error.Status.Detail, StringComparison.Ordinal);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task CreateEnvironment_UnknownKwarg_IsInvalidArgumentNamingAcceptedKwargs()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var request = new CreateEnvironmentRequest { EnvId = Corridor, Kwargs = { ["width"] = new Value { IntValue = 3 } } };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("accepted kwargs: fail_on_step, int_rewards, length", error.Status.Detail, StringComparison.Ordinal);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task CreateEnvironment_KwargsAndTimeLimit_AreInTheReturnedSpec()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest
        {
            EnvId = Corridor,
            Kwargs = { ["length"] = new Value { IntValue = 8 } },
            MaxEpisodeSteps = 3,
            RenderMode = "ansi",
        });

        Assert.Equal(8L, created.Spec.Kwargs["length"].IntValue);
        Assert.Equal(3, created.Spec.MaxEpisodeSteps);
        Assert.Equal("ansi", created.RenderMode);
        Assert.Equal(new[] { 7.0 }, TensorCodec.Decode<double>(created.ObservationSpace.Box.High));
        Assert.Equal(0u, created.NumEnvs);
    }

    [Fact]
    public async Task ResetAndStep_OverTheWire_MatchTheSameEnvironmentInProcess()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        using var local = TestEnvironments.CreateRegistry().Make<float[], int>(Corridor);
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor });

        var remoteReset = await client.ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 42 });
        var localReset = local.Reset(42);

        Assert.Equal(localReset.Observation, TensorCodec.Decode<float>(remoteReset.Observation.Tensor));
        Assert.Equal(localReset.Info["position"], remoteReset.Info["position"].IntValue);
        for (var t = 0; t < 25; t++)
        {
            var action = t % 3 == 2 ? 0 : 1;
            var remote = await client.StepAsync(new StepRequest { Handle = created.Handle, Action = new Value { IntValue = action } });
            var expected = local.Step(action);
            Assert.Equal(expected.Observation, TensorCodec.Decode<float>(remote.Observation.Tensor));
            Assert.Equal(new[] { expected.Reward }, TensorCodec.Decode<double>(remote.Reward));
            Assert.Equal(new[] { expected.Terminated }, TensorCodec.Decode<bool>(remote.Terminated));
            Assert.Equal(new[] { expected.Truncated }, TensorCodec.Decode<bool>(remote.Truncated));
            Assert.Equal(expected.Info["steps"], remote.Info["steps"].IntValue);
            if (expected.Terminated || expected.Truncated)
            {
                break;
            }
        }
    }

    [Fact]
    public async Task Step_UnknownHandle_IsNotFound()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.StepAsync(new StepRequest { Handle = "AAAAAAAAAAAAAAAAAAAAAA", Action = new Value { IntValue = 1 } }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("Unknown environment handle", error.Status.Detail, StringComparison.Ordinal);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task Step_ActionOfWrongType_IsInvalidArgumentNamingSpaceAndValue()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var handle = await CreateAndResetAsync(client);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.StepAsync(new StepRequest
        {
            Handle = handle,
            Action = new Value { Tensor = TensorCodec.Encode<float>([1f, 2f, 3f]) },
        }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("action must be an int in Discrete(2), got a float32 tensor of shape [3].", error.Status.Detail);
        await AssertStillServesAsync(client, handle);
    }

    [Fact]
    public async Task Step_ActionTensorOfWrongShape_IsInvalidArgument()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var handle = await CreateAndResetAsync(client);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.StepAsync(new StepRequest
        {
            Handle = handle,
            Action = new Value { Tensor = TensorCodec.Encode<long>([1L, 0L]) },
        }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("got a int64 tensor of shape [2]", error.Status.Detail, StringComparison.Ordinal);
        await AssertStillServesAsync(client, handle);
    }

    [Fact]
    public async Task Step_ActionAsInt64ScalarTensor_IsAccepted()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var handle = await CreateAndResetAsync(client);

        var step = await client.StepAsync(new StepRequest { Handle = handle, Action = new Value { Tensor = TensorCodec.Scalar(1L) } });

        Assert.Equal(Value.KindOneofCase.Tensor, step.Observation.KindCase);
    }

    [Fact]
    public async Task Step_ActionOutOfRange_IsInvalidArgument()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var handle = await CreateAndResetAsync(client);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.StepAsync(new StepRequest { Handle = handle, Action = new Value { IntValue = 5 } }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Discrete(2)", error.Status.Detail, StringComparison.Ordinal);
        await AssertStillServesAsync(client, handle);
    }

    [Fact]
    public async Task Step_WithoutAction_IsInvalidArgument()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var handle = await CreateAndResetAsync(client);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.StepAsync(new StepRequest { Handle = handle }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("action is missing", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_BeforeReset_IsFailedPrecondition()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.StepAsync(new StepRequest { Handle = created.Handle, Action = new Value { IntValue = 1 } }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("before reset", error.Status.Detail, StringComparison.Ordinal);
        await client.ResetAsync(new ResetRequest { Handle = created.Handle });
        await AssertStillServesAsync(client, created.Handle);
    }

    [Fact]
    public async Task Step_RepeatedSequenceNumber_ReturnsTheStoredResultAndDoesNotStepTwice()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor, Kwargs = { ["length"] = new Value { IntValue = 50 } } });
        var reset = await client.ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 7, Sequence = 1 });
        var start = TensorCodec.Decode<float>(reset.Observation.Tensor)[0];

        var first = await client.StepAsync(new StepRequest { Handle = created.Handle, Action = new Value { IntValue = 1 }, Sequence = 2 });
        var retry = await client.StepAsync(new StepRequest { Handle = created.Handle, Action = new Value { IntValue = 1 }, Sequence = 2 });
        var next = await client.StepAsync(new StepRequest { Handle = created.Handle, Action = new Value { IntValue = 1 }, Sequence = 3 });

        Assert.Equal(first, retry);
        Assert.Equal(2UL, retry.Sequence);
        Assert.Equal(start + 1, TensorCodec.Decode<float>(first.Observation.Tensor)[0]);
        // Had the retry stepped again, the agent would now be at start + 3.
        Assert.Equal(start + 2, TensorCodec.Decode<float>(next.Observation.Tensor)[0]);
        Assert.Equal(2L, next.Info["steps"].IntValue);
    }

    [Fact]
    public async Task Step_GapInSequenceNumbers_IsFailedPreconditionNamingTheExpectedNumber()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor });
        await client.ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 1, Sequence = 1 });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.StepAsync(new StepRequest { Handle = created.Handle, Action = new Value { IntValue = 1 }, Sequence = 4 }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("expected 2", error.Status.Detail, StringComparison.Ordinal);
        var good = await client.StepAsync(new StepRequest { Handle = created.Handle, Action = new Value { IntValue = 1 }, Sequence = 2 });
        Assert.Equal(2UL, good.Sequence);
    }

    [Fact]
    public async Task CreateEnvironment_BeyondMaxHandles_IsResourceExhaustedNamingTheLimit()
    {
        await using var server = await StartAsync(o => o.MaxHandles = 2);
        var client = server.CreateClient();
        var first = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor });
        await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("MaxHandles = 2", error.Status.Detail, StringComparison.Ordinal);
        await client.CloseEnvironmentAsync(new CloseEnvironmentRequest { Handle = first.Handle });
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task CreateEnvironment_NumEnvsBeyondCopyLimit_IsResourceExhausted()
    {
        await using var server = await StartAsync(o => o.MaxCopiesPerHandle = 16);
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor, NumEnvs = 17 }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("MaxCopiesPerHandle = 16", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateEnvironment_GpuBackend_IsUnimplementedNamingIt()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor, Backend = Backend.Gpu }));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("BACKEND_GPU", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateEnvironment_UnsupportedRenderMode_IsInvalidArgument()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor, RenderMode = "human" }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("supported: ansi, rgb_array", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_EnvironmentThrowsUnexpectedly_IsInternalWithAnErrorIdOnlyAndLoggedAsError()
    {
        await using var server = await StartAsync();
        server.ExpectErrors(e => e.Contains("asked to fail on every step", StringComparison.Ordinal));
        var client = server.CreateClient();
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor, Kwargs = { ["fail_on_step"] = new Value { BoolValue = true } } });
        await client.ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 0 });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.StepAsync(new StepRequest { Handle = created.Handle, Action = new Value { IntValue = 1 } }));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain("asked to fail", error.Status.Detail, StringComparison.Ordinal);
        var id = System.Text.RegularExpressions.Regex.Match(error.Status.Detail, "error ([0-9a-f]{12})").Groups[1].Value;
        Assert.NotEmpty(id);
        Assert.Contains(id, Assert.Single(server.LoggedErrors), StringComparison.Ordinal);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task Render_Ansi_ReturnsText()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor, RenderMode = "ansi" });
        await client.ResetAsync(new ResetRequest { Handle = created.Handle, Options = { ["start"] = new Value { IntValue = 1 } } });

        var render = await client.RenderAsync(new RenderRequest { Handle = created.Handle });

        Assert.Equal(".A..G", Assert.Single(render.Frames).Text);
    }

    [Fact]
    public async Task Render_RgbArrayAsPngAndRaw_GiveTheEnvironmentsFrame()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor, RenderMode = "rgb_array" });
        await client.ResetAsync(new ResetRequest { Handle = created.Handle, Options = { ["start"] = new Value { IntValue = 2 } } });
        using var local = new CorridorEnv(renderMode: "rgb_array");
        local.Reset(options: new Dictionary<string, object> { ["start"] = 2L });
        var expected = (RgbFrame)local.Render()!;

        var png = Assert.Single((await client.RenderAsync(new RenderRequest { Handle = created.Handle, Encoding = FrameEncoding.Png })).Frames).Image;
        var raw = Assert.Single((await client.RenderAsync(new RenderRequest { Handle = created.Handle, Encoding = FrameEncoding.Raw })).Frames).Image;

        Assert.Equal((expected.Height, expected.Width), (png.Height, png.Width));
        Assert.Equal(expected.Pixels, PngDecoder.Decode(png.Png.ToByteArray()).Pixels);
        Assert.Equal([2L, 10L, 3L], raw.Pixels.Shape);
        Assert.Equal(expected.Pixels, TensorCodec.Decode<byte>(raw.Pixels));
        Assert.True(raw.Png.IsEmpty);
    }

    [Fact]
    public async Task Render_WithoutRenderMode_ReturnsNoFrames()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var handle = await CreateAndResetAsync(client);

        var render = await client.RenderAsync(new RenderRequest { Handle = handle });

        Assert.Empty(render.Frames);
    }

    [Fact]
    public async Task CloseEnvironment_ThenStepOrCloseAgain_IsNotFound()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var handle = await CreateAndResetAsync(client);

        await client.CloseEnvironmentAsync(new CloseEnvironmentRequest { Handle = handle });

        var step = await Assert.ThrowsAsync<RpcException>(async () => await client.StepAsync(new StepRequest { Handle = handle, Action = new Value { IntValue = 1 } }));
        var close = await Assert.ThrowsAsync<RpcException>(async () => await client.CloseEnvironmentAsync(new CloseEnvironmentRequest { Handle = handle }));
        Assert.Equal(StatusCode.NotFound, step.StatusCode);
        Assert.Equal(StatusCode.NotFound, close.StatusCode);
    }

    [Fact]
    public async Task Session_SameRequestsAsUnary_GiveTheSameResponses()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var unaryHandle = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor })).Handle;
        var unaryReset = await client.ResetAsync(new ResetRequest { Handle = unaryHandle, Seed = 5, Sequence = 1 });
        var unarySteps = new List<StepResponse>();
        for (var i = 0; i < 4; i++)
        {
            unarySteps.Add(await client.StepAsync(new StepRequest { Handle = unaryHandle, Action = new Value { IntValue = i % 2 }, Sequence = (ulong)i + 2 }));
        }

        using var call = client.Session();
        await call.RequestStream.WriteAsync(new SessionRequest { RequestId = 10, Create = new CreateEnvironmentRequest { EnvId = Corridor } });
        Assert.True(await call.ResponseStream.MoveNext(default));
        Assert.Equal(10UL, call.ResponseStream.Current.RequestId);
        var streamHandle = call.ResponseStream.Current.Create.Handle;
        await call.RequestStream.WriteAsync(new SessionRequest { RequestId = 11, Reset = new ResetRequest { Handle = streamHandle, Seed = 5, Sequence = 1 } });
        Assert.True(await call.ResponseStream.MoveNext(default));
        Assert.Equal(unaryReset, call.ResponseStream.Current.Reset);
        for (var i = 0; i < 4; i++)
        {
            await call.RequestStream.WriteAsync(new SessionRequest { RequestId = 12UL + (ulong)i, Step = new StepRequest { Handle = streamHandle, Action = new Value { IntValue = i % 2 }, Sequence = (ulong)i + 2 } });
            Assert.True(await call.ResponseStream.MoveNext(default));
            Assert.Equal(12UL + (ulong)i, call.ResponseStream.Current.RequestId);
            Assert.Equal(unarySteps[i], call.ResponseStream.Current.Step);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(default));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Session_FailedRequest_EndsTheStreamWithItsStatusAndTheHandleLivesOn()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var handle = await CreateAndResetAsync(client);
        using var call = client.Session();
        await call.RequestStream.WriteAsync(new SessionRequest { RequestId = 1, Step = new StepRequest { Handle = handle, Action = new Value { IntValue = 1 } } });
        Assert.True(await call.ResponseStream.MoveNext(default));

        await call.RequestStream.WriteAsync(new SessionRequest { RequestId = 2, Step = new StepRequest { Handle = handle, Action = new Value { DoubleValue = 0.5 } } });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(default));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("got the float 0.5", error.Status.Detail, StringComparison.Ordinal);
        await AssertStillServesAsync(client, handle);
    }

    [Fact]
    public async Task Session_ClientLeavesMidStream_IsNotLoggedAsAnError()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var call = client.Session();
        await call.RequestStream.WriteAsync(new SessionRequest { RequestId = 1, List = new ListEnvironmentsRequest() });
        Assert.True(await call.ResponseStream.MoveNext(default));

        // Disposing an unfinished call resets the HTTP/2 stream while the server is waiting for the next request.
        call.Dispose();
        await Task.Delay(200);

        Assert.Empty(server.LoggedErrors);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task Session_EmptyRequest_IsInvalidArgument()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        using var call = client.Session();

        await call.RequestStream.WriteAsync(new SessionRequest { RequestId = 3 });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(default));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("SessionRequest 3 carries no request", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeEnvironment_8000ByteId_IsNotFoundQuotingAShortPrefix()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.DescribeEnvironmentAsync(new DescribeEnvironmentRequest { EnvId = new string('x', 8000) }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("…' (8,000 bytes)", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(error.Status.Detail.Length < 1024, $"the detail has {error.Status.Detail.Length} characters");
    }

    [Fact]
    public async Task Reset_8000ByteHandle_IsNotFoundQuotingAShortPrefix()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.ResetAsync(new ResetRequest { Handle = new string('h', 8000) }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("(8,000 bytes)", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(error.Status.Detail.Length < 1024, $"the detail has {error.Status.Detail.Length} characters");
    }

    [Fact]
    public async Task Reset_FailedCalls_LogNothingAtInformation()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        for (var i = 0; i < 20; i++)
        {
            await Assert.ThrowsAsync<RpcException>(async () => await client.ResetAsync(new ResetRequest { Handle = "no-such-handle-for-logs" }));
        }

        Assert.DoesNotContain(server.LoggedMessages, m => m.Contains("no-such-handle-for-logs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateEnvironment_KwargStringOverMaxStringBytes_IsResourceExhaustedWithAShortQuote()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var request = new CreateEnvironmentRequest { EnvId = Corridor, Kwargs = { ["length"] = new Value { StringValue = new string('s', 1_000_000) } } };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(request));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("65,536 bytes per string", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("(1,000,000 bytes)", error.Status.Detail, StringComparison.Ordinal);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task CreateEnvironment_KwargsOverMaxArgumentBytes_IsResourceExhaustedNamingTheLimit()
    {
        await using var server = await StartAsync(o => o.MaxArgumentBytes = 1024 * 1024);
        var client = server.CreateClient();
        var big = new Value { Tensor = TensorCodec.Encode(new byte[2 * 1024 * 1024]) };

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor, Kwargs = { ["length"] = big } }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("limit of 1,048,576 bytes", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateEnvironment_KwargTensorOfShapeZeroBy2To40_IsInvalidArgument()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var tensor = new Tensor { Dtype = DType.Float32, Shape = { 0, 1L << 40 } };

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor, Kwargs = { ["length"] = new Value { Tensor = tensor } } }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("dimensions must be in [0, ", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(server.LoggedErrors);
    }

    [Fact]
    public async Task Reset_OptionTensorOfRank33_IsInvalidArgument()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var handle = await CreateAndResetAsync(client);
        var tensor = new Tensor { Dtype = DType.Uint8, Data = Google.Protobuf.ByteString.CopyFrom(1) };
        tensor.Shape.AddRange(Enumerable.Repeat(1L, 33));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.ResetAsync(new ResetRequest { Handle = handle, Options = { ["o"] = new Value { Tensor = tensor } } }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("at most 32 are allowed", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(server.LoggedErrors);
    }

    [Fact]
    public async Task CreateEnvironment_KwargNested40Deep_IsInvalidArgumentNamingTheDepthLimit()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var request = new CreateEnvironmentRequest { EnvId = Corridor, Kwargs = { ["length"] = Errors.ParseErrorsServiceMethodProviderTests.Nested(40) } };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("nested deeper than 32 levels", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateEnvironment_GzipRequestInflatingPastTheMessageLimit_IsResourceExhaustedQuickly()
    {
        await using var server = await StartAsync(o => o.MaxReceiveMessageBytes = 1024 * 1024);
        var client = new EnvironmentsClient(server.CreateChannel(new Grpc.Net.Client.GrpcChannelOptions()));
        var request = new CreateEnvironmentRequest { EnvId = Corridor, Kwargs = { ["length"] = new Value { StringValue = new string('z', 8 * 1024 * 1024) } } };
        var gzip = new Metadata { { "grpc-internal-encoding-request", "gzip" } };
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateEnvironmentAsync(request, gzip, deadline: DateTime.UtcNow.AddSeconds(30)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task CreateEnvironment_FrozenLakeMapOverMaxTiles_IsInvalidArgumentNamingTheLimit()
    {
        await using var server = await LoopbackServer.StartAsync(RlGym.Environments.BuiltInEnvironments.CreateRegistry());
        var client = server.CreateClient();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "FrozenLake-v1", Kwargs = { ["desc"] = Map(300) } }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("limit of 65,536 tiles", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task CreateEnvironment_PastMaxHandleMemoryBytes_IsResourceExhaustedNamingTheBudget()
    {
        await using var server = await LoopbackServer.StartAsync(RlGym.Environments.BuiltInEnvironments.CreateRegistry(), o => o.MaxHandleMemoryBytes = 8 * 1024 * 1024);
        var client = server.CreateClient();

        var lake = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "FrozenLake-v1", Kwargs = { ["desc"] = Map(200) } }));
        var lakes = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "FrozenLake-v1", NumEnvs = 64, Kwargs = { ["desc"] = Map(64) } }));
        var poles = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "CartPole-v1", NumEnvs = 60_000 }));
        var small = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "FrozenLake-v1", Kwargs = { ["desc"] = Map(16) } });

        Assert.All([lake, lakes, poles], e => Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode));
        Assert.All([lake, lakes, poles], e => Assert.Contains("MaxHandleMemoryBytes = 8.0 MiB", e.Status.Detail, StringComparison.Ordinal));
        Assert.NotEmpty(small.Handle);
    }

    /// <summary>A FrozenLake map of <paramref name="size"/> x <paramref name="size"/> tiles, as a kwarg (list of rows).</summary>
    private static Value Map(int size)
    {
        var rows = new ListValue();
        for (var r = 0; r < size; r++)
        {
            var row = new string('F', size).ToCharArray();
            row[0] = r == 0 ? 'S' : row[0];
            row[^1] = r == size - 1 ? 'G' : row[^1];
            rows.Items.Add(new Value { StringValue = new string(row) });
        }

        return new Value { List = rows };
    }

    private static Task<LoopbackServer> StartAsync(Action<RlGymServerOptions>? configure = null) =>
        LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), configure);

    private static async Task<string> CreateAndResetAsync(EnvironmentsClient client)
    {
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Corridor });
        await client.ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 0 });
        return created.Handle;
    }

    /// <summary>After a rejected request the server (and the handle, when given) must still work.</summary>
    private static async Task AssertStillServesAsync(EnvironmentsClient client, string? handle = null)
    {
        handle ??= await CreateAndResetAsync(client);
        var step = await client.StepAsync(new StepRequest { Handle = handle, Action = new Value { IntValue = 0 } });
        Assert.Equal(DType.Float32, step.Observation.Tensor.Dtype);
    }
}
