using System.Runtime.InteropServices;
using RlGym.Client;
using RlGym.Core.Vector;
using RlGym.Environments;
using RlGym.Environments.Vectorized;
using RlGym.IntegrationTests.Docker;

namespace RlGym.IntegrationTests;

/// <summary>Scale-out: one vector environment spread over three server containers equals the in-process one.</summary>
[Collection(DockerCollection.Name)]
public sealed class ScaleOutTests(ServerImageFixture image)
{
    [DockerFact]
    public async Task ShardedVectorEnv_ThreeContainers_EqualsTheInProcessVectorEnv()
    {
        const int n = 12;
        var servers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => image.StartServerAsync()));
        try
        {
            using var sharded = ShardedVectorEnv.Make("CartPole-v1", n, servers.Select(s => s.Address).ToArray());
            using var local = VectorEnvs.Make(BuiltInEnvironments.CreateRegistry(), "CartPole-v1", n);

            Assert.Equal(Bits(local.ResetObject(seed: 7).Observations), Bits(sharded.ResetObject(seed: 7).Observations));
            var random = new Random(11);
            var actions = new int[n];
            for (var t = 0; t < 200; t++)
            {
                for (var i = 0; i < n; i++)
                {
                    actions[i] = random.Next(2);
                }

                var expected = local.StepObject(actions);
                var actual = sharded.StepObject(actions);
                Assert.True(Bits(expected.Observations).SequenceEqual(Bits(actual.Observations)), $"step {t}");
                Assert.Equal(expected.Rewards, actual.Rewards);
                Assert.Equal(expected.Terminations, actual.Terminations);
                Assert.Equal(expected.Truncations, actual.Truncations);
            }

            Assert.Equal([4, 4, 4], sharded.Shards.Select(s => s.NumEnvs));
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static byte[] Bits(object observations) => MemoryMarshal.AsBytes(((float[])observations).AsSpan()).ToArray();
}
