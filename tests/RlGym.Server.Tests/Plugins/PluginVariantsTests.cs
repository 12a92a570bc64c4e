using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RlGym.Core.Vector;
using RlGym.Environments;
using RlGym.Gpu;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;
using RlGym.Server.Backends;
using RlGym.Server.Plugins;
using RlGym.Server.Sessions;
using RlGym.TestSupport.Server;
using EnvironmentsClient = RlGym.Protocol.V1.Environments.EnvironmentsClient;

namespace RlGym.Server.Tests.Plugins;

/// <summary>
/// A plugin's batched code served: GoodPlugin's <c>Ladder-v0</c> registers its soa variant (DynamicsVectorEnv over its
/// LadderDynamics) and fast dynamics; <c>LineWalk-v0</c> beside it registers a scalar environment only.
/// </summary>
public sealed class PluginVariantsTests
{
    private const string Ladder = "Ladder-v0";
    private const int Copies = 8;

    [Fact]
    public async Task DescribeEnvironment_PluginEnvWithASoaVariant_HasAVectorEntryPointAndListsItsVectorizations()
    {
        using var plugins = new TestPlugins(withBroken: false);
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry(), o => o.PluginsPath = plugins.Directory);
        var client = server.CreateClient();

        var ladder = await client.DescribeEnvironmentAsync(new DescribeEnvironmentRequest { EnvId = Ladder });
        var lineWalk = await client.DescribeEnvironmentAsync(new DescribeEnvironmentRequest { EnvId = "LineWalk-v0" });
        var listed = (await client.ListEnvironmentsAsync(new ListEnvironmentsRequest())).Environments.Single(e => e.Spec.Id == Ladder);

        Assert.True(ladder.Spec.HasVectorEntryPoint);
        Assert.Equal([Vectorization.Sync, Vectorization.Parallel, Vectorization.Soa, Vectorization.Fast], ladder.Vectorizations);
        Assert.EndsWith(Path.Combine("GoodPlugin", "GoodPlugin.dll"), ladder.Source, StringComparison.Ordinal);
        Assert.True(listed.Spec.HasVectorEntryPoint);
        Assert.False(lineWalk.Spec.HasVectorEntryPoint);
        Assert.Equal([Vectorization.Sync, Vectorization.Parallel], lineWalk.Vectorizations);
    }

    [Fact]
    public async Task CreateEnvironment_PluginSoa_RunsThePluginsDynamicsVectorEnvEqualToCopiesOfItsScalarEnv()
    {
        using var plugins = new TestPlugins(withBroken: false);
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry(), o => o.PluginsPath = plugins.Directory);
        var client = server.CreateClient();
        // The reference: copies of the plugin's scalar environment (sync), loaded here the way the server loads it.
        var local = BuiltInEnvironments.CreateRegistry();
        PluginLoader.Load(plugins.Directory, local, NullLogger.Instance);
        using var scalarCopies = local.MakeVec(Ladder, Copies, vectorization: Vectorizations.Sync);

        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest
        {
            EnvId = Ladder, NumEnvs = Copies, Vectorization = Vectorization.Soa, Backend = Backend.Cpu,
        });

        Assert.Equal(Vectorization.Soa, created.Vectorization);
        AssertServesPluginType(server, created.Handle, typeof(DynamicsVectorEnv<,,,>), plugins);
        var (terminations, truncations) = await AssertEqualStepsAsync(client, created.Handle, scalarCopies, steps: 200);
        Assert.True(terminations > 0 && truncations > 0, $"200 random steps should end episodes both ways, autoresetting them ({terminations} terminations, {truncations} truncations).");
    }

    [Fact]
    public async Task CreateEnvironment_PluginFast_RunsThePluginsFastDynamics()
    {
        using var plugins = new TestPlugins(withBroken: false);
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry(), o => o.PluginsPath = plugins.Directory);
        var client = server.CreateClient();

        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest
        {
            EnvId = Ladder, NumEnvs = Copies, Vectorization = Vectorization.Fast, Backend = Backend.Cpu,
        });

        Assert.Equal(Vectorization.Fast, created.Vectorization);
        AssertServesPluginType(server, created.Handle, typeof(FastVectorEnv<,,,,>), plugins);
        await AssertClimbsToTheTopAsync(client, created.Handle);
    }

    [Fact]
    public async Task CreateEnvironment_PluginOnTheGpuBackend_RunsItsFastDynamicsInTheKernel()
    {
        // ILGPU's CPU accelerator stands in for the GPU: the kernel is compiled from the plugin's LadderDynamics.
        using var plugins = new TestPlugins(withBroken: false);
        using var gpu = FakeGpuRuntimeProvider.WithCpuAccelerator();
        await using var server = await LoopbackServer.StartAsync(
            BuiltInEnvironments.CreateRegistry(), o => o.PluginsPath = plugins.Directory, b => b.Services.AddSingleton<IGpuRuntimeProvider>(gpu));
        var client = server.CreateClient();

        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = Ladder, NumEnvs = Copies, Backend = Backend.Gpu });

        Assert.Equal(Backend.Gpu, created.Backend);
        AssertServesPluginType(server, created.Handle, typeof(GpuVectorEnv<,,,,>), plugins);
        await AssertClimbsToTheTopAsync(client, created.Handle);
    }

    // The session's vector env is a closed generic of definition over the plugin's LadderDynamics, loaded from the
    // plugins folder into the plugin's own load context.
    private static void AssertServesPluginType(LoopbackServer server, string handle, Type definition, TestPlugins plugins)
    {
        var target = Assert.IsType<VectorEnvTarget>(server.App.Services.GetRequiredService<HandleStore>().Get(handle).Target);
        var type = target.Env.GetType();
        Assert.Equal(definition, type.GetGenericTypeDefinition());
        var dynamics = type.GetGenericArguments()[0];
        Assert.Equal("GoodPlugin.LadderDynamics", dynamics.FullName);
        Assert.Equal(Path.Combine(plugins.Directory, "GoodPlugin", "GoodPlugin.dll"), dynamics.Assembly.Location);
        Assert.NotSame(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(dynamics.Assembly));
    }

    // Steps the served copies and the reference with the same random actions; observations, rewards and flags must be
    // equal bit for bit. Returns how many episodes terminated and were truncated.
    private static async Task<(int Terminations, int Truncations)> AssertEqualStepsAsync(EnvironmentsClient client, string handle, IVectorEnv reference, int steps)
    {
        var expectedReset = (float[])reference.ResetObject(seed: 42).Observations;
        var reset = await client.ResetAsync(new ResetRequest { Handle = handle, Seed = 42 });
        AssertTensor(reset.Observation.Tensor, DType.Float32, [Copies, 1], expectedReset);

        var random = new System.Random(7);
        var actions = new int[Copies];
        var (terminations, truncations) = (0, 0);
        for (var t = 0; t < steps; t++)
        {
            for (var i = 0; i < Copies; i++)
            {
                actions[i] = random.Next(2);
            }

            var step = await client.StepAsync(new StepRequest { Handle = handle, Action = new Value { Tensor = TensorCodec.Encode(actions.Select(a => (long)a).ToArray()) } });
            var expected = reference.StepObject(actions);

            AssertTensor(step.Observation.Tensor, DType.Float32, [Copies, 1], (float[])expected.Observations);
            AssertTensor(step.Reward, DType.Float64, [Copies], expected.Rewards);
            AssertTensor(step.Terminated, DType.Bool, [Copies], expected.Terminations);
            AssertTensor(step.Truncated, DType.Bool, [Copies], expected.Truncations);
            terminations += expected.Terminations.Count(f => f);
            truncations += expected.Truncations.Count(f => f);
        }

        return (terminations, truncations);
    }

    // Always climbing, every copy reaches the top rung (7) within the time limit unless it slips a lot: a terminal step
    // observes 7 and pays 1, any other step pays 0.
    private static async Task AssertClimbsToTheTopAsync(EnvironmentsClient client, string handle)
    {
        await client.ResetAsync(new ResetRequest { Handle = handle, Seed = 3 });
        var up = new Value { Tensor = TensorCodec.Encode(Enumerable.Repeat(1L, Copies).ToArray()) };
        var reachedTop = new bool[Copies];
        for (var t = 0; t < 40; t++)
        {
            var step = await client.StepAsync(new StepRequest { Handle = handle, Action = up });
            var observations = TensorCodec.Decode<float>(step.Observation.Tensor);
            var rewards = TensorCodec.Decode<double>(step.Reward);
            var terminated = TensorCodec.Decode<bool>(step.Terminated);
            for (var i = 0; i < Copies; i++)
            {
                Assert.Equal(terminated[i] ? 1.0 : 0.0, rewards[i]);
                Assert.Equal(terminated[i], observations[i] == 7f);
                reachedTop[i] |= terminated[i];
            }
        }

        Assert.All(reachedTop, Assert.True);
    }

    private static void AssertTensor<T>(Tensor tensor, DType dtype, long[] shape, T[] expected)
        where T : unmanaged
    {
        Assert.Equal(dtype, tensor.Dtype);
        Assert.Equal(shape, tensor.Shape);
        Assert.Equal(MemoryMarshal.AsBytes(expected.AsSpan()).ToArray(), tensor.Data.ToByteArray());
    }
}
