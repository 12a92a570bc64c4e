using RlGym.Agents.Common;
using RlGym.Agents.Tabular;
using RlGym.Agents.Tests.Environments;
using RlGym.Core;
using RlGym.Environments;

namespace RlGym.Agents.Tests.Tabular;

public class TabularAlgorithmTests
{
    private static readonly Dictionary<string, object?> NotSlippery = new() { ["is_slippery"] = false };

    [Theory]
    [InlineData(TabularMethod.QLearning)]
    [InlineData(TabularMethod.Sarsa)]
    [InlineData(TabularMethod.ExpectedSarsa)]
    public void Train_NonSlipperyFrozenLake_SolvesIt(TabularMethod method)
    {
        var request = AgentsTestHelpers.Local("FrozenLake-v1", 20_000, kwargs: NotSlippery, overrides: new Dictionary<string, string> { ["learning_rate"] = "0.5", ["exploration_fraction"] = "0.8" });

        using var policy = new TabularAlgorithm(method).Train(request).Policy;

        using var env = Gym.Make("FrozenLake-v1", NotSlippery);
        var result = Evaluation.Run(policy, env, 5, seed: 0);
        Assert.Equal(1.0, result.SuccessRate);
        Assert.Equal(6.0, result.MeanLength);
    }

    [Theory]
    [InlineData("epsilon-greedy")]
    [InlineData("boltzmann")]
    [InlineData("ucb")]
    public void Train_Bandit_LearnsBestArm(string exploration)
    {
        double[] means = [0.0, 0.5, 1.5, 0.2];
        var request = new TrainRequest
        {
            EnvId = "Bandit",
            MakeVectorEnv = n => AgentsTestHelpers.Vector<int[], int[]>(n, () => new BanditEnv(means)),
            TotalSteps = 3000,
            Seed = 3,
            Overrides = new Dictionary<string, string> { ["exploration"] = exploration, ["learning_rate"] = "0.05", ["gamma"] = "0" },
        };

        using var policy = new TabularAlgorithm(TabularMethod.QLearning).Train(request).Policy;

        Assert.Equal(2, policy.Act(0));
    }

    [Fact]
    public void Train_TupleOfDiscreteObservations_IndexesBlackjackStates()
    {
        using var policy = new TabularAlgorithm(TabularMethod.ExpectedSarsa).Train(AgentsTestHelpers.Local("Blackjack-v1", 2000)).Policy;

        using var env = Gym.Make("Blackjack-v1");
        var observation = env.ResetObject(0).Observation;
        Assert.IsType<object[]>(observation);
        Assert.InRange((int)policy.Act(observation), 0, 1);
    }

    [Fact]
    public void Train_ContinuousObservations_ThrowsNamingSupportedSpaces()
    {
        var error = Assert.Throws<ArgumentException>(() => new TabularAlgorithm(TabularMethod.QLearning).Train(AgentsTestHelpers.Local("CartPole-v1", 10)));

        Assert.Contains("Discrete observations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_WithEvaluation_RecordsEvaluationPoints()
    {
        var request = AgentsTestHelpers.Local("FrozenLake-v1", 4000, kwargs: NotSlippery) with { EvalEvery = 1000, EvalEpisodes = 2, MakeEvalEnv = () => Gym.Make("FrozenLake-v1", NotSlippery) };

        var result = new TabularAlgorithm(TabularMethod.QLearning).Train(request);

        Assert.Equal([1000L, 2000L, 3000L, 4000L], result.Evaluations.Select(e => e.Step));
        Assert.Equal(4000, result.Steps);
    }

    [Fact]
    public void Train_SameSeed_IsDeterministic()
    {
        TrainRequest Request() => AgentsTestHelpers.Local("Taxi-v3", 5000, seed: 9);

        var first = (TabularPolicy)new TabularAlgorithm(TabularMethod.QLearning).Train(Request()).Policy;
        var second = (TabularPolicy)new TabularAlgorithm(TabularMethod.QLearning).Train(Request()).Policy;

        Assert.Equal(first.Q, second.Q);
    }

    [Theory]
    [InlineData("Taxi-v3", 1.0)]
    [InlineData("FrozenLake-v1", 0.6)]
    public void Train_RemoteCopiesPerRoundTrip_LearnAsWellAsOneCopy(string envId, double successAtLeast)
    {
        // The preset's budget with one copy (in process) and with the copies `train --server` steps per round trip.
        var one = Train(envId, 1);
        var batched = Train(envId, TabularOptions.RemoteNumEnvs);

        Assert.InRange(one.SuccessRate!.Value, successAtLeast, 1.0);
        Assert.InRange(batched.SuccessRate!.Value, successAtLeast, 1.0);
        Assert.InRange(batched.MeanReturn, one.MeanReturn - (0.1 * Math.Abs(one.MeanReturn)) - 0.05, double.PositiveInfinity);

        static EvaluationResult Train(string envId, int copies)
        {
            var request = AgentsTestHelpers.Local(envId, TabularOptions.For(envId).TotalSteps) with { NumEnvs = copies };
            using var policy = new TabularAlgorithm(TabularMethod.QLearning).Train(request).Policy;
            using var env = Gym.Make(envId);
            return Evaluation.Run(policy, env, 200, 1_000_000);
        }
    }
}
