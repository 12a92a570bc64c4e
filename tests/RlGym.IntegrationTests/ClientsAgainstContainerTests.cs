using System.Text.Json;
using RlGym.Client;
using RlGym.Environments;
using RlGym.IntegrationTests.Docker;
using RlGym.TestSupport;

namespace RlGym.IntegrationTests;

/// <summary>
/// The C#, Python and TypeScript clients against the server container: each plays the same CartPole trajectory
/// (reset with seed 42, actions t % 2) and gets exactly what the in-process environment gives.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class ClientsAgainstContainerTests(ServerImageFixture image)
{
    private const int Steps = 40;

    [DockerFact]
    public async Task CSharpRemoteEnv_CartPoleTrajectory_EqualsTheInProcessEnv()
    {
        await using var server = await image.StartServerAsync();
        using var remote = RemoteEnv.Make<float[], int>("CartPole-v1", new RemoteEnvOptions { Address = server.Address });

        var trajectory = new List<float[]> { remote.Reset(seed: 42).Observation };
        for (var t = 0; t < Steps; t++)
        {
            var step = remote.Step(t % 2);
            trajectory.Add(step.Observation);
            if (step.Terminated || step.Truncated)
            {
                break;
            }
        }

        AssertEqualsInProcess(trajectory);
    }

    [DockerFact]
    public async Task PythonClient_CartPoleTrajectory_EqualsTheInProcessEnv()
    {
        await using var server = await image.StartServerAsync();
        const string script = """
            import json, sys
            import rlgym
            with rlgym.make("CartPole-v1", address=sys.argv[1]) as env:
                obs, _ = env.reset(seed=42)
                out = [obs.tolist()]
                for t in range(int(sys.argv[2])):
                    obs, reward, terminated, truncated, _ = env.step(t % 2)
                    out.append(obs.tolist())
                    if terminated or truncated:
                        break
            print(json.dumps(out))
            """;
        var pythonPath = new Dictionary<string, string> { ["PYTHONPATH"] = Path.Combine(RepositoryPaths.Root, "clients", "python", "src") };

        var output = await DockerEngine.RunAsync(
            "/usr/bin/python3", ["-c", script, server.HostPort, Steps.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(2), environment: pythonPath);

        AssertEqualsInProcess(ParseTrajectory(output));
    }

    [DockerFact]
    public async Task TypeScriptClient_CartPoleTrajectory_EqualsTheInProcessEnv()
    {
        var client = Path.Combine(RepositoryPaths.Root, "clients", "typescript");
        var entry = Path.Combine(client, "dist", "src", "index.js");
        if (!File.Exists(entry))
        {
            // The TypeScript suite builds the client too (npm ci, tsc); building here keeps this test independent of order.
            await DockerEngine.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], TimeSpan.FromMinutes(5), client);
            await DockerEngine.RunAsync("npm", ["run", "build"], TimeSpan.FromMinutes(5), client);
        }

        await using var server = await image.StartServerAsync();
        var script = $$"""
            import { make } from {{JsonSerializer.Serialize(new Uri(entry).AbsoluteUri)}};
            const flat = (v) => Array.from(v.data ?? v);
            const env = await make("CartPole-v1", { address: process.argv[1] });
            const out = [flat((await env.reset({ seed: 42 })).observation)];
            for (let t = 0; t < Number(process.argv[2]); t++) {
              const step = await env.step(t % 2);
              out.push(flat(step.observation));
              if (step.terminated || step.truncated) break;
            }
            await env.close();
            console.log(JSON.stringify(out));
            """;

        var output = await DockerEngine.RunAsync("node", ["--input-type=module", "-e", script, server.HostPort, Steps.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(2));

        AssertEqualsInProcess(ParseTrajectory(output));
    }

    private static void AssertEqualsInProcess(IReadOnlyList<float[]> trajectory)
    {
        using var local = BuiltInEnvironments.CreateRegistry().Make<float[], int>("CartPole-v1");
        var expected = new List<float[]> { local.Reset(seed: 42).Observation };
        for (var t = 0; t < Steps; t++)
        {
            var step = local.Step(t % 2);
            expected.Add(step.Observation);
            if (step.Terminated || step.Truncated)
            {
                break;
            }
        }

        Assert.Equal(expected.Count, trajectory.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], trajectory[i]);
        }
    }

    private static List<float[]> ParseTrajectory(string output)
    {
        var json = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(line => line.StartsWith('['));
        return JsonSerializer.Deserialize<double[][]>(json)!.Select(row => row.Select(x => (float)x).ToArray()).ToList();
    }
}
