namespace RlGym.Core.Random;

/// <summary>
/// A bit-exact port of NumPy's <c>Generator(PCG64(SeedSequence(seed)))</c>, the generator Gymnasium seeds environments and
/// spaces with, restricted to the methods Gymnasium uses.
/// </summary>
public sealed class NumpyGenerator
{
    /// <summary>NumPy's <c>default_rng(seed)</c>.</summary>
    public static NumpyGenerator FromSeed(ulong seed) => throw new NotImplementedException("TODO(helper-rng)");

    /// <summary>A generator seeded from OS entropy (non-reproducible), as NumPy does for <c>default_rng()</c>.</summary>
    public static NumpyGenerator FromEntropy() => throw new NotImplementedException("TODO(helper-rng)");

    /// <summary><c>random()</c>: a double in [0, 1) from one 64-bit draw.</summary>
    public double Random() => throw new NotImplementedException("TODO(helper-rng)");

    /// <summary><c>uniform(low, high)</c>: one draw.</summary>
    public double Uniform(double low, double high) => throw new NotImplementedException("TODO(helper-rng)");

    /// <summary><c>uniform(low, high, size=n)</c> into <paramref name="destination"/>, in order.</summary>
    public void Uniform(double low, double high, Span<double> destination) => throw new NotImplementedException("TODO(helper-rng)");

    /// <summary><c>integers(low, high)</c>: high exclusive, int64.</summary>
    public long Integers(long low, long high) => throw new NotImplementedException("TODO(helper-rng)");
}
