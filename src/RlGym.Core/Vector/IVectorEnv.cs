using RlGym.Core.Registration;
using RlGym.Core.Spaces;

namespace RlGym.Core.Vector;

/// <summary>
/// A batch of environment copies stepped together (gymnasium.vector.VectorEnv), seen without its batch types.
/// Batches put the copy index first: a float32 Box observation batch is a flat <c>float[]</c> of
/// <c>NumEnvs * size</c> elements; Discrete batches are <c>int[]</c> (see <see cref="SpaceBatching"/>).
/// </summary>
public interface IVectorEnv : IDisposable
{
    /// <summary>Number of copies.</summary>
    int NumEnvs { get; }

    /// <summary>Observation space of one copy.</summary>
    Space SingleObservationSpace { get; }

    /// <summary>Action space of one copy.</summary>
    Space SingleActionSpace { get; }

    /// <summary>How copies that ended are reset.</summary>
    AutoresetMode AutoresetMode { get; }

    /// <summary>Metadata of the copies.</summary>
    EnvMetadata Metadata { get; }

    /// <summary>The registration the copies were made from, if any.</summary>
    EnvSpec? Spec { get; }

    /// <summary>The copies' render mode (Gymnasium's <c>VectorEnv.render_mode</c>); null when they render nothing.</summary>
    string? RenderMode => null;

    /// <summary>One frame per copy, in <see cref="RenderMode"/> (Gymnasium's <c>VectorEnv.render()</c>); null without one.</summary>
    IReadOnlyList<Rendering.Rendering?>? Render() => null;

    /// <summary>Resets the copies; with a seed, copy i is seeded with <c>seed + i</c>.</summary>
    VectorResetResult<object> ResetObject(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null);

    /// <summary>Resets the copies with one seed per copy (null: continue that copy's generator).</summary>
    /// <exception cref="ArgumentException">Not exactly <see cref="NumEnvs"/> seeds.</exception>
    VectorResetResult<object> ResetObject(IReadOnlyList<ulong?> seeds, IReadOnlyDictionary<string, object>? options = null);

    /// <summary>The element type of the reward batch as the environment defines it (Gymnasium's CartPoleVectorEnv: float32).</summary>
    DType RewardDType => DType.Float64;

    /// <summary>Steps every copy with its action from a batch of the action space's batch type.</summary>
    VectorStepResult<object> StepObject(object actions);

    /// <summary>Closes every copy; harmless when repeated.</summary>
    void Close();
}
