using System.Runtime.InteropServices;
using RlGym.Client;
using RlGym.Core.Vector;
using RlGym.Environments;
using RlGym.Environments.Vectorized;
using RlGym.IntegrationTests.Docker;

namespace RlGym.IntegrationTests;

/// <summary>Scale-out: one vector environment spread over three server containers (C# and Python clients) equals the in-process one.</summary>
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
            using var local = BuiltInEnvironments.CreateRegistry().MakeVec("CartPole-v1", n);

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
            await AssertPythonShardedEqualsInProcessAsync(servers.Select(s => s.HostPort).ToArray());
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>The Python client's <c>make_vec(address=[...])</c> over the same containers: reset and steps equal in-process.</summary>
    private static async Task AssertPythonShardedEqualsInProcessAsync(IReadOnlyList<string> addresses)
    {
        const int n = 7;
        const string script = """
            import json, sys
            import numpy as np
            import rlgym
            with rlgym.make_vec("CartPole-v1", num_envs=7, address=sys.argv[1].split(",")) as env:
                obs, _ = env.reset(seed=5)
                out = [obs.tolist()]
                for t in range(30):
                    obs, *_ = env.step(np.array([(t + i) % 2 for i in range(7)]))
                    out.append(obs.tolist())
            print(json.dumps(out))
            """;
        var output = await DockerEngine.RunAsync(
            "/usr/bin/python3", ["-c", script, string.Join(',', addresses)], TimeSpan.FromMinutes(2),
            environment: new Dictionary<string, string> { ["PYTHONPATH"] = Path.Combine(TestSupport.RepositoryPaths.Root, "clients", "python", "src") });
        var json = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(line => line.StartsWith('['));
        var python = System.Text.Json.JsonSerializer.Deserialize<double[][][]>(json)!;

        using var local = BuiltInEnvironments.CreateRegistry().MakeVec("CartPole-v1", n);
        // Copies: a vector environment may hand out the same observation buffer at every step.
        var expected = new List<float[]> { ((float[])local.ResetObject(seed: 5).Observations).ToArray() };
        for (var t = 0; t < 30; t++)
        {
            expected.Add(((float[])local.StepObject(Enumerable.Range(0, n).Select(i => (t + i) % 2).ToArray()).Observations).ToArray());
        }

        Assert.Equal(expected.Count, python.Length);
        for (var t = 0; t < expected.Count; t++)
        {
            Assert.Equal(expected[t], python[t].SelectMany(row => row.Select(x => (float)x)).ToArray());
        }
    }

    private static byte[] Bits(object observations) => MemoryMarshal.AsBytes(((float[])observations).AsSpan()).ToArray();
}
