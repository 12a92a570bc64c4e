namespace RlGym.Core.Vector;

/// <summary>A vector environment with typed batches, e.g. <c>IVectorEnv&lt;float[], int[]&gt;</c> for CartPole.</summary>
/// <typeparam name="TObsBatch">Batched observations (copy index first).</typeparam>
/// <typeparam name="TActionBatch">Batched actions (copy index first).</typeparam>
public interface IVectorEnv<TObsBatch, TActionBatch> : IVectorEnv
    where TObsBatch : notnull
    where TActionBatch : notnull
{
    /// <summary>Resets the copies; with a seed, copy i is seeded with <c>seed + i</c>.</summary>
    VectorResetResult<TObsBatch> Reset(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null);

    /// <summary>Resets copy i with <c>seeds[i]</c> (null: continue its generator).</summary>
    VectorResetResult<TObsBatch> Reset(IReadOnlyList<ulong?> seeds, IReadOnlyDictionary<string, object>? options = null);

    /// <summary>Steps every copy.</summary>
    VectorStepResult<TObsBatch> Step(TActionBatch actions);
}
