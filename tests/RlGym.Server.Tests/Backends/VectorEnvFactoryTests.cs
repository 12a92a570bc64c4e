using RlGym.Core.Vector;
using RlGym.Environments;
using RlGym.Gpu;
using RlGym.Protocol.V1;
using RlGym.Server.Backends;
using RlGym.Server.Errors;
using RlGym.TestSupport.Server;
using CoreAutoresetMode = RlGym.Core.Vector.AutoresetMode;

namespace RlGym.Server.Tests.Backends;

/// <summary>
/// The backend and vectorization rules, on a machine without a GPU: a fake provider says a GPU is present (ILGPU's CPU
/// accelerator, so the GPU variant really runs) or absent.
/// </summary>
public sealed class VectorEnvFactoryTests : IDisposable
{
    private const string CartPole = "CartPole-v1";
    private const string FrozenLake = "FrozenLake-v1";

    private readonly FakeGpuRuntimeProvider _gpu = FakeGpuRuntimeProvider.WithCpuAccelerator();
    private readonly FakeGpuRuntimeProvider _noGpu = FakeGpuRuntimeProvider.WithoutGpu("CPU accelerator (CPUAccelerator)");

    public void Dispose() => _gpu.Dispose();

    [Fact]
    public void Create_AutoBackendWithAGpuAndAnOpenRequest_RunsTheGpuVariant()
    {
        var factory = Factory(_gpu);

        var created = factory.Create(new VectorEnvRequest(CartPole, 4));
        using var env = (IVectorEnv<float[], int[]>)created.Env;

        Assert.Equal(Backend.Gpu, created.Backend);
        Assert.Equal(Vectorization.Unspecified, created.Vectorization);
        Assert.Equal(1, _gpu.Calls);
        Assert.Equal(16, env.Reset(seed: 0).Observations.Length);
        Assert.Equal(4, env.Step([0, 1, 0, 1]).Rewards.Length);
    }

    [Theory]
    [InlineData("explicit soa")]
    [InlineData("explicit sync")]
    [InlineData("same-step autoreset")]
    [InlineData("render mode")]
    [InlineData("no GPU variant")]
    public void Create_AutoBackendWithAGpu_StaysOnTheCpuWhenTheRequestNarrowsTheChoice(string narrowing)
    {
        var request = narrowing switch
        {
            "explicit soa" => new VectorEnvRequest(CartPole, 2) { Vectorization = Vectorization.Soa },
            "explicit sync" => new VectorEnvRequest(CartPole, 2) { Vectorization = Vectorization.Sync },
            "same-step autoreset" => new VectorEnvRequest(CartPole, 2) { AutoresetMode = CoreAutoresetMode.SameStep },
            "render mode" => new VectorEnvRequest(CartPole, 2) { RenderMode = "rgb_array" },
            _ => new VectorEnvRequest(FrozenLake, 2),
        };

        var created = Factory(_gpu).Create(request);
        using var env = created.Env;

        Assert.Equal(Backend.Cpu, created.Backend);
    }

    [Fact]
    public void Create_AutoBackendWithNarrowedRequest_NeverAsksForTheGpu()
    {
        using var env = Factory(_gpu).Create(new VectorEnvRequest(CartPole, 2) { Vectorization = Vectorization.Fast }).Env;

        Assert.Equal(0, _gpu.Calls);
    }

    [Fact]
    public void Create_AutoBackendWithoutAGpu_RunsOnTheCpu()
    {
        var created = Factory(_noGpu).Create(new VectorEnvRequest(CartPole, 2) { Backend = Backend.Unspecified });
        using var env = created.Env;

        Assert.Equal(Backend.Cpu, created.Backend);
        Assert.Equal(Vectorization.Soa, created.Vectorization);
        Assert.Equal(1, _noGpu.Calls);
    }

    [Fact]
    public void Create_CpuBackendWithAGpu_NeverAsksForTheGpu()
    {
        var created = Factory(_gpu).Create(new VectorEnvRequest(CartPole, 2) { Backend = Backend.Cpu });
        using var env = created.Env;

        Assert.Equal(Backend.Cpu, created.Backend);
        Assert.Equal(0, _gpu.Calls);
    }

    [Fact]
    public void Create_GpuBackendWithAGpu_RunsTheGpuVariant()
    {
        var created = Factory(_gpu).Create(new VectorEnvRequest("MinAtar/Breakout-v0", 3) { Backend = Backend.Gpu, Vectorization = Vectorization.Auto });
        using var env = created.Env;

        Assert.Equal(Backend.Gpu, created.Backend);
        Assert.Equal(3, env.NumEnvs);
    }

    [Theory]
    [InlineData(Vectorization.Sync)]
    [InlineData(Vectorization.Soa)]
    [InlineData(Vectorization.Fast)]
    public void Create_GpuBackendWithACpuVectorization_IsAnArgumentErrorBeforeAskingForTheGpu(Vectorization vectorization)
    {
        var error = Assert.Throws<ArgumentException>(
            () => Factory(_gpu).Create(new VectorEnvRequest(CartPole, 2) { Backend = Backend.Gpu, Vectorization = vectorization }));

        Assert.Contains("picks a CPU implementation; it cannot be combined with BACKEND_GPU", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _gpu.Calls);
    }

    [Fact]
    public void Create_GpuBackendWithARenderMode_IsAnArgumentError()
    {
        var error = Assert.Throws<ArgumentException>(
            () => Factory(_gpu).Create(new VectorEnvRequest(CartPole, 2) { Backend = Backend.Gpu, RenderMode = "rgb_array" }));

        Assert.Contains("cannot be combined with BACKEND_GPU", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_GpuBackendWithoutAGpu_IsBackendUnavailableNamingWhatWasFound()
    {
        var error = Assert.Throws<BackendUnavailableException>(() => Factory(_noGpu).Create(new VectorEnvRequest(CartPole, 2) { Backend = Backend.Gpu }));

        Assert.Equal(
            "BACKEND_GPU was requested but there is no CUDA device; found: CPU accelerator (CPUAccelerator). Use BACKEND_AUTO or BACKEND_CPU for the CPU variants.",
            error.Message);
    }

    [Fact]
    public void Create_GpuBackendForAnIdWithoutAGpuVariant_IsAnArgumentError()
    {
        var error = Assert.Throws<ArgumentException>(() => Factory(_gpu).Create(new VectorEnvRequest(FrozenLake, 2) { Backend = Backend.Gpu }));

        Assert.Contains("FrozenLake-v1 has no GPU variant", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CartPole, null, Vectorization.Soa)]
    [InlineData(CartPole, "rgb_array", Vectorization.Sync)]
    [InlineData(FrozenLake, null, Vectorization.Sync)]
    public void Create_AutoVectorizationOnTheCpu_ReportsWhatItResolvedTo(string id, string? renderMode, Vectorization expected)
    {
        var created = Factory(_noGpu).Create(new VectorEnvRequest(id, 2) { Backend = Backend.Cpu, RenderMode = renderMode });
        using var env = created.Env;

        Assert.Equal(expected, created.Vectorization);
    }

    [Theory]
    [InlineData(Vectorization.Sync)]
    [InlineData(Vectorization.Parallel)]
    [InlineData(Vectorization.Soa)]
    [InlineData(Vectorization.Gymnasium)]
    [InlineData(Vectorization.Fast)]
    public void Create_ExplicitVectorization_IsTheOneInEffect(Vectorization vectorization)
    {
        var created = Factory(_gpu).Create(new VectorEnvRequest(CartPole, 2) { Vectorization = vectorization });
        using var env = created.Env;

        Assert.Equal(vectorization, created.Vectorization);
        Assert.Equal(Backend.Cpu, created.Backend);
    }

    [Fact]
    public void Create_VectorizationTheIdLacks_IsAnArgumentErrorListingTheAvailableOnes()
    {
        var error = Assert.Throws<ArgumentException>(
            () => Factory(_noGpu).Create(new VectorEnvRequest("MountainCar-v0", 2) { Vectorization = Vectorization.Gymnasium }));

        Assert.Contains("available: auto, sync, parallel, soa, fast", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EstimateBytes_MoreCopies_EstimatesMore()
    {
        var factory = Factory(_noGpu);

        Assert.True(factory.EstimateBytes(new VectorEnvRequest(CartPole, 1024)) > factory.EstimateBytes(new VectorEnvRequest(CartPole, 2)));
    }

    [Fact]
    public void CpuAcceleratorProvider_GivesARuntimeThatIsNotCuda()
    {
        // The fake stands in for a GPU; the runtime it hands out is ILGPU's CPU accelerator, never a real device.
        GpuRuntime? runtime = _gpu.TryGet(out _);

        Assert.NotNull(runtime);
        Assert.False(runtime.IsCuda);
    }

    private static VectorEnvFactory Factory(IGpuRuntimeProvider gpu) => new(BuiltInEnvironments.CreateRegistry(), gpu);
}
