using RlGym.Agents.Common;
using RlGym.Core;
using RlGym.Core.Vector;
using RlGym.Environments;
using RlGym.Environments.Vectorized;
using RlGym.TestSupport.Environments;

namespace RlGym.Agents.Tests;

/// <summary>Training requests on the built-in environments, the test corridor and custom environments.</summary>
internal static class AgentsTestHelpers
{
    public static TrainRequest Local(string envId, long totalSteps, ulong seed = 1, IReadOnlyDictionary<string, string>? overrides = null, MetricRecorder? recorder = null, IReadOnlyDictionary<string, object?>? kwargs = null) => new()
    {
        EnvId = envId,
        MakeVectorEnv = n => Gym.MakeVec(envId, n, kwargs: kwargs),
        MakeEvalEnv = () => Gym.Make(envId, kwargs),
        TotalSteps = totalSteps,
        Seed = seed,
        Overrides = overrides ?? new Dictionary<string, string>(),
        Recorder = recorder,
    };

    /// <summary>The test corridor (Corridor-v0: 5 cells, goal on the right, 20-step limit).</summary>
    public static TrainRequest Corridor(long totalSteps, ulong seed = 1, IReadOnlyDictionary<string, string>? overrides = null) => new()
    {
        EnvId = TestEnvironments.CorridorId,
        MakeVectorEnv = n => TestEnvironments.CreateRegistry().MakeVec(TestEnvironments.CorridorId, n),
        MakeEvalEnv = MakeCorridor,
        TotalSteps = totalSteps,
        Seed = seed,
        Overrides = overrides ?? new Dictionary<string, string>(),
    };

    public static IEnv MakeCorridor() => TestEnvironments.CreateRegistry().Make(TestEnvironments.CorridorId);

    /// <summary>The one-step continuous target-reaching task (<see cref="Environments.TargetReachEnv"/>), for SAC and TD3.</summary>
    public static TrainRequest TargetReach(long totalSteps, ulong seed = 1, IReadOnlyDictionary<string, string>? overrides = null, MetricRecorder? recorder = null) => new()
    {
        EnvId = "TargetReach",
        MakeVectorEnv = n => Vector<float[], float[]>(n, () => new Environments.TargetReachEnv()),
        MakeEvalEnv = () => new Environments.TargetReachEnv(),
        TotalSteps = totalSteps,
        Seed = seed,
        Overrides = overrides ?? new Dictionary<string, string>(),
        Recorder = recorder,
    };

    /// <summary>Copies of a custom environment as a next-step vector environment.</summary>
    public static IVectorEnv Vector<TObsBatch, TActionBatch>(int n, Func<IEnv> make)
        where TObsBatch : class
        where TActionBatch : class =>
        new SyncVectorEnv<TObsBatch, TActionBatch>(Enumerable.Range(0, n).Select(_ => make()).ToArray(), AutoresetMode.NextStep);
}
