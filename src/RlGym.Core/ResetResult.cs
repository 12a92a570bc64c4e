namespace RlGym.Core;

/// <summary>What <c>reset</c> returns: <c>(obs, info)</c>.</summary>
/// <param name="Observation">The first observation of the episode.</param>
/// <param name="Info">Diagnostic information (Gymnasium's info dict).</param>
public readonly record struct ResetResult<TObs>(TObs Observation, IReadOnlyDictionary<string, object> Info);
