using RlGym.Core.Registration;
using RlGym.Core.Spaces;

namespace RlGym.Core;

/// <summary>
/// An environment seen without its observation and action types (gymnasium.Env): what the server, the checker and
/// tools use. Code that knows the types uses <see cref="IEnv{TObs, TAction}"/>.
/// </summary>
public interface IEnv : IDisposable
{
    /// <summary>The space every observation belongs to.</summary>
    Space ObservationSpace { get; }

    /// <summary>The space every action must belong to.</summary>
    Space ActionSpace { get; }

    /// <summary>Render modes, frame rate and reward type.</summary>
    EnvMetadata Metadata { get; }

    /// <summary>The render mode chosen at creation, or null for none.</summary>
    string? RenderMode { get; }

    /// <summary>The registration this environment was made from, or null when constructed directly.</summary>
    EnvSpec? Spec { get; }

    /// <summary>The environment under any wrappers (Gymnasium's <c>unwrapped</c>); the environment itself when it has none.</summary>
    IEnv Unwrapped => this;

    /// <summary>Starts a new episode; a seed replaces the environment's generator, none continues it.</summary>
    ResetResult<object> ResetObject(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null);

    /// <summary>Advances one step with an action of the action space's value type.</summary>
    StepResult<object> StepObject(object action);

    /// <summary>Renders the current state in <see cref="RenderMode"/>; null when no render mode was chosen.</summary>
    Rendering.Rendering? Render();

    /// <summary>Releases resources; calling it more than once is harmless.</summary>
    void Close();
}
