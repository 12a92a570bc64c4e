using RlGym.Core;
using RlGym.Core.Registration;
using RlGym.Core.Spaces;

namespace RlGym.Client;

/// <summary>
/// A typed view of a <see cref="RemoteEnv"/>: the same <see cref="IEnv{TObs, TAction}"/> a local environment offers,
/// e.g. <c>RemoteEnv&lt;float[], int&gt;</c> for CartPole. Made by <see cref="RemoteEnv.Make{TObs, TAction}"/>.
/// </summary>
public sealed class RemoteEnv<TObs, TAction> : IEnv<TObs, TAction>
    where TObs : notnull
    where TAction : notnull
{
    internal RemoteEnv(RemoteEnv untyped)
    {
        Untyped = untyped;
        ObservationSpace = (Space<TObs>)untyped.ObservationSpace;
        ActionSpace = (Space<TAction>)untyped.ActionSpace;
    }

    /// <summary>The untyped environment this view forwards to (same handle, same stream).</summary>
    public RemoteEnv Untyped { get; }

    /// <summary>The server's opaque handle for this environment.</summary>
    public string Handle => Untyped.Handle;

    /// <inheritdoc />
    public Space<TObs> ObservationSpace { get; }

    /// <inheritdoc />
    public Space<TAction> ActionSpace { get; }

    /// <inheritdoc />
    public EnvMetadata Metadata => Untyped.Metadata;

    /// <inheritdoc />
    public string? RenderMode => Untyped.RenderMode;

    /// <summary>The spec in effect on the server: merged kwargs and the time limit.</summary>
    public EnvSpec Spec => Untyped.Spec;

    EnvSpec? IEnv.Spec => Spec;

    Space IEnv.ObservationSpace => ObservationSpace;

    Space IEnv.ActionSpace => ActionSpace;

    /// <inheritdoc />
    public ResetResult<TObs> Reset(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null)
    {
        var (observation, info) = Untyped.ResetObject(seed, options);
        return new((TObs)observation, info);
    }

    /// <inheritdoc />
    public StepResult<TObs> Step(TAction action)
    {
        var (observation, reward, terminated, truncated, info) = Untyped.StepObject(action);
        return new((TObs)observation, reward, terminated, truncated, info);
    }

    /// <inheritdoc />
    public Core.Rendering.Rendering? Render() => Untyped.Render();

    /// <inheritdoc cref="RemoteEnv.Close" />
    public void Close() => Untyped.Close();

    /// <inheritdoc cref="RemoteEnv.Dispose" />
    public void Dispose() => Untyped.Dispose();

    ResetResult<object> IEnv.ResetObject(ulong? seed, IReadOnlyDictionary<string, object>? options) => Untyped.ResetObject(seed, options);

    StepResult<object> IEnv.StepObject(object action) => Untyped.StepObject(action);
}
