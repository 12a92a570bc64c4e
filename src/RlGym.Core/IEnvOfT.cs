using RlGym.Core.Spaces;

namespace RlGym.Core;

/// <summary>An environment with typed observations and actions: Gymnasium's reset / step / render / close.</summary>
/// <typeparam name="TObs">Observation type (e.g. <c>float[]</c> for a float32 Box, <c>int</c> for Discrete).</typeparam>
/// <typeparam name="TAction">Action type (e.g. <c>int</c> for Discrete, <c>float[]</c> for a float32 Box).</typeparam>
public interface IEnv<TObs, TAction> : IEnv
    where TObs : notnull
    where TAction : notnull
{
    /// <summary>The space every observation belongs to.</summary>
    new Space<TObs> ObservationSpace { get; }

    /// <summary>The space every action must belong to.</summary>
    new Space<TAction> ActionSpace { get; }

    /// <summary>Starts a new episode; a seed replaces the environment's generator, none continues it.</summary>
    ResetResult<TObs> Reset(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null);

    /// <summary>Advances one step.</summary>
    StepResult<TObs> Step(TAction action);
}
