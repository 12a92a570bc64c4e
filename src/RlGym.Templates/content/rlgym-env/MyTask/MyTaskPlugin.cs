using RlGym.Core.Registration;

namespace MyTask;

/// <summary>
/// Registers <c>MyTask-v0</c>. The server (<c>rlgym serve --plugins DIR</c>) and <c>rlgym check MyTask.dll</c> find
/// this class, create it and call <see cref="Register"/>.
/// </summary>
public sealed class MyTaskPlugin : IEnvironmentPlugin
{
    /// <summary>The registered id.</summary>
    public const string EnvId = "MyTask-v0";

    /// <inheritdoc />
    public void Register(EnvRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register(
            EnvId,
            (kwargs, renderMode) => new MyTaskEnv((int)kwargs.GetInt("size"), renderMode),
            maxEpisodeSteps: 100,
            rewardThreshold: 1.0,
            kwargs: new Dictionary<string, object?> { ["size"] = 5L });
    }
}
