using RlGym.Core;
using RlGym.Core.Registration;
using RlGym.Core.Spaces;
using RlGym.Core.Vector;

namespace RlGym.Client;

/// <summary>
/// A typed view of a <see cref="RemoteVectorEnv"/>: the same <see cref="IVectorEnv{TObsBatch, TActionBatch}"/> a local
/// vector environment offers, e.g. <c>RemoteVectorEnv&lt;float[], int[]&gt;</c> for CartPole. Made by
/// <see cref="RemoteVectorEnv.Make{TObsBatch, TActionBatch}"/>.
/// </summary>
public sealed class RemoteVectorEnv<TObsBatch, TActionBatch> : IVectorEnv<TObsBatch, TActionBatch>
    where TObsBatch : notnull
    where TActionBatch : notnull
{
    internal RemoteVectorEnv(RemoteVectorEnv untyped) => Untyped = untyped;

    /// <summary>The untyped vector environment this view forwards to (same handle, same stream).</summary>
    public RemoteVectorEnv Untyped { get; }

    /// <summary>The server's opaque handle.</summary>
    public string Handle => Untyped.Handle;

    /// <inheritdoc cref="RemoteVectorEnv.CopyResults"/>
    public bool CopyResults
    {
        get => Untyped.CopyResults;
        set => Untyped.CopyResults = value;
    }

    /// <inheritdoc cref="RemoteVectorEnv.Backend"/>
    public Protocol.V1.Backend Backend => Untyped.Backend;

    /// <inheritdoc cref="RemoteVectorEnv.Vectorization"/>
    public string? Vectorization => Untyped.Vectorization;

    /// <inheritdoc />
    public int NumEnvs => Untyped.NumEnvs;

    /// <inheritdoc />
    public Space SingleObservationSpace => Untyped.SingleObservationSpace;

    /// <inheritdoc />
    public Space SingleActionSpace => Untyped.SingleActionSpace;

    /// <inheritdoc />
    public AutoresetMode AutoresetMode => Untyped.AutoresetMode;

    /// <inheritdoc />
    public EnvMetadata Metadata => Untyped.Metadata;

    /// <inheritdoc />
    public EnvSpec? Spec => Untyped.Spec;

    /// <inheritdoc />
    public VectorResetResult<TObsBatch> Reset(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null)
    {
        var (observations, info) = Untyped.ResetObject(seed, options);
        return new((TObsBatch)observations, info);
    }

    /// <inheritdoc />
    public VectorResetResult<TObsBatch> Reset(IReadOnlyList<ulong?> seeds, IReadOnlyDictionary<string, object>? options = null)
    {
        var (observations, info) = Untyped.ResetObject(seeds, options);
        return new((TObsBatch)observations, info);
    }

    /// <inheritdoc />
    public VectorStepResult<TObsBatch> Step(TActionBatch actions)
    {
        var (observations, rewards, terminations, truncations, info) = Untyped.StepObject(actions);
        return new((TObsBatch)observations, rewards, terminations, truncations, info);
    }

    /// <inheritdoc />
    public VectorResetResult<object> ResetObject(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null) => Untyped.ResetObject(seed, options);

    /// <inheritdoc />
    public VectorStepResult<object> StepObject(object actions) => Untyped.StepObject(actions);

    /// <inheritdoc />
    public VectorResetResult<object> ResetObject(IReadOnlyList<ulong?> seeds, IReadOnlyDictionary<string, object>? options = null) => Untyped.ResetObject(seeds, options);

    /// <inheritdoc />
    public void Close() => Untyped.Close();

    /// <inheritdoc />
    public void Dispose() => Untyped.Dispose();
}
