using RlGym.Core.Dynamics;
using RlGym.Core.Registration;
using RlGym.Core.Vector;

namespace MyTask;

/// <summary>
/// Registers <c>MyTask-v0</c> with its batched variants. The server (<c>rlgym serve --plugins DIR</c>) and
/// <c>rlgym check MyTask.dll</c> find this class, create it and call <see cref="Register"/>.
/// </summary>
public sealed class MyTaskPlugin : IEnvironmentPlugin
{
    /// <summary>The registered id.</summary>
    public const string EnvId = "MyTask-v0";

    /// <inheritdoc />
    public void Register(EnvRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);

        // The scalar environment: make("MyTask-v0") adds the time limit; kwargs lists every argument with its default.
        registry.Register(
            EnvId,
            (kwargs, renderMode) => new MyTaskEnv((int)kwargs.GetInt("size"), renderMode),
            maxEpisodeSteps: 100,
            rewardThreshold: 1.0,
            kwargs: new Dictionary<string, object?> { ["size"] = 5L });

        // make_vec(vectorization="soa"): N copies stepped as one batch by the same dynamics, equal to N scalar envs.
        registry.RegisterVector(EnvId, Vectorizations.Soa, DynamicsVectorEnv<MyTaskDynamics, MyTaskState, float, int>.Make);

        // make_vec(vectorization="fast") and the GPU backend: the fast contract of the same dynamics.
        registry.RegisterFastDynamics(EnvId, kwargs =>
            FastDynamicsSource.Of<MyTaskDynamics, MyTaskState, MyTaskObservation, float, int>(new MyTaskDynamics((int)kwargs.GetInt("size"))));
    }
}
