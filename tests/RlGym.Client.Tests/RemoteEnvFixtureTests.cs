using RlGym.Environments;
using RlGym.TestSupport.Server;
using RlGym.TestSupport.Gymnasium;

namespace RlGym.Client.Tests;

/// <summary>A remote CartPole replays every recorded Gymnasium run bit for bit, over both transports.</summary>
public sealed class RemoteEnvFixtureTests
{
    [Theory]
    [InlineData(RemoteTransport.Stream)]
    [InlineData(RemoteTransport.Unary)]
    public async Task Step_CartPoleFixtureRuns_MatchGymnasiumExactly(RemoteTransport transport)
    {
        var fixture = GymnasiumFixture.Load("CartPole-v1.json");
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        using var env = RemoteEnv.Make<float[], int>(fixture.EnvId, new RemoteEnvOptions { Address = server.Address.ToString(), Transport = transport });

        var steps = 0;
        foreach (var run in fixture.Runs)
        {
            foreach (var episode in run.Episodes)
            {
                var (observation, _) = env.Reset(seed: episode.ResetSeed);
                Assert.Equal(Bits(GymnasiumFixture.ToFloatArray(episode.ResetObservation)), Bits(observation));
                for (var t = 0; t < episode.Actions.Count; t++)
                {
                    var result = env.Step(episode.Actions[t].GetInt32());
                    var where = $"{run}, step {t}";
                    Assert.True(Bits(GymnasiumFixture.ToFloatArray(episode.Observations[t])).SequenceEqual(Bits(result.Observation)), where);
                    Assert.Equal(GymnasiumFixture.ToDouble(episode.Rewards[t]), result.Reward);
                    Assert.Equal(episode.TerminatedAt(t), result.Terminated);
                    Assert.Equal(episode.TruncatedAt(t), result.Truncated);
                    steps++;
                }
            }
        }

        Assert.Equal(fixture.Runs.Sum(r => r.Episodes.Sum(e => e.Actions.Count)), steps);
        Assert.Contains(fixture.Runs.SelectMany(r => r.Episodes), e => e.LastTruncated && e.Length == 500);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
