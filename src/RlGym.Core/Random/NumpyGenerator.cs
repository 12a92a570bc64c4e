using System.Numerics;
using System.Security.Cryptography;

namespace RlGym.Core.Random;

/// <summary>
/// A bit-exact port of NumPy's <c>Generator(PCG64(SeedSequence(seed)))</c>, the generator Gymnasium seeds environments and
/// spaces with, restricted to the methods Gymnasium uses. Draws allocate nothing.
/// </summary>
public sealed class NumpyGenerator
{
    private const double TwoPow53Inverse = 1.0 / 9007199254740992.0;

    private NumpyGenerator(Pcg64 bitGenerator) => BitGenerator = bitGenerator;

    /// <summary>The underlying bit generator; its state is the generator's whole state.</summary>
    public Pcg64 BitGenerator { get; }

    /// <summary>NumPy's <c>default_rng(seed)</c>.</summary>
    public static NumpyGenerator FromSeed(ulong seed) => new(Pcg64.FromSeedSequence(new SeedSequence(seed)));

    /// <summary>NumPy's <c>default_rng(seed)</c> for any non-negative integer seed (Python ints are unbounded).</summary>
    public static NumpyGenerator FromSeed(BigInteger seed) => new(Pcg64.FromSeedSequence(new SeedSequence(seed)));

    /// <summary>A generator seeded from OS entropy (non-reproducible), as NumPy does for <c>default_rng()</c>.</summary>
    public static NumpyGenerator FromEntropy()
    {
        // NumPy draws 128 bits of OS entropy into a SeedSequence.
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return FromSeed(new BigInteger(bytes, isUnsigned: true));
    }

    /// <summary>A generator continuing from an explicit bit-generator state (e.g. one recorded from NumPy).</summary>
    public static NumpyGenerator FromState(UInt128 state, UInt128 increment, bool hasUint32 = false, uint uinteger = 0) =>
        new(new Pcg64(state, increment, hasUint32, uinteger));

    /// <summary><c>bit_generator.random_raw()</c>: one raw 64-bit output.</summary>
    public ulong RandomRaw() => BitGenerator.NextUInt64();

    /// <summary><c>random()</c>: a double in [0, 1) from one 64-bit draw.</summary>
    public double Random() => (BitGenerator.NextUInt64() >> 11) * TwoPow53Inverse;

    /// <summary><c>uniform(low, high)</c>: one draw.</summary>
    public double Uniform(double low, double high)
    {
        var range = high - low;
        EnsureFiniteRange(range);
        return low + (range * Random());
    }

    /// <summary><c>uniform(low, high, size=n)</c> into <paramref name="destination"/>, in order.</summary>
    public void Uniform(double low, double high, Span<double> destination)
    {
        var range = high - low;
        EnsureFiniteRange(range);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = low + (range * Random());
        }
    }

    /// <summary><c>uniform(low, high)</c> with element-wise bounds (array <c>low</c>/<c>high</c>), into <paramref name="destination"/>.</summary>
    public void Uniform(ReadOnlySpan<double> low, ReadOnlySpan<double> high, Span<double> destination)
    {
        if (low.Length != destination.Length || high.Length != destination.Length)
        {
            throw new ArgumentException(
                $"low ({low.Length}), high ({high.Length}) and destination ({destination.Length}) must have the same length.");
        }

        // NumPy checks every range before drawing anything.
        for (var i = 0; i < low.Length; i++)
        {
            EnsureFiniteRange(high[i] - low[i]);
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = low[i] + ((high[i] - low[i]) * Random());
        }
    }

    /// <summary><c>integers(low, high)</c>: high exclusive, int64.</summary>
    public long Integers(long low, long high)
    {
        if (low >= high)
        {
            throw new ArgumentException($"integers(low, high) needs low < high (high is exclusive); got low={low}, high={high}.");
        }

        var range = unchecked((ulong)(high - 1) - (ulong)low);
        return unchecked(low + (long)BoundedUInt64(range));
    }

    /// <summary><c>integers(high)</c>: <c>integers(0, high)</c>.</summary>
    public long Integers(long high) => Integers(0, high);

    /// <summary><c>integers(low, high, size=n)</c> into <paramref name="destination"/>, in order.</summary>
    public void Integers(long low, long high, Span<long> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = Integers(low, high);
        }
    }

    /// <summary>
    /// <c>integers(low, high, size=n, dtype=np.int8)</c> into <paramref name="destination"/>. NumPy's 8-bit path
    /// splits each 32-bit draw into four bytes (a buffer local to this call), so it consumes fewer draws than int64.
    /// </summary>
    public void IntegersInt8(int low, int high, Span<sbyte> destination)
    {
        if (low < sbyte.MinValue || high > sbyte.MaxValue + 1 || low >= high)
        {
            throw new ArgumentException(
                $"integers(low, high, dtype=int8) needs {sbyte.MinValue} <= low < high <= {sbyte.MaxValue + 1}; got low={low}, high={high}.");
        }

        var offset = unchecked((byte)low);
        var range = (byte)(high - 1 - low);
        uint buffer = 0;
        var bufferCount = 0;
        for (var i = 0; i < destination.Length; i++)
        {
            byte value;
            if (range == 0)
            {
                value = 0;
            }
            else if (range == byte.MaxValue)
            {
                value = BufferedUInt8(ref buffer, ref bufferCount);
            }
            else
            {
                value = BoundedLemire8(range, ref buffer, ref bufferCount);
            }

            destination[i] = unchecked((sbyte)(byte)(offset + value));
        }
    }

    /// <summary><c>choice(items)</c> (uniform, with replacement, one item): <c>items[integers(0, len(items))]</c>.</summary>
    public T Choice<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new ArgumentException("choice needs a non-empty sequence.", nameof(items));
        }

        return items[(int)Integers(0, items.Count)];
    }

    /// <summary>
    /// <c>choice(arange(len(p)), p=p)</c>: one <see cref="Random"/> draw against the normalised cumulative sum of
    /// <paramref name="p"/>; returns the first index whose cumulative probability is strictly greater than the draw.
    /// </summary>
    public int Categorical(ReadOnlySpan<double> p)
    {
        if (p.Length == 0)
        {
            throw new ArgumentException("Categorical needs at least one probability.", nameof(p));
        }

        ValidateProbabilities(p);

        // cumsum is sequential in NumPy; cdf[i] = cumsum[i] / cumsum[-1]. Scanning replaces searchsorted(side="right")
        // (same answer on a non-decreasing cdf) and needs no buffer.
        var total = 0.0;
        foreach (var value in p)
        {
            total += value;
        }

        var u = Random();
        var running = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            running += p[i];
            if (running / total > u)
            {
                return i;
            }
        }

        return p.Length - 1;
    }

    private static void ValidateProbabilities(ReadOnlySpan<double> p)
    {
        // NumPy: "probabilities are not non-negative" and a Kahan sum within sqrt(eps) of 1.
        var sum = 0.0;
        var compensation = 0.0;
        foreach (var value in p)
        {
            if (!(value >= 0))
            {
                throw new ArgumentException($"Probabilities must be non-negative; got {value}.", nameof(p));
            }

            var y = value - compensation;
            var t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
        }

        if (Math.Abs(sum - 1.0) > 1.4901161193847656e-08)
        {
            throw new ArgumentException($"Probabilities must sum to 1; they sum to {sum}.", nameof(p));
        }
    }

    private static void EnsureFiniteRange(double range)
    {
        if (!double.IsFinite(range))
        {
            throw new ArgumentOutOfRangeException(nameof(range), range, "high - low must be finite (NumPy: range exceeds valid bounds).");
        }
    }

    // NumPy's buffered_uint8: one 32-bit draw serves four bytes, low byte first.
    private byte BufferedUInt8(ref uint buffer, ref int count)
    {
        if (count == 0)
        {
            buffer = BitGenerator.NextUInt32();
            count = 3;
        }
        else
        {
            buffer >>= 8;
            count--;
        }

        return (byte)buffer;
    }

    private byte BoundedLemire8(byte range, ref uint buffer, ref int count)
    {
        var rangeExclusive = (byte)(range + 1);
        var m = (ushort)(BufferedUInt8(ref buffer, ref count) * rangeExclusive);
        var leftover = (byte)m;
        if (leftover < rangeExclusive)
        {
            var threshold = (byte)((byte)(byte.MaxValue - range) % rangeExclusive);
            while (leftover < threshold)
            {
                m = (ushort)(BufferedUInt8(ref buffer, ref count) * rangeExclusive);
                leftover = (byte)m;
            }
        }

        return (byte)(m >> 8);
    }

    // NumPy's random_bounded_uint64 (unmasked): a value in [0, range].
    private ulong BoundedUInt64(ulong range)
    {
        if (range == 0)
        {
            return 0;
        }

        if (range == uint.MaxValue)
        {
            return BitGenerator.NextUInt32();
        }

        if (range < uint.MaxValue)
        {
            return BoundedLemire32((uint)range);
        }

        if (range == ulong.MaxValue)
        {
            return BitGenerator.NextUInt64();
        }

        return BoundedLemire64(range);
    }

    private uint BoundedLemire32(uint range)
    {
        var rangeExclusive = range + 1;
        var m = (ulong)BitGenerator.NextUInt32() * rangeExclusive;
        var leftover = (uint)m;
        if (leftover < rangeExclusive)
        {
            var threshold = (uint.MaxValue - range) % rangeExclusive;
            while (leftover < threshold)
            {
                m = (ulong)BitGenerator.NextUInt32() * rangeExclusive;
                leftover = (uint)m;
            }
        }

        return (uint)(m >> 32);
    }

    private ulong BoundedLemire64(ulong range)
    {
        var rangeExclusive = range + 1;
        var high = Math.BigMul(BitGenerator.NextUInt64(), rangeExclusive, out var low);
        if (low < rangeExclusive)
        {
            var threshold = unchecked(0UL - rangeExclusive) % rangeExclusive;
            while (low < threshold)
            {
                high = Math.BigMul(BitGenerator.NextUInt64(), rangeExclusive, out low);
            }
        }

        return high;
    }

    /// <summary><c>standard_normal()</c>: NumPy's 256-layer ziggurat (<c>random_standard_normal</c>).</summary>
    public double StandardNormal()
    {
        var ki = ZigguratTables.Ki;
        var wi = ZigguratTables.Wi;
        var fi = ZigguratTables.Fi;
        while (true)
        {
            // One 64-bit draw: 8 bits layer index, 1 sign bit, 52 bits magnitude.
            var r = BitGenerator.NextUInt64();
            var idx = (int)(r & 0xFF);
            r >>= 8;
            var negative = (r & 0x1) != 0;
            var rabs = (r >> 1) & 0x000FFFFFFFFFFFFFUL;
            var x = rabs * wi[idx];
            if (negative)
            {
                x = -x;
            }

            if (rabs < ki[idx])
            {
                return x;
            }

            if (idx == 0)
            {
                // The tail beyond r (Marsaglia's method); 1 - U avoids log(0).
                while (true)
                {
                    var xx = -ZigguratTables.NormalInverseR * Math.Log(1.0 - Random());
                    var yy = -Math.Log(1.0 - Random());
                    if (yy + yy > xx * xx)
                    {
                        return ((rabs >> 8) & 0x1) != 0 ? -(ZigguratTables.NormalR + xx) : ZigguratTables.NormalR + xx;
                    }
                }
            }

            if (((fi[idx - 1] - fi[idx]) * Random()) + fi[idx] < Math.Exp(-0.5 * x * x))
            {
                return x;
            }
        }
    }

    /// <summary><c>standard_exponential()</c>: NumPy's 256-layer ziggurat (<c>random_standard_exponential</c>).</summary>
    public double StandardExponential()
    {
        var ke = ZigguratTables.Ke;
        var we = ZigguratTables.We;
        var fe = ZigguratTables.Fe;
        while (true)
        {
            // One 64-bit draw: the low 3 bits are dropped, then 8 bits layer index and 53 bits value.
            var ri = BitGenerator.NextUInt64() >> 3;
            var idx = (int)(ri & 0xFF);
            ri >>= 8;
            var x = ri * we[idx];
            if (ri < ke[idx])
            {
                return x;
            }

            if (idx == 0)
            {
                return ZigguratTables.ExponentialR - Math.Log(1.0 - Random());
            }

            if (((fe[idx - 1] - fe[idx]) * Random()) + fe[idx] < Math.Exp(-x))
            {
                return x;
            }

            // NumPy starts over with a fresh draw (a tail call there, a loop here).
        }
    }

    /// <summary><c>normal(loc, scale)</c>: <c>loc + scale * standard_normal()</c>.</summary>
    public double Normal(double loc, double scale) => loc + (scale * StandardNormal());

    /// <summary><c>exponential(scale)</c>: <c>scale * standard_exponential()</c>.</summary>
    public double Exponential(double scale) => scale * StandardExponential();
}
