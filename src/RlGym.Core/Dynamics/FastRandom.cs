using System.Runtime.CompilerServices;

namespace RlGym.Core.Dynamics;

/// <summary>
/// A per-copy SplitMix64 generator for the fast (float32) and GPU variants: eight bytes of state, a few integer
/// operations per draw, nothing a GPU kernel cannot run. It is NOT NumPy's generator: fast and GPU variants are
/// statistically equivalent to Gymnasium (same distributions), never seed-identical to it.
/// </summary>
/// <param name="state">The generator's state (see <see cref="FromSeed"/>).</param>
public struct FastRandom(ulong state)
{
    /// <summary>The generator's state; advances by a fixed odd constant per draw.</summary>
    public ulong State = state;

    /// <summary>A generator for <paramref name="seed"/>; nearby seeds (seed + i per copy) give unrelated streams.</summary>
    public static FastRandom FromSeed(ulong seed) => new(Mix(seed ^ 0x5851F42D4C957F2DUL));

    /// <summary>A generator seeded from the operating system's entropy.</summary>
    public static FastRandom FromEntropy() => new((ulong)System.Random.Shared.NextInt64() ^ ((ulong)System.Random.Shared.Next() << 40));

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        State += 0x9E3779B97F4A7C15UL;
        return Mix(State);
    }

    /// <summary>A float uniform in [0, 1) with 24 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float NextFloat() => (NextUInt64() >> 40) * (1f / 16777216f);

    /// <summary>A float uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Uniform(float low, float high) => low + ((high - low) * NextFloat());

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
