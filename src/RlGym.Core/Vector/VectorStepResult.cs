namespace RlGym.Core.Vector;

/// <summary>What a vector <c>step</c> returns, one entry per copy.</summary>
/// <param name="Observations">Batched observations (copy index first).</param>
/// <param name="Rewards">Rewards (float64, as Gymnasium's vector environments return them).</param>
/// <param name="Terminations">Copies that reached a terminal state.</param>
/// <param name="Truncations">Copies whose episode was cut short.</param>
/// <param name="Info">Per-key arrays with <c>_key</c> masks (see <see cref="VectorInfo"/>).</param>
public readonly record struct VectorStepResult<TObsBatch>(
    TObsBatch Observations,
    double[] Rewards,
    bool[] Terminations,
    bool[] Truncations,
    IReadOnlyDictionary<string, object> Info);
