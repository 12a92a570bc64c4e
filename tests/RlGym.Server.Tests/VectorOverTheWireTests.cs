using System.Runtime.InteropServices;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using RlGym.Core.Vector;
using RlGym.Environments;
using RlGym.Environments.Vectorized;
using RlGym.Gpu;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;
using RlGym.Server.Backends;
using RlGym.TestSupport.Server;
using EnvironmentsClient = RlGym.Protocol.V1.Environments.EnvironmentsClient;

namespace RlGym.Server.Tests;

/// <summary>Vector environments (num_envs >= 1) through the real server, compared with the local vector envs.</summary>
public class VectorOverTheWireTests
{
    private const string CartPole = "CartPole-v1";
    private const string Breakout = "MinAtar/Breakout-v0";

    [Fact]
    public async Task CreateEnvironment_CartPoleFourCopies_DescribesOneCopyOnTheCpu()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 4, Backend = Backend.Auto });

        Assert.Equal(4u, created.NumEnvs);
        Assert.Equal(Backend.Cpu, created.Backend);
        Assert.Equal(Protocol.V1.AutoresetMode.NextStep, created.AutoresetMode);
        Assert.Equal("Discrete(2)", SpaceCodec.Decode(created.ActionSpace).ToString());
        Assert.Equal([4], SpaceCodec.Decode(created.ObservationSpace).Shape);
    }

    [Fact]
    public async Task Step_CartPoleSixteenCopies_EqualsTheLocalVectorEnvBitForBit()
    {
        const int n = 16;
        await using var server = await StartAsync();
        var client = server.CreateClient();
        using var local = (IVectorEnv<float[], int[]>)BuiltInEnvironments.CreateRegistry().MakeVec(CartPole, n);
        var handle = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = n })).Handle;

        var reset = await client.ResetAsync(new ResetRequest { Handle = handle, Seed = 42, Sequence = 1 });
        var expectedReset = local.Reset(42);
        AssertTensor(reset.Observation.Tensor, DType.Float32, [n, 4], expectedReset.Observations);

        var random = new Random(7);
        var actions = new int[n];
        var sawEnd = false;
        for (var t = 0; t < 300; t++)
        {
            for (var i = 0; i < n; i++)
            {
                actions[i] = random.Next(2);
            }

            var action = new Value { Tensor = TensorCodec.Encode<long>(actions.Select(a => (long)a).ToArray()) };
            var step = await client.StepAsync(new StepRequest { Handle = handle, Action = action, Sequence = (ulong)t + 2 });
            var expected = local.Step(actions);

            AssertTensor(step.Observation.Tensor, DType.Float32, [n, 4], expected.Observations);
            AssertTensor(step.Reward, DType.Float64, [n], expected.Rewards);
            AssertTensor(step.Terminated, DType.Bool, [n], expected.Terminations);
            AssertTensor(step.Truncated, DType.Bool, [n], expected.Truncations);
            sawEnd |= expected.Terminations.Contains(true);
        }

        Assert.True(sawEnd, "300 random steps should end some CartPole episodes, exercising autoreset.");
    }

    [Fact]
    public async Task Step_SameStepAutoreset_SendsFinalObsAsAListWithNoneForRunningCopies()
    {
        const int n = 3;
        await using var server = await StartAsync();
        var client = server.CreateClient();
        using var local = (IVectorEnv<float[], int[]>)BuiltInEnvironments.CreateRegistry().MakeVec(CartPole, n, Core.Vector.AutoresetMode.SameStep);
        var handle = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest
        {
            EnvId = CartPole, NumEnvs = n, AutoresetMode = Protocol.V1.AutoresetMode.SameStep,
        })).Handle;
        await client.ResetAsync(new ResetRequest { Handle = handle, Seed = 1 });
        local.Reset(1);

        // Always pushing right ends every copy within a few dozen steps.
        var actions = new[] { 1, 1, 1 };
        var action = new Value { Tensor = TensorCodec.Encode<long>([1, 1, 1]) };
        StepResponse step;
        VectorStepResult<float[]> expected;
        do
        {
            step = await client.StepAsync(new StepRequest { Handle = handle, Action = action });
            expected = local.Step(actions);
        }
        while (!expected.Terminations.Contains(true));

        var finalObs = step.Info["final_obs"];
        Assert.Equal(Value.KindOneofCase.List, finalObs.KindCase);
        var localFinal = (object?[])expected.Info["final_obs"];
        for (var i = 0; i < n; i++)
        {
            if (localFinal[i] is float[] obs)
            {
                Assert.Equal(obs, TensorCodec.Decode<float>(finalObs.List.Items[i].Tensor));
            }
            else
            {
                Assert.Equal(Value.KindOneofCase.None_, finalObs.List.Items[i].KindCase);
            }
        }

        Assert.Equal(expected.Terminations, TensorCodec.Decode<bool>(step.Info["_final_obs"].Tensor));
    }

    [Fact]
    public async Task Reset_PerCopySeeds_EqualTheLocalVectorEnv()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        using var local = (IVectorEnv<float[], int[]>)BuiltInEnvironments.CreateRegistry().MakeVec(CartPole, 3);
        var handle = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 3 })).Handle;

        var reset = await client.ResetAsync(new ResetRequest { Handle = handle, Seeds = { 5, 9, 2 } });

        AssertTensor(reset.Observation.Tensor, DType.Float32, [3, 4], local.Reset([5UL, 9UL, 2UL]).Observations);
    }

    [Fact]
    public async Task Reset_SeedsOfWrongLength_IsInvalidArgumentAndTheHandleLivesOn()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var handle = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 4 })).Handle;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.ResetAsync(new ResetRequest { Handle = handle, Seeds = { 1, 2 } }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("has 2 seeds, but this vector environment has num_envs = 4", error.Status.Detail, StringComparison.Ordinal);
        await AssertStillServesAsync(client, handle, 4);
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("parallel")]
    [InlineData("soa")]
    public async Task Reset_OptionThatIsNotAFloat_IsInvalidArgumentOnEveryVectorization(string vectorization)
    {
        // Found by the request fuzzer: the parallel variant's copies failed inside Parallel.For, whose
        // AggregateException the server answered INTERNAL.
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var handle = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest
        {
            EnvId = CartPole,
            NumEnvs = 4,
            VectorKwargs = { ["vectorization"] = new Value { StringValue = vectorization } },
        })).Handle;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.ResetAsync(
            new ResetRequest { Handle = handle, Options = { ["low"] = new Value { Dict = new DictValue() } } }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("could not be converted to a float", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(server.LoggedErrors);
        await AssertStillServesAsync(client, handle, 4);
    }

    [Fact]
    public async Task Step_ActionBatchOfWrongShape_IsInvalidArgumentNamingTheExpectedTensor()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var handle = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 4 })).Handle;
        await client.ResetAsync(new ResetRequest { Handle = handle, Seed = 0 });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.StepAsync(new StepRequest
        {
            Handle = handle, Action = new Value { Tensor = TensorCodec.Encode<long>([0, 1, 0]) },
        }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("action must be a int64 tensor of shape [4]", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("got a int64 tensor of shape [3]", error.Status.Detail, StringComparison.Ordinal);
        await AssertStillServesAsync(client, handle, 4);
    }

    [Fact]
    public async Task Step_ActionBatchOfWrongDtype_IsInvalidArgument()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var handle = (await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "MountainCarContinuous-v0", NumEnvs = 2 })).Handle;
        await client.ResetAsync(new ResetRequest { Handle = handle, Seed = 0 });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.StepAsync(new StepRequest
        {
            Handle = handle, Action = new Value { Tensor = TensorCodec.Encode<double>([0.5, -0.5], [2, 1]) },
        }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("action must be a float32 tensor of shape [2, 1]", error.Status.Detail, StringComparison.Ordinal);
        var step = await client.StepAsync(new StepRequest
        {
            Handle = handle, Action = new Value { Tensor = TensorCodec.Encode<float>([0.5f, -0.5f], [2, 1]) },
        });
        Assert.Equal([2L, 2L], step.Observation.Tensor.Shape);
    }

    [Fact]
    public async Task CreateEnvironment_MoreCopiesThanMaxCopiesPerHandle_IsResourceExhausted()
    {
        await using var server = await StartAsync(o => o.MaxCopiesPerHandle = 8);
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 9 }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("MaxCopiesPerHandle = 8", error.Status.Detail, StringComparison.Ordinal);
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 8 });
        await AssertStillServesAsync(client, created.Handle, 8);
    }

    [Fact]
    public async Task CreateEnvironment_BeyondMaxTotalCopies_IsResourceExhaustedUntilAHandleCloses()
    {
        await using var server = await StartAsync(o => o.MaxTotalCopies = 10);
        var client = server.CreateClient();
        var first = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 6 });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 5 }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("MaxTotalCopies = 10 (6 in use)", error.Status.Detail, StringComparison.Ordinal);
        await client.CloseEnvironmentAsync(new CloseEnvironmentRequest { Handle = first.Handle });
        var second = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 5 });
        await AssertStillServesAsync(client, second.Handle, 5);
    }

    [Fact]
    public async Task Render_CopiesMadeWithARenderMode_AnswersOneFramePerCopyOfItsOwnState()
    {
        const int n = 3;
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = n, RenderMode = "rgb_array" });
        await client.ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 1, Sequence = 1 });

        var rendered = await client.RenderAsync(new RenderRequest { Handle = created.Handle, Encoding = FrameEncoding.Raw });

        Assert.Equal("rgb_array", created.RenderMode);
        Assert.Equal(n, rendered.Frames.Count);
        var pixels = rendered.Frames.Select(frame => frame.Image.Pixels.Data.ToByteArray()).ToArray();
        Assert.All(rendered.Frames, frame => Assert.Equal([400, 600, 3], frame.Image.Pixels.Shape));
        Assert.NotEqual(pixels[0], pixels[1]); // copies seeded 1 and 2 start apart: each frame shows its own copy
        using var single = BuiltInEnvironments.CreateRegistry().Make(CartPole, renderMode: "rgb_array");
        single.ResetObject(seed: 2);
        Assert.Equal(((Core.Rendering.RgbFrame)single.Render()!).Pixels, pixels[1]);
    }

    [Fact]
    public async Task CreateEnvironment_RenderModeWithAVectorizationThatDoesNotRender_IsInvalidArgument()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var request = new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 2, RenderMode = "rgb_array" };
        request.VectorKwargs["vectorization"] = new Value { StringValue = Vectorizations.Soa };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("does not render", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateEnvironment_GpuBackend_IsFailedPreconditionSayingWhatWasFound()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var request = new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 4, Backend = Backend.Gpu };

        if (GpuRuntime.TryGetCuda(out _) is not null)
        {
            // A machine with a CUDA device grants the request instead.
            var granted = await client.CreateEnvironmentAsync(request);
            Assert.Equal(Backend.Gpu, granted.Backend);
            await AssertStillServesAsync(client, granted.Handle, 4);
            return;
        }

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(request));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("no CUDA device; found: CPU accelerator", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("BACKEND_AUTO or BACKEND_CPU", error.Status.Detail, StringComparison.Ordinal);
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 4, Backend = Backend.Cpu });
        Assert.Equal(Backend.Cpu, created.Backend);
    }

    [Fact]
    public async Task CreateEnvironment_GpuBackendWithACpuVectorization_IsInvalidArgument()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(new CreateEnvironmentRequest
        {
            EnvId = CartPole, NumEnvs = 2, Backend = Backend.Gpu, VectorKwargs = { ["vectorization"] = new Value { StringValue = Vectorizations.Soa } },
        }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("cannot be combined with BACKEND_GPU", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateEnvironment_FastVectorization_ServesFloat32CopiesOnTheCpu()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest
        {
            EnvId = CartPole, NumEnvs = 8, Backend = Backend.Cpu, VectorKwargs = { ["vectorization"] = new Value { StringValue = Vectorizations.Fast } },
        });

        Assert.Equal(Backend.Cpu, created.Backend);
        await AssertStillServesAsync(client, created.Handle, 8);
    }

    [Fact]
    public async Task Step_BreakoutFastVectorization_ServesBoolGridsEqualToTheLocalFastVariant()
    {
        const int n = 6;
        await using var server = await StartAsync();
        var client = server.CreateClient();
        using var local = (IVectorEnv<bool[], int[]>)BuiltInEnvironments.CreateRegistry().MakeVec(Breakout, n, vectorization: Vectorizations.Fast);

        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest
        {
            EnvId = Breakout, NumEnvs = n, Backend = Backend.Cpu, VectorKwargs = { ["vectorization"] = new Value { StringValue = Vectorizations.Fast } },
        });
        var reset = await client.ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 3 });

        Assert.Equal(Backend.Cpu, created.Backend);
        Assert.Equal("Discrete(3)", SpaceCodec.Decode(created.ActionSpace).ToString());
        Assert.Equal([10, 10, 4], SpaceCodec.Decode(created.ObservationSpace).Shape);
        AssertTensor(reset.Observation.Tensor, DType.Bool, [n, 10, 10, 4], local.Reset(3).Observations);
        var random = new Random(1);
        for (var step = 0; step < 40; step++)
        {
            var actions = Enumerable.Range(0, n).Select(_ => random.Next(3)).ToArray();
            var remote = await client.StepAsync(new StepRequest { Handle = created.Handle, Action = new Value { Tensor = TensorCodec.Encode(actions.Select(a => (long)a).ToArray()) } });
            var expected = local.Step(actions);

            AssertTensor(remote.Observation.Tensor, DType.Bool, [n, 10, 10, 4], expected.Observations);
            AssertTensor(remote.Terminated, DType.Bool, [n], expected.Terminations);
        }
    }

    [Fact]
    public async Task CreateEnvironment_BreakoutGpuBackend_IsGrantedOnCudaOrFailedPreconditionWithout()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var request = new CreateEnvironmentRequest { EnvId = Breakout, NumEnvs = 4, Backend = Backend.Gpu };

        if (GpuRuntime.TryGetCuda(out _) is not null)
        {
            var granted = await client.CreateEnvironmentAsync(request);
            Assert.Equal(Backend.Gpu, granted.Backend);
            await client.ResetAsync(new ResetRequest { Handle = granted.Handle, Seed = 0 });
            var step = await client.StepAsync(new StepRequest { Handle = granted.Handle, Action = new Value { Tensor = TensorCodec.Encode(new long[4]) } });
            Assert.Equal([4L, 10, 10, 4], step.Observation.Tensor.Shape);
            return;
        }

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(request));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("no CUDA device", error.Status.Detail, StringComparison.Ordinal);
        var auto = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Breakout, NumEnvs = 4, Backend = Backend.Auto });
        Assert.Equal(Backend.Cpu, auto.Backend);
    }

    [Fact]
    public async Task CreateEnvironment_UnknownVectorization_IsInvalidArgumentListingTheAvailableOnes()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(new CreateEnvironmentRequest
        {
            EnvId = CartPole, NumEnvs = 2, VectorKwargs = { ["vectorization"] = new Value { StringValue = "magic" } },
        }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Unknown vectorization 'magic'; accepted: auto, sync, parallel, soa, gymnasium, fast.", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Vectorization.Unspecified, Vectorization.Soa)]
    [InlineData(Vectorization.Auto, Vectorization.Soa)]
    [InlineData(Vectorization.Sync, Vectorization.Sync)]
    [InlineData(Vectorization.Parallel, Vectorization.Parallel)]
    [InlineData(Vectorization.Soa, Vectorization.Soa)]
    [InlineData(Vectorization.Gymnasium, Vectorization.Gymnasium)]
    [InlineData(Vectorization.Fast, Vectorization.Fast)]
    public async Task CreateEnvironment_VectorizationField_IsTheVectorizationInEffect(Vectorization asked, Vectorization expected)
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 3, Vectorization = asked });

        Assert.Equal(expected, created.Vectorization);
        Assert.Equal(Backend.Cpu, created.Backend);
        await AssertStillServesAsync(client, created.Handle, 3);
    }

    [Fact]
    public async Task Step_GymnasiumVectorizationInEitherSpelling_SendsItsFloat32Rewards()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var typed = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 2, Vectorization = Vectorization.Gymnasium });
        var legacy = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest
        {
            EnvId = CartPole, NumEnvs = 2, VectorKwargs = { ["vectorization"] = new Value { StringValue = "gymnasium" } },
        });

        foreach (var created in new[] { typed, legacy })
        {
            Assert.Equal(Vectorization.Gymnasium, created.Vectorization);
            await client.ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 1 });
            var step = await client.StepAsync(new StepRequest { Handle = created.Handle, Action = new Value { Tensor = TensorCodec.Encode(new long[2]) } });
            Assert.Equal(DType.Float32, step.Reward.Dtype);
        }
    }

    [Fact]
    public async Task CreateEnvironment_BothSpellingsAgreeing_IsAccepted()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest
        {
            EnvId = CartPole, NumEnvs = 2, Vectorization = Vectorization.Sync, VectorKwargs = { ["vectorization"] = new Value { StringValue = "sync" } },
        });

        Assert.Equal(Vectorization.Sync, created.Vectorization);
    }

    [Theory]
    [InlineData(Vectorization.Soa, "sync", "vectorization 'soa' and vector_kwargs[\"vectorization\"] 'sync' disagree")]
    [InlineData(Vectorization.Auto, "fast", "vectorization 'auto' and vector_kwargs[\"vectorization\"] 'fast' disagree")]
    public async Task CreateEnvironment_BothSpellingsDisagreeing_IsInvalidArgumentNamingBoth(Vectorization typed, string legacy, string expected)
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(new CreateEnvironmentRequest
        {
            EnvId = CartPole, NumEnvs = 2, Vectorization = typed, VectorKwargs = { ["vectorization"] = new Value { StringValue = legacy } },
        }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(expected, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateEnvironment_VectorizationOutsideTheEnum_IsInvalidArgument()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 2, Vectorization = (Vectorization)42 }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Unknown vectorization 42", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateEnvironment_VectorizationTheIdLacks_IsInvalidArgumentListingTheAvailableOnes()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "MountainCar-v0", NumEnvs = 2, Vectorization = Vectorization.Gymnasium }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("not available for MountainCar-v0; available: auto, sync, parallel, soa, fast", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateEnvironment_VectorizationForASingleEnvironment_IsInvalidArgument()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, Vectorization = Vectorization.Soa }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("apply to vector environments (num_envs >= 1) only", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CartPole, new[] { Vectorization.Sync, Vectorization.Parallel, Vectorization.Soa, Vectorization.Gymnasium, Vectorization.Fast })]
    [InlineData("Pendulum-v1", new[] { Vectorization.Sync, Vectorization.Parallel, Vectorization.Soa, Vectorization.Fast })]
    [InlineData("FrozenLake-v1", new[] { Vectorization.Sync, Vectorization.Parallel })]
    public async Task DescribeEnvironment_AnId_ListsTheVectorizationsItOffers(string id, Vectorization[] expected)
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var description = await client.DescribeEnvironmentAsync(new DescribeEnvironmentRequest { EnvId = id });

        Assert.Equal(expected, description.Vectorizations);
    }

    [Fact]
    public async Task ListEnvironments_EveryId_ListsVectorizationsEachOfWhichCreates()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var registry = BuiltInEnvironments.CreateRegistry();

        var list = await client.ListEnvironmentsAsync(new ListEnvironmentsRequest());

        foreach (var description in list.Environments)
        {
            var expected = registry.Vectorizations(description.Spec.Id).Select(EnumCodec.ParseVectorization);
            Assert.Equal(expected, description.Vectorizations);
            Assert.Contains(Vectorization.Sync, description.Vectorizations);
        }
    }

    [Fact]
    public async Task CreateEnvironment_AutoBackendWithAGpu_RunsCartPoleOnTheGpuThroughTheWire()
    {
        using var gpu = FakeGpuRuntimeProvider.WithCpuAccelerator();
        await using var server = await StartWithGpuAsync(gpu);
        var client = server.CreateClient();

        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 4 });
        var soa = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 4, Vectorization = Vectorization.Soa });

        Assert.Equal(Backend.Gpu, created.Backend);
        Assert.Equal(Vectorization.Unspecified, created.Vectorization);
        await AssertStillServesAsync(client, created.Handle, 4);
        Assert.Equal(Backend.Cpu, soa.Backend);
        Assert.Equal(Vectorization.Soa, soa.Vectorization);
    }

    [Fact]
    public async Task CreateEnvironment_GpuBackendWithAGpuAndACpuVectorization_IsInvalidArgument()
    {
        using var gpu = FakeGpuRuntimeProvider.WithCpuAccelerator();
        await using var server = await StartWithGpuAsync(gpu);
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(new CreateEnvironmentRequest
        {
            EnvId = CartPole, NumEnvs = 2, Backend = Backend.Gpu, Vectorization = Vectorization.Fast,
        }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Vectorization 'fast' picks a CPU implementation; it cannot be combined with BACKEND_GPU", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateEnvironment_GpuBackendWithoutAGpu_IsFailedPreconditionNamingWhatWasFound()
    {
        using var gpu = FakeGpuRuntimeProvider.WithoutGpu("CPU accelerator (fake)");
        await using var server = await StartWithGpuAsync(gpu);
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 2, Backend = Backend.Gpu }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("no CUDA device; found: CPU accelerator (fake)", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_BatchedSteps_AreCarriedLikeUnaryOnes()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        using var local = (IVectorEnv<float[], int[]>)BuiltInEnvironments.CreateRegistry().MakeVec(CartPole, 4, vectorization: Vectorizations.Sync);
        using var call = client.Session();

        await call.RequestStream.WriteAsync(new SessionRequest
        {
            RequestId = 1,
            Create = new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 4, VectorKwargs = { ["vectorization"] = new Value { StringValue = "sync" } } },
        });
        Assert.True(await call.ResponseStream.MoveNext(default));
        var handle = call.ResponseStream.Current.Create.Handle;
        await call.RequestStream.WriteAsync(new SessionRequest { RequestId = 2, Reset = new ResetRequest { Handle = handle, Seed = 3, Sequence = 1 } });
        Assert.True(await call.ResponseStream.MoveNext(default));
        local.Reset(3);
        await call.RequestStream.WriteAsync(new SessionRequest
        {
            RequestId = 3,
            Step = new StepRequest { Handle = handle, Action = new Value { Tensor = TensorCodec.Encode<long>([0, 1, 1, 0]) }, Sequence = 2 },
        });
        Assert.True(await call.ResponseStream.MoveNext(default));
        await call.RequestStream.CompleteAsync();

        var step = call.ResponseStream.Current.Step;
        AssertTensor(step.Observation.Tensor, DType.Float32, [4, 4], local.Step([0, 1, 1, 0]).Observations);
        Assert.Equal(2UL, step.Sequence);
    }

    private static Task<LoopbackServer> StartAsync(Action<RlGymServerOptions>? configure = null) =>
        LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry(), configure);

    private static Task<LoopbackServer> StartWithGpuAsync(FakeGpuRuntimeProvider gpu) =>
        LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry(), configureBuilder: b => b.Services.AddSingleton<IGpuRuntimeProvider>(gpu));

    private static void AssertTensor<T>(Tensor tensor, DType dtype, long[] shape, T[] expected)
        where T : unmanaged
    {
        Assert.Equal(dtype, tensor.Dtype);
        Assert.Equal(shape, tensor.Shape);
        Assert.Equal(MemoryMarshal.AsBytes(expected.AsSpan()).ToArray(), tensor.Data.ToByteArray());
    }

    private static async Task AssertStillServesAsync(EnvironmentsClient client, string handle, int numEnvs)
    {
        await client.ResetAsync(new ResetRequest { Handle = handle, Seed = 0 });
        var step = await client.StepAsync(new StepRequest { Handle = handle, Action = new Value { Tensor = TensorCodec.Encode(new long[numEnvs]) } });
        Assert.Equal([numEnvs, 4L], step.Observation.Tensor.Shape);
    }
}
