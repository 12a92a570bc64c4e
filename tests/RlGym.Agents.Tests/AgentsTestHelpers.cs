using RlGym.Agents.Common;
using RlGym.Environments;

namespace RlGym.Agents.Tests;

/// <summary>Requests for local training on the built-in environments.</summary>
internal static class AgentsTestHelpers
{
    public static TrainRequest Local(string envId, long totalSteps, ulong seed = 1, IReadOnlyDictionary<string, string>? overrides = null, MetricRecorder? recorder = null) => new()
    {
        EnvId = envId,
        MakeVectorEnv = n => Gym.MakeVec(envId, n),
        MakeEvalEnv = () => Gym.Make(envId),
        TotalSteps = totalSteps,
        Seed = seed,
        Overrides = overrides ?? new Dictionary<string, string>(),
        Recorder = recorder,
    };
}
