using System.Numerics;

namespace RlGym.Core.Random;

/// <summary>
/// NumPy's <c>SeedSequence(entropy)</c> for a non-negative integer entropy: hashes the entropy into a 4-word pool and
/// expands the pool into as many well-mixed 32-bit or 64-bit words as a bit generator needs.
/// </summary>
public sealed class SeedSequence
{
    private const int PoolSize = 4;
    private const uint InitA = 0x43B0D7E5;
    private const uint MultA = 0x931E8875;
    private const uint InitB = 0x8B51F9DD;
    private const uint MultB = 0x58F38DED;
    private const uint MixMultL = 0xCA01F9DD;
    private const uint MixMultR = 0x4973F715;
    private const int XShift = 16;

    private readonly uint[] _pool;

    /// <summary>A seed sequence for a 64-bit entropy value.</summary>
    public SeedSequence(ulong entropy)
    {
        // Same words as the BigInteger path, without its allocations (seeded resets are frequent).
        Entropy = entropy;
        _pool = MixEntropy(entropy > uint.MaxValue ? [(uint)entropy, (uint)(entropy >> 32)] : [(uint)entropy]);
    }

    /// <summary>A seed sequence for any non-negative integer entropy (Python ints are unbounded).</summary>
    public SeedSequence(BigInteger entropy)
    {
        if (entropy.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(entropy), entropy, "A seed must be a non-negative integer.");
        }

        Entropy = entropy;
        _pool = MixEntropy(ToWords(entropy));
    }

    /// <summary>The entropy this sequence was made from.</summary>
    public BigInteger Entropy { get; }

    /// <summary>The 4-word hashed pool (NumPy's <c>SeedSequence.pool</c>).</summary>
    public IReadOnlyList<uint> Pool => _pool;

    /// <summary><c>generate_state(n, dtype=uint32)</c>.</summary>
    public uint[] GenerateState32(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var hashConst = InitB;
        var output = new uint[count];
        for (var i = 0; i < count; i++)
        {
            var value = _pool[i % PoolSize];
            value ^= hashConst;
            hashConst *= MultB;
            value *= hashConst;
            value ^= value >> XShift;
            output[i] = value;
        }

        return output;
    }

    /// <summary><c>generate_state(n, dtype=uint64)</c>: pairs of 32-bit words, low word first.</summary>
    public ulong[] GenerateState64(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var words = GenerateState32(2 * count);
        var output = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            output[i] = words[2 * i] | ((ulong)words[(2 * i) + 1] << 32);
        }

        return output;
    }

    // Little-endian 32-bit words; zero gives one word 0 (as NumPy's _coerce_to_uint32_array).
    private static uint[] ToWords(BigInteger entropy)
    {
        var words = new List<uint>();
        var mask = new BigInteger(uint.MaxValue);
        do
        {
            words.Add((uint)(entropy & mask));
            entropy >>= 32;
        }
        while (!entropy.IsZero);

        return [.. words];
    }

    private static uint[] MixEntropy(uint[] entropy)
    {
        var hashConst = InitA;
        var pool = new uint[PoolSize];
        for (var i = 0; i < PoolSize; i++)
        {
            pool[i] = HashMix(i < entropy.Length ? entropy[i] : 0u, ref hashConst);
        }

        for (var src = 0; src < PoolSize; src++)
        {
            for (var dst = 0; dst < PoolSize; dst++)
            {
                if (src != dst)
                {
                    pool[dst] = Mix(pool[dst], HashMix(pool[src], ref hashConst));
                }
            }
        }

        for (var src = PoolSize; src < entropy.Length; src++)
        {
            for (var dst = 0; dst < PoolSize; dst++)
            {
                pool[dst] = Mix(pool[dst], HashMix(entropy[src], ref hashConst));
            }
        }

        return pool;
    }

    private static uint HashMix(uint value, ref uint hashConst)
    {
        value ^= hashConst;
        hashConst *= MultA;
        value *= hashConst;
        value ^= value >> XShift;
        return value;
    }

    private static uint Mix(uint x, uint y)
    {
        var result = (MixMultL * x) - (MixMultR * y);
        result ^= result >> XShift;
        return result;
    }
}
