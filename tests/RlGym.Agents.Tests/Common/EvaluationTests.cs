using RlGym.Agents.Common;
using RlGym.Agents.Tabular;
using RlGym.Core.Spaces;
using RlGym.Environments;

namespace RlGym.Agents.Tests.Common;

public class EvaluationTests
{
    [Fact]
    public void Run_FrozenLakeOptimalPolicy_SucceedsEveryEpisode()
    {
        // Non-slippery 4x4 map: down, down, right, down, right, right reaches the goal; encode it as a Q table.
        using var env = Gym.Make("FrozenLake-v1", new Dictionary<string, object?> { ["is_slippery"] = false });
        var table = new double[16 * 4];
        foreach (var (state, action) in new[] { (0, 1), (4, 1), (8, 2), (9, 1), (13, 2), (14, 2) })
        {
            table[(state * 4) + action] = 1;
        }

        using var policy = new TabularPolicy(env.ObservationSpace, (Discrete)env.ActionSpace, table);

        var result = Evaluation.Run(policy, env, 3, seed: 0);

        Assert.Equal(1.0, result.MeanReturn);
        Assert.Equal(0.0, result.StdReturn);
        Assert.Equal(1.0, result.SuccessRate);
        Assert.Equal(6.0, result.MeanLength);
    }

    [Fact]
    public void Run_CartPole_HasNoSuccessRate()
    {
        using var env = Gym.Make("CartPole-v1");
        using var policy = new RlGym.Agents.Dqn.QNetworkPolicy(env.ObservationSpace, (Discrete)env.ActionSpace, [8]);

        var result = Evaluation.Run(policy, env, 2, seed: 0);

        Assert.Null(result.SuccessRate);
        Assert.Equal(2, result.Returns.Count);
        Assert.Equal(result.Lengths.Average(), result.MeanLength);
    }
}
