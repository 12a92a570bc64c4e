using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RlGym.Core;
using RlGym.Core.Vector;
using RlGym.Environments;
using RlGym.Environments.Vectorized;
using Backend = RlGym.Protocol.V1.Backend;
using RlGym.Server.Backends;
using RlGym.TestSupport;
using RlGym.TestSupport.Gymnasium;
using RlGym.TestSupport.Server;

namespace RlGym.Client.Tests;

/// <summary><see cref="RemoteVectorEnv"/> over a loopback server equals the local vector environments bit for bit.</summary>
public sealed class RemoteVectorEnvTests
{
    [Theory]
    [InlineData(RemoteTransport.Stream)]
    [InlineData(RemoteTransport.Unary)]
    public async Task Step_CartPoleSoa64Copies600Steps_EqualsTheLocalVectorEnvBitForBit(RemoteTransport transport)
    {
        const int n = 64;
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        using var remote = RemoteVectorEnv.Make<float[], int[]>("CartPole-v1", n, Options(server, transport), vectorization: Vectorizations.Soa);
        using var local = (IVectorEnv<float[], int[]>)BuiltInEnvironments.CreateRegistry().MakeVec("CartPole-v1", n, vectorization: Vectorizations.Soa);

        Assert.Equal(Bits(local.Reset(123).Observations), Bits(remote.Reset(123).Observations));
        var random = new Random(5);
        var actions = new int[n];
        var ended = 0;
        for (var t = 0; t < 600; t++)
        {
            for (var i = 0; i < n; i++)
            {
                actions[i] = random.Next(2);
            }

            var expected = local.Step(actions);
            var actual = remote.Step(actions);
            Assert.True(Bits(expected.Observations).SequenceEqual(Bits(actual.Observations)), $"step {t}");
            Assert.Equal(expected.Rewards, actual.Rewards);
            Assert.Equal(expected.Terminations, actual.Terminations);
            Assert.Equal(expected.Truncations, actual.Truncations);
            ended += expected.Terminations.Count(x => x);
        }

        Assert.True(ended > n, "600 random steps must end many episodes, exercising autoreset.");
    }

    [Fact]
    public async Task Step_SameStepAutoreset_FinalObsEqualsTheLocalVectorEnv()
    {
        const int n = 8;
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        using var remote = RemoteVectorEnv.Make<float[], int[]>("CartPole-v1", n, Options(server), AutoresetMode.SameStep);
        using var local = (IVectorEnv<float[], int[]>)BuiltInEnvironments.CreateRegistry().MakeVec("CartPole-v1", n, AutoresetMode.SameStep);
        remote.Reset(9);
        local.Reset(9);
        var random = new Random(1);
        var actions = new int[n];
        var checkedFinal = 0;
        for (var t = 0; t < 200; t++)
        {
            for (var i = 0; i < n; i++)
            {
                actions[i] = random.Next(2);
            }

            var expected = local.Step(actions);
            var actual = remote.Step(actions);
            Assert.Equal(expected.Observations, actual.Observations);
            Assert.Equal(expected.Info.Keys.Order(), actual.Info.Keys.Order());
            if (expected.Info.TryGetValue("final_obs", out var finalObs))
            {
                var expectedFinal = (object?[])finalObs;
                var actualFinal = (object?[])actual.Info["final_obs"];
                for (var i = 0; i < n; i++)
                {
                    Assert.Equal((float[]?)expectedFinal[i], (float[]?)actualFinal[i]);
                }

                Assert.Equal((bool[])expected.Info["_final_obs"], (bool[])actual.Info["_final_obs"]);
                checkedFinal++;
            }
        }

        Assert.True(checkedFinal > 0);
    }

    [Fact]
    public async Task Step_MountainCarContinuousBoxActions_EqualsTheLocalVectorEnv()
    {
        const int n = 16;
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        using var remote = RemoteVectorEnv.Make<float[], float[]>("MountainCarContinuous-v0", n, Options(server));
        using var local = (IVectorEnv<float[], float[]>)BuiltInEnvironments.CreateRegistry().MakeVec("MountainCarContinuous-v0", n);

        Assert.Equal(local.Reset(4).Observations, remote.Reset(4).Observations);
        var random = new Random(2);
        var actions = new float[n];
        for (var t = 0; t < 300; t++)
        {
            for (var i = 0; i < n; i++)
            {
                actions[i] = (float)((random.NextDouble() * 2.4) - 1.2);
            }

            var expected = local.Step(actions);
            var actual = remote.Step(actions);
            Assert.True(Bits(expected.Observations).SequenceEqual(Bits(actual.Observations)), $"step {t}");
            Assert.Equal(expected.Rewards, actual.Rewards);
            Assert.Equal(expected.Terminations, actual.Terminations);
        }
    }

    [Theory]
    [InlineData("sync", Vectorizations.Sync)]
    [InlineData("vector_entry_point", Vectorizations.Gymnasium)]
    public async Task Step_CartPoleVectorFixtureRuns_MatchGymnasiumThroughTheWire(string mode, string vectorization)
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.GymnasiumFixtures, "CartPole-v1_vector.json"));
        using var document = JsonDocument.Parse(stream);
        var runs = document.RootElement.GetProperty("runs").EnumerateArray()
            .Where(r => r.GetProperty("make_vec").GetProperty("vectorization_mode").GetString() == mode)
            .ToArray();
        Assert.NotEmpty(runs);
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        foreach (var run in runs)
        {
            var makeVec = run.GetProperty("make_vec");
            var sameStep = makeVec.TryGetProperty("vector_kwargs", out var vk)
                && vk.TryGetProperty("autoreset_mode", out var am) && am.GetString() == "SameStep";
            int? maxEpisodeSteps = makeVec.TryGetProperty("max_episode_steps", out var max) && max.ValueKind == JsonValueKind.Number ? max.GetInt32() : null;
            using var env = RemoteVectorEnv.Make<float[], int[]>(
                "CartPole-v1", run.GetProperty("num_envs").GetInt32(), Options(server),
                sameStep ? AutoresetMode.SameStep : AutoresetMode.NextStep, vectorization, maxEpisodeSteps: maxEpisodeSteps);

            Assert.Equal(Flatten(run.GetProperty("reset").GetProperty("obs")), env.Reset(run.GetProperty("seed").GetUInt64()).Observations);
            var steps = run.GetProperty("steps");
            var actions = steps.GetProperty("action").EnumerateArray().ToArray();
            for (var t = 0; t < actions.Length; t++)
            {
                var result = env.Step(GymnasiumFixture.ToIntArray(actions[t]));
                Assert.Equal(Flatten(steps.GetProperty("obs")[t]), result.Observations);
                Assert.Equal(GymnasiumFixture.ToDoubleArray(steps.GetProperty("reward")[t]), result.Rewards);
                Assert.Equal(Flags(steps.GetProperty("terminated")[t]), result.Terminations);
                Assert.Equal(Flags(steps.GetProperty("truncated")[t]), result.Truncations);
            }
        }
    }

    [Fact]
    public async Task Make_GpuBackendOnAServerWithoutOne_ThrowsInvalidOperationFromFailedPrecondition()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        if (Gpu.GpuRuntime.TryGetCuda(out _) is not null)
        {
            using var granted = RemoteVectorEnv.Make("CartPole-v1", 4, Options(server), backend: Backend.Gpu);
            Assert.Equal(Backend.Gpu, granted.Backend); // this machine has a CUDA device: the server grants the GPU
            return;
        }

        var error = Assert.Throws<InvalidOperationException>(() => RemoteVectorEnv.Make("CartPole-v1", 4, Options(server), backend: Backend.Gpu));

        Assert.Contains("no CUDA device; found:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Make_GpuBackendWithAGpuOnTheServer_RunsOnTheGpuAndSaysSo()
    {
        using var gpu = FakeGpuRuntimeProvider.WithCpuAccelerator();
        await using var server = await LoopbackServer.StartAsync(
            BuiltInEnvironments.CreateRegistry(), configureBuilder: b => b.Services.AddSingleton<IGpuRuntimeProvider>(gpu));

        using var env = RemoteVectorEnv.Make<float[], int[]>("CartPole-v1", 4, Options(server), backend: Backend.Gpu);
        env.Reset(seed: 1);

        Assert.Equal(Backend.Gpu, env.Backend);
        Assert.Null(env.Vectorization);
        Assert.Equal(4, env.Step([0, 1, 1, 0]).Rewards.Length);
        Assert.Equal(1, gpu.Calls);
    }

    [Theory]
    [InlineData(RemoteTransport.Stream, "soa", "soa")]
    [InlineData(RemoteTransport.Stream, "sync", "sync")]
    [InlineData(RemoteTransport.Unary, "auto", "soa")]
    [InlineData(RemoteTransport.Unary, "gymnasium", "gymnasium")]
    [InlineData(RemoteTransport.Stream, "fast", "fast")]
    public async Task Make_Vectorization_ReachesTheServerAndIsTheOneInEffect(RemoteTransport transport, string asked, string expected)
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());

        using var env = RemoteVectorEnv.Make("CartPole-v1", 2, Options(server, transport), vectorization: asked, backend: Backend.Cpu);

        Assert.Equal(expected, env.Vectorization);
        Assert.Equal(Backend.Cpu, env.Backend);
    }

    [Fact]
    public async Task Make_VectorizationTheIdLacks_ThrowsTheServersArgumentErrorListingTheAvailableOnes()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());

        var error = Assert.Throws<ArgumentException>(() => RemoteVectorEnv.Make("FrozenLake-v1", 2, Options(server), vectorization: "soa"));

        Assert.Contains("available: auto, sync, parallel.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Make_UnknownVectorizationName_ThrowsBeforeConnecting()
    {
        // Nothing listens on port 1: the name is checked before any call.
        var error = Assert.Throws<ArgumentException>(
            () => RemoteVectorEnv.Make("CartPole-v1", 2, new RemoteEnvOptions { Address = "http://127.0.0.1:1" }, vectorization: "magic"));

        Assert.StartsWith("Unknown vectorization 'magic'; accepted: auto, sync, parallel, soa, gymnasium, fast.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AvailableVectorizations_AnId_AreTheServersForIt()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());

        Assert.Equal(["sync", "parallel", "soa", "gymnasium", "fast"], RemoteVectorEnv.AvailableVectorizations("CartPole-v1", Options(server)));
        Assert.Equal(["sync", "parallel"], RemoteVectorEnv.AvailableVectorizations("Taxi-v3", Options(server)));
        Assert.Throws<UnknownEnvironmentException>(() => RemoteVectorEnv.AvailableVectorizations("NoSuchEnv-v0", Options(server)));
    }

    [Fact]
    public async Task Reset_PerCopySeeds_EqualTheLocalVectorEnv()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        using var remote = RemoteVectorEnv.Make<float[], int[]>("Acrobot-v1", 3, Options(server));
        using var local = (IVectorEnv<float[], int[]>)BuiltInEnvironments.CreateRegistry().MakeVec("Acrobot-v1", 3);

        Assert.Equal(local.Reset([7UL, 1UL, 30UL]).Observations, remote.Reset([7UL, 1UL, 30UL]).Observations);
    }

    [Fact]
    public async Task Step_DefaultBuffers_AreReusedAndCopyResultsGivesFreshArrays()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        using var remote = RemoteVectorEnv.Make<float[], int[]>("CartPole-v1", 3, Options(server));
        var reset = remote.Reset(seed: 3).Observations;
        var firstStep = remote.Step([0, 1, 0]);
        var secondStep = remote.Step([1, 1, 0]);
        Assert.Same(reset, firstStep.Observations);
        Assert.Same(firstStep.Rewards, secondStep.Rewards);
        Assert.Same(firstStep.Terminations, secondStep.Terminations);
        Assert.Same(firstStep.Truncations, secondStep.Truncations);

        remote.CopyResults = true;
        var first = remote.Step([0, 1, 0]);
        var second = remote.Step([0, 1, 0]);
        Assert.NotSame(first.Observations, second.Observations);
        Assert.NotSame(first.Rewards, second.Rewards);
        Assert.NotSame(first.Terminations, second.Terminations);
        Assert.NotEqual(first.Observations, second.Observations);
    }

    private static RemoteEnvOptions Options(LoopbackServer server, RemoteTransport transport = RemoteTransport.Stream) =>
        new() { Address = server.Address.ToString(), Transport = transport };

    private static byte[] Bits(float[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static float[] Flatten(JsonElement rows) => rows.EnumerateArray().SelectMany(GymnasiumFixture.ToFloatArray).ToArray();

    private static bool[] Flags(JsonElement values) =>
        values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.Number && v.GetInt32() != 0)).ToArray();
}
