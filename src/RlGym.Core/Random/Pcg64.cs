namespace RlGym.Core.Random;

/// <summary>
/// NumPy's PCG64 bit generator (128-bit LCG with XSL-RR output), including its one-word buffer of the upper half of a
/// 64-bit output that 32-bit draws consume.
/// </summary>
public sealed class Pcg64
{
    private const ulong MultiplierHigh = 0x2360ED051FC65DA4UL;
    private const ulong MultiplierLow = 0x4385DF649FCCF645UL;
    private static readonly UInt128 Multiplier = new(MultiplierHigh, MultiplierLow);

    // The state and increment as 64-bit halves: the hot path multiplies them directly (UInt128 arithmetic is slower).
    private ulong _stateHigh;
    private ulong _stateLow;
    private ulong _incrementHigh;
    private ulong _incrementLow;

    /// <summary>A generator at an explicit state (as NumPy's <c>bit_generator.state</c> setter).</summary>
    public Pcg64(UInt128 state, UInt128 increment, bool hasUint32 = false, uint uinteger = 0)
    {
        State = state;
        Increment = increment;
        HasUint32 = hasUint32;
        UInteger = uinteger;
    }

    /// <summary>The 128-bit LCG state.</summary>
    public UInt128 State
    {
        get => new(_stateHigh, _stateLow);
        set
        {
            _stateHigh = (ulong)(value >> 64);
            _stateLow = (ulong)value;
        }
    }

    /// <summary>The 128-bit LCG increment (always odd).</summary>
    public UInt128 Increment
    {
        get => new(_incrementHigh, _incrementLow);
        set
        {
            _incrementHigh = (ulong)(value >> 64);
            _incrementLow = (ulong)value;
        }
    }

    /// <summary>True when <see cref="UInteger"/> holds an unused upper half for the next 32-bit draw.</summary>
    public bool HasUint32 { get; set; }

    /// <summary>The buffered upper 32 bits of the last 64-bit output taken for a 32-bit draw.</summary>
    public uint UInteger { get; set; }

    /// <summary>NumPy's <c>PCG64(seed_seq)</c>: four 64-bit words give the initial state and the stream.</summary>
    public static Pcg64 FromSeedSequence(SeedSequence seedSequence)
    {
        ArgumentNullException.ThrowIfNull(seedSequence);
        var words = seedSequence.GenerateState64(4);
        var initState = new UInt128(words[0], words[1]);
        var initSeq = new UInt128(words[2], words[3]);
        var increment = (initSeq << 1) | UInt128.One;
        var state = UInt128.Zero;
        state = (state * Multiplier) + increment;
        state += initState;
        state = (state * Multiplier) + increment;
        return new Pcg64(state, increment);
    }

    /// <summary>Advances the state and returns the XSL-RR output of the new state (<c>random_raw</c>).</summary>
    public ulong NextUInt64()
    {
        // state = state * M + inc (mod 2^128), on 64-bit halves.
        var high = Math.BigMul(_stateLow, MultiplierLow, out var low);
        high += (_stateLow * MultiplierHigh) + (_stateHigh * MultiplierLow);
        var newLow = low + _incrementLow;
        high += _incrementHigh + (newLow < low ? 1UL : 0UL);
        _stateHigh = high;
        _stateLow = newLow;
        return ulong.RotateRight(high ^ newLow, (int)(high >> 58));
    }

    /// <summary>A 32-bit draw: the buffered upper half if present, else the low half of a new 64-bit output.</summary>
    public uint NextUInt32()
    {
        if (HasUint32)
        {
            HasUint32 = false;
            return UInteger;
        }

        var next = NextUInt64();
        HasUint32 = true;
        UInteger = (uint)(next >> 32);
        return (uint)next;
    }

    /// <summary>A double in [0, 1) from the top 53 bits of one 64-bit output.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);
}
