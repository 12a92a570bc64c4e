using System.Runtime.InteropServices;
using Grpc.Core;
using RlGym.Core.Vector;
using RlGym.Environments;
using RlGym.TestSupport.Server;

namespace RlGym.Client.Tests;

/// <summary><see cref="ShardedVectorEnv"/> over three loopback servers equals one server's vector environment copy for copy.</summary>
public sealed class ShardedVectorEnvTests
{
    [Theory]
    [InlineData(RemoteTransport.Stream)]
    [InlineData(RemoteTransport.Unary)]
    public async Task Step_CartPole10CopiesOver3Servers_EqualsOneServerCopyForCopy(RemoteTransport transport)
    {
        const int n = 10;
        await using var servers = await Servers.StartAsync(3);
        using var sharded = ShardedVectorEnv.Make("CartPole-v1", n, servers.Addresses, new RemoteEnvOptions { Transport = transport }, AutoresetMode.SameStep);
        using var single = RemoteVectorEnv.Make("CartPole-v1", n, new RemoteEnvOptions { Address = servers.Addresses[0], Transport = transport }, AutoresetMode.SameStep);

        Assert.Equal([4, 3, 3], sharded.Shards.Select(s => s.NumEnvs));
        Assert.Equal(Bits(single.ResetObject(seed: 42).Observations), Bits(sharded.ResetObject(seed: 42).Observations));
        var random = new Random(3);
        var actions = new int[n];
        var finals = 0;
        for (var t = 0; t < 300; t++)
        {
            for (var i = 0; i < n; i++)
            {
                actions[i] = random.Next(2);
            }

            var expected = single.StepObject(actions);
            var actual = sharded.StepObject(actions);
            Assert.True(Bits(expected.Observations).SequenceEqual(Bits(actual.Observations)), $"step {t}");
            Assert.Equal(expected.Rewards, actual.Rewards);
            Assert.Equal(expected.Terminations, actual.Terminations);
            Assert.Equal(expected.Truncations, actual.Truncations);
            Assert.Equal(expected.Info.Keys.Order(), actual.Info.Keys.Order());
            if (expected.Info.TryGetValue("final_obs", out var finalObs))
            {
                Assert.Equal((bool[])expected.Info["_final_obs"], (bool[])actual.Info["_final_obs"]);
                var actualFinal = (object?[])actual.Info["final_obs"];
                foreach (var (obs, i) in ((object?[])finalObs).Select((o, i) => (o, i)).Where(x => x.o is not null))
                {
                    Assert.Equal((float[])obs!, (float[])actualFinal[i]!);
                    finals++;
                }
            }
        }

        Assert.True(finals > n, "300 random steps must end many episodes, exercising the merged final_obs info.");
    }

    [Fact]
    public async Task ResetObject_PerCopySeedsAndResetMask_EqualsOneServer()
    {
        const int n = 7;
        await using var servers = await Servers.StartAsync(3);
        using var sharded = ShardedVectorEnv.Make("CartPole-v1", n, servers.Addresses);
        using var single = RemoteVectorEnv.Make("CartPole-v1", n, new RemoteEnvOptions { Address = servers.Addresses[1] });
        var seeds = Enumerable.Range(0, n).Select(i => (ulong?)(1000 + (7 * i))).ToArray();
        Assert.Equal(Bits(single.ResetObject(seeds).Observations), Bits(sharded.ResetObject(seeds).Observations));
        var actions = new int[n];
        single.StepObject(actions);
        sharded.StepObject(actions);
        var mask = new Dictionary<string, object> { [ResetMask.OptionName] = new[] { false, true, false, false, true, true, false } };

        var expected = single.ResetObject(options: mask);
        var actual = sharded.ResetObject(options: mask);

        Assert.Equal(Bits(expected.Observations), Bits(actual.Observations));
    }

    [Fact]
    public async Task StepObject_OneServerGone_ThrowsUnavailableNamingTheShardAndItsAddress()
    {
        var servers = await Servers.StartAsync(3);
        await using var _ = servers;
        using var sharded = ShardedVectorEnv.Make("CartPole-v1", 6, servers.Addresses, new RemoteEnvOptions { Retry = RetryOptions.None });
        sharded.ResetObject(seed: 1);
        await servers.StopAsync(1);

        var error = Assert.Throws<RemoteEnvException>(() => sharded.StepObject(new int[6]));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains($"Shard 1 at {servers.Addresses[1]} (copies 2..3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Make_OneServerShuttingDown_ThrowsUnavailableSayingSo()
    {
        await using var servers = await Servers.StartAsync(2, o => o.ShutdownGracePeriod = TimeSpan.FromSeconds(60));
        using var blocker = RemoteVectorEnv.Make("CartPole-v1", 1, new RemoteEnvOptions { Address = servers.Addresses[1] });
        var stopping = servers[1].App.StopAsync();
        await WaitForAsync(() => CreateFails(servers.Addresses[1]));

        var error = Assert.Throws<RemoteEnvException>(() =>
            ShardedVectorEnv.Make("CartPole-v1", 4, servers.Addresses, new RemoteEnvOptions { Retry = RetryOptions.None }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("Shard 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("shutting down", error.Message, StringComparison.Ordinal);
        blocker.Close();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Make_FewerCopiesThanAddresses_UsesTheFirstAddressesOnly()
    {
        await using var servers = await Servers.StartAsync(3);

        using var sharded = ShardedVectorEnv.Make("CartPole-v1", 2, servers.Addresses);

        Assert.Equal(servers.Addresses.Take(2), sharded.Addresses);
        Assert.Equal(2, sharded.NumEnvs);
    }

    [Fact]
    public void Make_NoAddresses_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => ShardedVectorEnv.Make("CartPole-v1", 2, []));

        Assert.Contains("at least one server address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepObject_WrongNumberOfActions_ThrowsArgumentException()
    {
        await using var servers = await Servers.StartAsync(2);
        using var sharded = ShardedVectorEnv.Make("CartPole-v1", 4, servers.Addresses);
        sharded.ResetObject(seed: 0);

        var error = Assert.Throws<ArgumentException>(() => sharded.StepObject(new int[3]));

        Assert.Contains("Expected a batch of 4 actions", error.Message, StringComparison.Ordinal);
    }

    private static bool CreateFails(string address)
    {
        try
        {
            using var probe = RemoteVectorEnv.Make("CartPole-v1", 1, new RemoteEnvOptions { Address = address, Retry = RetryOptions.None });
            return false;
        }
        catch (RemoteEnvException e) when (e.StatusCode == StatusCode.Unavailable)
        {
            return true;
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never became true");
            await Task.Delay(20);
        }
    }

    private static byte[] Bits(object observations) => MemoryMarshal.AsBytes(((float[])observations).AsSpan()).ToArray();

    /// <summary>Several loopback servers of the built-in environments, stopped together.</summary>
    private sealed class Servers : IAsyncDisposable
    {
        private readonly LoopbackServer?[] _servers;

        private Servers(LoopbackServer[] servers)
        {
            _servers = servers;
            Addresses = servers.Select(s => s.Address.ToString()).ToArray();
        }

        public IReadOnlyList<string> Addresses { get; }

        public LoopbackServer this[int index] => _servers[index]!;

        public static async Task<Servers> StartAsync(int count, Action<Server.RlGymServerOptions>? configure = null) =>
            new(await Task.WhenAll(Enumerable.Range(0, count).Select(_ => LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry(), configure))));

        public async Task StopAsync(int index)
        {
            await _servers[index]!.DisposeAsync();
            _servers[index] = null;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var server in _servers)
            {
                if (server is not null)
                {
                    await server.DisposeAsync();
                }
            }
        }
    }
}
