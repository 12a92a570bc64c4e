using RlGym.Core;
using RlGym.Core.Spaces;

namespace RlGym.Server.Sessions;

/// <summary>
/// Rough bytes an open handle holds, counted against <see cref="RlGymServerOptions.MaxHandleMemoryBytes"/>: a fixed
/// cost per handle, per copy its observation (four times: state, observation, batch, response) plus what the
/// environment reports through <see cref="IMemoryEstimate"/> (e.g. FrozenLake's transition table).
/// </summary>
internal static class MemoryEstimates
{
    /// <summary>Fixed bytes of a single environment's handle (objects, spaces, buffers, stored response).</summary>
    private const long SingleBase = 16 * 1024;

    /// <summary>Fixed bytes of a vector environment's handle.</summary>
    private const long VectorBase = 64 * 1024;

    /// <summary>Bytes per copy of a vector environment beyond its observations.</summary>
    private const long PerCopy = 256;

    /// <summary>The estimate for a single environment.</summary>
    public static long Single(IEnv env) => SingleBase + (4 * SpaceBytes(env.ObservationSpace)) + Reported(env);

    /// <summary>
    /// The estimate for <paramref name="copies"/> copies of an environment like <paramref name="probe"/> (one copy,
    /// made with the same arguments), made before the vector environment is.
    /// </summary>
    public static long Vector(IEnv probe, int copies) => Vector(probe.ObservationSpace, copies) + (copies * Reported(probe));

    /// <summary>The estimate for <paramref name="copies"/> copies with <paramref name="observationSpace"/>, less what the environments report.</summary>
    public static long Vector(Space observationSpace, int copies) => VectorBase + (copies * (PerCopy + (4 * SpaceBytes(observationSpace))));

    /// <summary>What <paramref name="env"/> reports through <see cref="IMemoryEstimate"/>; 0 when it does not.</summary>
    public static long Reported(object env) => env is IMemoryEstimate estimate ? Math.Max(0, estimate.EstimatedBytes) : 0;

    /// <summary>Bytes of one value of <paramref name="space"/> (8 per element, whatever its dtype: a rough upper bound).</summary>
    private static long SpaceBytes(Space space) => space switch
    {
        DictSpace dict => dict.Spaces.Sum(entry => SpaceBytes(entry.Value)),
        TupleSpace tuple => tuple.Spaces.Sum(SpaceBytes),
        _ => 8 * space.Shape.Aggregate(1L, (count, dim) => count * Math.Max(dim, 1)),
    };
}
