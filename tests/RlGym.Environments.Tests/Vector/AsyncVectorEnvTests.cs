using RlGym.Core;
using RlGym.Core.Vector;

namespace RlGym.Environments.Tests.Vector;

/// <summary>AsyncVectorEnv (EnvPool's send/recv): each copy's trajectory is its synchronous one, whatever order copies finish in.</summary>
public sealed class AsyncVectorEnvTests
{
    [Theory]
    [InlineData(AutoresetMode.NextStep, 8, 3)]
    [InlineData(AutoresetMode.SameStep, 8, 3)]
    [InlineData(AutoresetMode.NextStep, 5, 5)]
    [InlineData(AutoresetMode.NextStep, 7, 1)]
    public void SendRecv_RandomActions_EachCopyFollowsItsSynchronousTrajectory(AutoresetMode mode, int numEnvs, int batchSize)
    {
        using var pool = new AsyncVectorEnv(Copies("CartPole-v1", numEnvs), batchSize, mode, threads: 2);
        var references = Enumerable.Range(0, numEnvs)
            .Select(_ => new SyncVectorEnv<float[], int[]>([Gym.Make("CartPole-v1")], mode))
            .ToArray();
        var actionRandoms = Enumerable.Range(0, numEnvs).Select(i => new Random(1000 + i)).ToArray();

        var (observations, _) = pool.Reset(seed: 42);
        for (var i = 0; i < numEnvs; i++)
        {
            Assert.Equal(references[i].Reset(seed: 42UL + (ulong)i).Observations, Row(observations, i));
        }

        var nextActions = actionRandoms.Select(r => r.Next(2)).ToArray();
        pool.Send(nextActions, Enumerable.Range(0, numEnvs).ToArray());
        var received = new int[numEnvs];
        var endings = 0;
        for (var round = 0; round < 400; round++)
        {
            var (ids, result) = pool.Recv();
            Assert.Equal(batchSize, ids.Length);
            Assert.Equal(ids.Length, ids.Distinct().Count());
            for (var j = 0; j < ids.Length; j++)
            {
                var i = ids[j];
                var expected = references[i].Step([nextActions[i]]);
                Assert.Equal(expected.Observations, Row((float[])result.Observations, j));
                Assert.Equal(expected.Rewards[0], result.Rewards[j]);
                Assert.Equal(expected.Terminations[0], result.Terminations[j]);
                Assert.Equal(expected.Truncations[0], result.Truncations[j]);
                if (expected.Info.TryGetValue("final_obs", out var finalObs))
                {
                    Assert.Equal(((object[])finalObs)[0], ((object[])result.Info["final_obs"])[j]);
                }

                endings += expected.Terminations[0] || expected.Truncations[0] ? 1 : 0;
                received[i]++;
                nextActions[i] = actionRandoms[i].Next(2);
            }

            pool.Send(ids.Select(i => nextActions[i]).ToArray(), ids);
        }

        Assert.Equal(400 * batchSize, received.Sum());
        Assert.True(endings > 0, "no episode ended, so autoreset went untested");
        Assert.Equal(numEnvs, pool.Pending);
    }

    [Fact]
    public void Recv_FewerThanBatchSizePending_IsRefusedInsteadOfWaitingForever()
    {
        using var pool = new AsyncVectorEnv(Copies("CartPole-v1", 4), batchSize: 3);
        pool.Reset(seed: 0);
        pool.Send(new[] { 0, 1 }, [0, 1]);

        var error = Assert.Throws<CopyBusyException>(() => pool.Recv());
        Assert.Contains("batch_size = 3", error.Message);
        Assert.Contains("2 are", error.Message);
    }

    [Fact]
    public void Send_BadIndicesOrActions_AreRefusedAndSendNothing()
    {
        using var pool = new AsyncVectorEnv(Copies("CartPole-v1", 4), batchSize: 2);
        Assert.Throws<ResetNeededException>(() => pool.Send(new[] { 0 }, [0]));
        pool.Reset(seed: 0);
        pool.Send(new[] { 1 }, [3]);

        Assert.Contains("out of range", Assert.Throws<ArgumentOutOfRangeException>(() => pool.Send(new[] { 0 }, [4])).Message);
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => pool.Send(new[] { 0, 1 }, [1, 1])).Message);
        Assert.Contains("Copy 3 was sent", Assert.Throws<CopyBusyException>(() => pool.Send(new[] { 0 }, [3])).Message);
        Assert.Contains("env_id 1", Assert.Throws<InvalidActionException>(() => pool.Send(new[] { 0, 2 }, [0, 1])).Message);
        Assert.Contains("Expected 2 actions", Assert.Throws<InvalidActionException>(() => pool.Send(new[] { 0 }, [0, 1])).Message);
        Assert.Equal(1, pool.Pending);

        pool.Send(new[] { 0 }, [0]);
        var (ids, _) = pool.Recv();
        Assert.Equal([0, 3], ids.Order());
    }

    [Fact]
    public void Reset_CopiesInFlight_DropsTheirResultsAndLeavesEveryCopyIdle()
    {
        using var pool = new AsyncVectorEnv(Copies("CartPole-v1", 4), batchSize: 4);
        pool.Reset(seed: 7);
        pool.Send(new[] { 0, 1, 0, 1 }, [0, 1, 2, 3]);

        var (observations, _) = pool.Reset(seed: 7);

        Assert.Equal(0, pool.Pending);
        using var reference = new SyncVectorEnv<float[], int[]>(Copies("CartPole-v1", 4));
        Assert.Equal(reference.Reset(seed: 7).Observations, observations);
        pool.Send(new[] { 1, 1, 1, 1 }, [0, 1, 2, 3]);
        Assert.Equal(4, pool.Recv().EnvIds.Length);
    }

    [Fact]
    public void Create_BadBatchSizeOrDisabledAutoreset_IsRefused()
    {
        Assert.Contains("[1, num_envs = 2]", Assert.Throws<ArgumentOutOfRangeException>(() => new AsyncVectorEnv(Copies("CartPole-v1", 2), 3)).Message);
        Assert.Contains("DISABLED", Assert.Throws<ArgumentException>(() => new AsyncVectorEnv(Copies("CartPole-v1", 2), 1, AutoresetMode.Disabled)).Message);
    }

    private static IEnv[] Copies(string id, int n) => [.. Enumerable.Range(0, n).Select(_ => Gym.Make(id))];

    private static float[] Row(object batch, int row) => ((float[])batch).AsSpan(row * 4, 4).ToArray();
}
