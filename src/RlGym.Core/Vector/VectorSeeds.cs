namespace RlGym.Core.Vector;

/// <summary>How a vector environment's reset seeds map to its copies (as Gymnasium's <c>SyncVectorEnv</c> does).</summary>
public static class VectorSeeds
{
    /// <summary>One seed per copy: copy i gets <c>seed + i</c>, or null (continue its generator) when <paramref name="seed"/> is null.</summary>
    public static ulong?[] Spread(ulong? seed, int numEnvs)
    {
        var seeds = new ulong?[numEnvs];
        for (var i = 0; i < seeds.Length; i++)
        {
            seeds[i] = seed is { } s ? s + (ulong)i : null;
        }

        return seeds;
    }

    /// <summary>Checks that <paramref name="seeds"/> holds exactly one seed per copy.</summary>
    /// <exception cref="ArgumentException">The count differs from <paramref name="numEnvs"/>.</exception>
    public static void RequireOnePerCopy(IReadOnlyList<ulong?> seeds, int numEnvs)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count != numEnvs)
        {
            throw new ArgumentException($"Expected {numEnvs} seeds (one per copy), got {seeds.Count}.", nameof(seeds));
        }
    }
}
