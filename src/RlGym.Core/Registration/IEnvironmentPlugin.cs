namespace RlGym.Core.Registration;

/// <summary>
/// Entry point of a plugin assembly: a public, non-abstract class with a public parameterless constructor that
/// registers the plugin's environments. <c>rlgym serve --plugins DIR</c> and <c>rlgym check PATH.dll</c> find every
/// such class, construct it and call <see cref="Register"/>.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyTaskPlugin : IEnvironmentPlugin
/// {
///     public void Register(EnvRegistry registry) =>
///         registry.Register("MyTask-v0", (kwargs, renderMode) => new MyTaskEnv(renderMode, (int)kwargs.GetInt("size")),
///             maxEpisodeSteps: 100, rewardThreshold: 0.9, kwargs: new Dictionary&lt;string, object?&gt; { ["size"] = 5L });
/// }
/// </code>
/// </example>
public interface IEnvironmentPlugin
{
    /// <summary>Registers the plugin's environments in <paramref name="registry"/>.</summary>
    void Register(EnvRegistry registry);
}
