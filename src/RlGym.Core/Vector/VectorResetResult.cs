namespace RlGym.Core.Vector;

/// <summary>What a vector <c>reset</c> returns: batched observations and the batched info dict.</summary>
/// <param name="Observations">One observation per copy, batched (copy index first).</param>
/// <param name="Info">Per-key arrays with <c>_key</c> masks (see <see cref="VectorInfo"/>).</param>
public readonly record struct VectorResetResult<TObsBatch>(TObsBatch Observations, IReadOnlyDictionary<string, object> Info);
