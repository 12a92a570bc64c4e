using RlGym.Core.Registration;
using RlGym.Core.Spaces;

namespace RlGym.Core.Wrappers;

/// <summary>Forwards every call to <see cref="Inner"/>; a wrapper overrides what it changes.</summary>
public abstract class Wrapper<TObs, TAction>(IEnv<TObs, TAction> inner) : IEnv<TObs, TAction>, IMemoryEstimate
    where TObs : notnull
    where TAction : notnull
{
    /// <summary>The wrapped environment.</summary>
    public IEnv<TObs, TAction> Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The wrapped environment's estimate (<see cref="IMemoryEstimate"/>); 0 when it gives none.</summary>
    public long EstimatedBytes => Inner is IMemoryEstimate estimate ? estimate.EstimatedBytes : 0;

    /// <summary>The innermost environment.</summary>
    public IEnv<TObs, TAction> Unwrapped => Inner is Wrapper<TObs, TAction> w ? w.Unwrapped : Inner;

    IEnv IEnv.Unwrapped => Inner.Unwrapped;

    /// <inheritdoc />
    public virtual Space<TObs> ObservationSpace => Inner.ObservationSpace;

    /// <inheritdoc />
    public virtual Space<TAction> ActionSpace => Inner.ActionSpace;

    Space IEnv.ObservationSpace => ObservationSpace;

    Space IEnv.ActionSpace => ActionSpace;

    /// <inheritdoc />
    public EnvMetadata Metadata => Inner.Metadata;

    /// <inheritdoc />
    public string? RenderMode => Inner.RenderMode;

    /// <inheritdoc />
    public EnvSpec? Spec => Inner.Spec;

    /// <inheritdoc />
    public virtual ResetResult<TObs> Reset(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null) => Inner.Reset(seed, options);

    /// <inheritdoc />
    public virtual StepResult<TObs> Step(TAction action) => Inner.Step(action);

    /// <inheritdoc />
    public virtual Rendering.Rendering? Render() => Inner.Render();

    /// <inheritdoc />
    public virtual void Close() => Inner.Close();

    /// <inheritdoc />
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    ResetResult<object> IEnv.ResetObject(ulong? seed, IReadOnlyDictionary<string, object>? options)
    {
        var (observation, info) = Reset(seed, options);
        return new(observation, info);
    }

    StepResult<object> IEnv.StepObject(object action)
    {
        var (observation, reward, terminated, truncated, info) = Step(Formatting.CastAction<TAction>(action, ActionSpace));
        return new(observation, reward, terminated, truncated, info);
    }
}
