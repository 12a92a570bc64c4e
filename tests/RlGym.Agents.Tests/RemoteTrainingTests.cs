using RlGym.Agents.Common;
using RlGym.Agents.PolicyGradient;
using RlGym.Client;
using RlGym.TestSupport.Environments;
using RlGym.TestSupport.Server;

namespace RlGym.Agents.Tests;

public class RemoteTrainingTests
{
    [Fact]
    public async Task Train_ThroughRemoteVectorEnv_LearnsCorridorOnRealServer()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry());
        var options = new RemoteEnvOptions { Address = server.Address.ToString() };
        var request = new TrainRequest
        {
            EnvId = TestEnvironments.CorridorId,
            MakeVectorEnv = n => RemoteVectorEnv.Make(TestEnvironments.CorridorId, n, options),
            MakeEvalEnv = AgentsTestHelpers.MakeCorridor,
            TotalSteps = 4096,
            Seed = 1,
            EvalEvery = 4096,
            EvalEpisodes = 5,
            Overrides = new Dictionary<string, string> { ["num_steps"] = "32", ["learning_rate"] = "0.003", ["gamma"] = "0.9" },
        };

        var result = new PpoAlgorithm().Train(request);
        using var policy = result.Policy;

        Assert.Equal(4096, result.Steps);
        var evaluation = Assert.Single(result.Evaluations);
        Assert.Equal(1.0, evaluation.MeanReturn);
    }
}
