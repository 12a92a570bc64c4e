using RlGym.Core.Random;
using RlGym.Core.Registration;
using RlGym.Core.Spaces;

namespace RlGym.Core;

/// <summary>
/// Base class for environments: an author declares the spaces in the constructor and writes <see cref="ResetCore"/>
/// and <see cref="Step"/>. Seeding follows Gymnasium: <c>Reset(seed)</c> replaces <see cref="NpRandom"/>, a reset
/// without a seed continues it. Time limits and order enforcement are added by the registry's <c>Make</c>.
/// </summary>
public abstract class Env<TObs, TAction> : IEnv<TObs, TAction>
    where TObs : notnull
    where TAction : notnull
{
    private NumpyGenerator? _npRandom;

    /// <summary>Declares the spaces, metadata and the chosen render mode (validated against the metadata).</summary>
    protected Env(Space<TObs> observationSpace, Space<TAction> actionSpace, EnvMetadata? metadata = null, string? renderMode = null)
    {
        ObservationSpace = observationSpace;
        ActionSpace = actionSpace;
        Metadata = metadata ?? EnvMetadata.None;
        if (renderMode is not null && !Metadata.RenderModes.Contains(renderMode))
        {
            var allowed = Metadata.RenderModes.Count == 0 ? "none" : string.Join(", ", Metadata.RenderModes);
            throw new ArgumentException($"Render mode {Formatting.Quote(renderMode)} is not supported by {GetType().Name}; supported: {allowed}.", nameof(renderMode));
        }

        RenderMode = renderMode;
    }

    /// <inheritdoc />
    public Space<TObs> ObservationSpace { get; }

    /// <inheritdoc />
    public Space<TAction> ActionSpace { get; }

    /// <inheritdoc />
    public EnvMetadata Metadata { get; }

    /// <inheritdoc />
    public string? RenderMode { get; }

    /// <inheritdoc />
    public EnvSpec? Spec { get; internal set; }

    Space IEnv.ObservationSpace => ObservationSpace;

    Space IEnv.ActionSpace => ActionSpace;

    /// <summary>The environment's generator (Gymnasium's <c>np_random</c>), seeded from entropy on first use.</summary>
    public NumpyGenerator NpRandom
    {
        get => _npRandom ??= NumpyGenerator.FromEntropy();
        set => _npRandom = value;
    }

    /// <inheritdoc />
    public ResetResult<TObs> Reset(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null)
    {
        if (seed is { } s)
        {
            _npRandom = NumpyGenerator.FromSeed(s);
        }

        return ResetCore(options);
    }

    /// <summary>Starts an episode, drawing any randomness from <see cref="NpRandom"/> (already seeded).</summary>
    protected abstract ResetResult<TObs> ResetCore(IReadOnlyDictionary<string, object>? options);

    /// <inheritdoc />
    public abstract StepResult<TObs> Step(TAction action);

    /// <inheritdoc />
    public virtual Rendering.Rendering? Render() => null;

    /// <inheritdoc />
    public virtual void Close()
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    /// <summary>Throws <see cref="InvalidActionException"/> when <paramref name="action"/> is outside the action space.</summary>
    protected void RequireValidAction(TAction action)
    {
        if (!ActionSpace.Contains(action))
        {
            throw new InvalidActionException($"Action {Formatting.Describe(action)} is not in the action space {ActionSpace}.");
        }
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
