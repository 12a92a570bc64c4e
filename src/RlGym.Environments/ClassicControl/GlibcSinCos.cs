using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RlGym.Environments.ClassicControl;

/// <summary>
/// The C library's double-precision <c>sincos</c>, four lanes at a time, with the bits <see cref="Math.SinCos"/> gives:
/// the exact CartPole variants need glibc's sine and cosine (Gymnasium calls them), and calling it once per copy was half
/// of their step.
/// </summary>
/// <remarks>
/// <para>
/// The arguments CartPole meets (|x| &lt; 0.85546875) take glibc's table path (sysdeps/ieee754/dbl-64/s_sin.c,
/// <c>do_sin</c> and <c>do_cos</c>): |x| is split into the nearest multiple of 1/128 and a remainder, and polynomials of
/// the remainder are combined with that multiple's sine and cosine, each a double-double from a table; sines below 0.126
/// take a Taylor polynomial instead, and below 2^-27 sin x = x and cos x = 1. The operations below are those of the build
/// x86-64 glibc selects on CPUs with FMA (<c>__sincos_fma</c>, read from its machine code): a fused multiply-add exactly
/// where its compiler fused one, every other operation rounded on its own as there.
/// </para>
/// <para>
/// The table is computed here in 320-bit fixed point. glibc's was computed with less precision: 18 of its low parts differ
/// from the correctly rounded ones, by the units in the last place listed in <see cref="GlibcTableDeviations"/>, and are
/// moved to glibc's values. Another C library (or another build of this one) may round differently, so the first use
/// compares this against <see cref="Math.SinCos"/> over every table cell, both polynomials and the boundaries between
/// them, and <see cref="IsSupported"/> turns false at the first difference; <see cref="SinCos"/> then uses <see cref="Math.SinCos"/>.
/// </para>
/// </remarks>
internal static class GlibcSinCos
{
    private const int TableCells = 110;

    // |x| below 2^-27 and below 0.85546875, as the high word of x's bits (glibc's bounds).
    private const ulong TinyHighWord = 0x3e400000;
    private const ulong TableHighWord = 0x3feb6000;

    // (index, units in the last place) of glibc's sincostab against the correctly rounded double-doubles.
    private static readonly (int Index, int Ulps)[] GlibcTableDeviations =
    [
        (9, 1), (41, 1), (93, 39), (107, 1), (109, 1), (133, 1), (137, 1), (145, 1), (161, -2),
        (179, 1), (283, 1), (301, 1), (303, -2), (319, 1), (341, 1), (361, -2), (377, 1), (429, 1),
    ];

    // Per cell k (x = k/128): sin hi, sin lo, cos hi, cos lo.
    private static readonly double[] Table = BuildTable();

    // glibc's coefficients (usncs.h and s_sin.c), as bit patterns.
    private static readonly Vector256<double> S1 = Bits(0xbfc5555555555555);
    private static readonly Vector256<double> S2 = Bits(0x3f81111111110ece);
    private static readonly Vector256<double> S3 = Bits(0xbf2a01a019db08b8);
    private static readonly Vector256<double> S4 = Bits(0x3ec71de27b9a7ed9);
    private static readonly Vector256<double> S5 = Bits(0xbe5addffc2fcdf59);
    private static readonly Vector256<double> Sn3 = Bits(0xbfc5555555555515);
    private static readonly Vector256<double> Sn5 = Bits(0x3f811110e829872f);
    private static readonly Vector256<double> Cs2 = Bits(0x3fe0000000000000);
    private static readonly Vector256<double> Cs4 = Bits(0xbfa5555555555535);
    private static readonly Vector256<double> Cs6 = Bits(0x3f56c16bedd9e239);
    private static readonly Vector256<double> Big = Bits(0x42c8000000000000); // 1.5 * 2^45: big + |x| rounds |x| to 1/128
    private static readonly Vector256<double> TaylorBound = Bits(0x3fc020c49ba5e354); // 0.126

    /// <summary>The table: per multiple k/128 of 0 to 109, sin hi, sin lo, cos hi, cos lo.</summary>
    internal static ReadOnlySpan<double> Cells => Table;

    /// <summary>Whether <see cref="TrySinCos"/> computes here: AVX2 and FMA, and equal to <see cref="Math.SinCos"/> on the self-check.</summary>
    public static bool IsSupported { get; } = Fma.IsSupported && Avx2.IsSupported && MatchesMathSinCos();

    /// <summary>
    /// The sine and cosine of each lane of <paramref name="x"/>, bit for bit <see cref="Math.SinCos"/>'s; false (nothing
    /// computed) when <see cref="IsSupported"/> is false or a lane is outside |x| &lt; 0.85546875 (or NaN).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TrySinCos(Vector256<double> x, out Vector256<double> sin, out Vector256<double> cos)
    {
        if (IsSupported)
        {
            return Compute(x, out sin, out cos);
        }

        sin = cos = default;
        return false;
    }

    /// <summary>
    /// The sine and cosine of each lane of <paramref name="x"/>, bit for bit <see cref="Math.SinCos"/>'s: computed here
    /// when <see cref="TrySinCos"/> can, else by <see cref="Math.SinCos"/> per lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCos(Vector256<double> x, out Vector256<double> sin, out Vector256<double> cos)
    {
        if (!TrySinCos(x, out sin, out cos))
        {
            (sin, cos) = MathSinCos(x);
        }
    }

    // Math.SinCos per lane: arguments beyond the table path, or a C library this class does not reproduce.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Vector256<double> Sin, Vector256<double> Cos) MathSinCos(Vector256<double> x)
    {
        var (s0, c0) = Math.SinCos(x.GetElement(0));
        var (s1, c1) = Math.SinCos(x.GetElement(1));
        var (s2, c2) = Math.SinCos(x.GetElement(2));
        var (s3, c3) = Math.SinCos(x.GetElement(3));
        return (Vector256.Create(s0, s1, s2, s3), Vector256.Create(c0, c1, c2, c3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Compute(Vector256<double> x, out Vector256<double> sin, out Vector256<double> cos)
    {
        var ax = Vector256.Abs(x);
        var highWord = ax.AsUInt64() >>> 32;
        if (!Vector256.LessThanAll(highWord, Vector256.Create(TableHighWord)))
        {
            sin = cos = default;
            return false;
        }

        // The cell: the nearest multiple of 1/128 to |x|, its index in u's low bits; xr = |x| minus that multiple.
        var u = ax + Big;
        var xr = ax - (u - Big);
        LoadCells(u, out var sn, out var ssn, out var cs, out var ccs);
        var zero = Vector256<double>.Zero;
        var negativeZero = Vector256.Create(-0.0);

        // do_sin(x, 0), table path: dx = +0 for x > 0, -0 otherwise; the result takes x's sign.
        var dx = Vector256.ConditionalSelect(Vector256.GreaterThan(x, zero), zero, negativeZero);
        var xx = xr * xr;
        var s = Fma.MultiplyAdd(xr * xx, Fma.MultiplyAdd(xx, Sn5, Sn3), dx) + xr;
        var c = Fma.MultiplyAdd(dx, xr, xx * Fma.MultiplyAdd(Fma.MultiplyAdd(xx, Cs6, Cs4), xx, Cs2));
        var sinTable = Fma.MultiplyAdd(s, cs, Fma.MultiplyAddNegated(c, sn, Fma.MultiplyAdd(s, ccs, ssn))) + sn;
        sinTable = Vector256.ConditionalSelect(negativeZero, x, sinTable);

        // do_sin, Taylor path (|x| < 0.126).
        var x2 = x * x;
        var p = Fma.MultiplyAdd(x2, Fma.MultiplyAdd(x2, Fma.MultiplyAdd(x2, Fma.MultiplyAdd(x2, S5, S4), S3), S2), S1);
        var sinTaylor = x + Fma.MultiplyAdd(x2, Fma.MultiplyAdd(x, p, negativeZero), zero);

        // do_cos(x, 0): xr plus dx = -0 for x < 0, +0 otherwise.
        var xc = Vector256.ConditionalSelect(Vector256.LessThan(x, zero), negativeZero, zero) + xr;
        var xxc = xc * xc;
        var sc = Fma.MultiplyAdd(xc * xxc, Fma.MultiplyAdd(xxc, Sn5, Sn3), xc);
        var cc = xxc * Fma.MultiplyAdd(Fma.MultiplyAdd(xxc, Cs6, Cs4), xxc, Cs2);
        var cosTable = Fma.MultiplyAddNegated(sc, sn, Fma.MultiplyAddNegated(cc, cs, Fma.MultiplyAddNegated(ssn, sc, ccs))) + cs;

        var tiny = Vector256.LessThan(highWord, Vector256.Create(TinyHighWord)).AsDouble();
        var taylor = Vector256.LessThan(ax, TaylorBound);
        sin = Vector256.ConditionalSelect(tiny, x, Vector256.ConditionalSelect(taylor, sinTaylor, sinTable));
        cos = Vector256.ConditionalSelect(tiny, Vector256.Create(1.0), cosTable);
        return true;
    }

    // Each lane's four table entries (one 256-bit load per lane), transposed into one vector per entry.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadCells(
        Vector256<double> u, out Vector256<double> sn, out Vector256<double> ssn, out Vector256<double> cs, out Vector256<double> ccs)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(Table);
        var cells = u.AsUInt64();
        var r0 = Vector256.LoadUnsafe(ref table, (nuint)(4 * (uint)cells.GetElement(0)));
        var r1 = Vector256.LoadUnsafe(ref table, (nuint)(4 * (uint)cells.GetElement(1)));
        var r2 = Vector256.LoadUnsafe(ref table, (nuint)(4 * (uint)cells.GetElement(2)));
        var r3 = Vector256.LoadUnsafe(ref table, (nuint)(4 * (uint)cells.GetElement(3)));
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        sn = Avx.Permute2x128(t0, t2, 0x20);
        cs = Avx.Permute2x128(t0, t2, 0x31);
        ssn = Avx.Permute2x128(t1, t3, 0x20);
        ccs = Avx.Permute2x128(t1, t3, 0x31);
    }

    private static Vector256<double> Bits(ulong bits) => Vector256.Create(BitConverter.UInt64BitsToDouble(bits));

    // sin(k/128) and cos(k/128) by their Taylor series in fixed point with 320 fractional bits, each split into the
    // nearest double and the nearest double to the rest; then glibc's deviations.
    private static double[] BuildTable()
    {
        const int fractionBits = 320;
        var table = new double[4 * TableCells];
        for (var k = 0; k < TableCells; k++)
        {
            BigInteger sin = 0, cos = 0, term = BigInteger.One << fractionBits;
            for (var n = 0; !term.IsZero; n++)
            {
                switch (n % 4)
                {
                    case 0: cos += term; break;
                    case 1: sin += term; break;
                    case 2: cos -= term; break;
                    default: sin -= term; break;
                }

                term = term * k / (128 * (n + 1));
            }

            (table[4 * k], table[(4 * k) + 1]) = Split(sin, fractionBits);
            (table[(4 * k) + 2], table[(4 * k) + 3]) = Split(cos, fractionBits);
        }

        foreach (var (index, ulps) in GlibcTableDeviations)
        {
            table[index] = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(table[index]) + ulps);
        }

        return table;
    }

    private static (double High, double Low) Split(BigInteger value, int fractionBits)
    {
        var high = Nearest(value, fractionBits, out var highExact);
        return (high, Nearest(value - highExact, fractionBits, out _));
    }

    // The double nearest value / 2^fractionBits (ties to even), and that double in the same fixed point.
    private static double Nearest(BigInteger value, int fractionBits, out BigInteger exact)
    {
        if (value.IsZero)
        {
            exact = BigInteger.Zero;
            return 0.0;
        }

        var magnitude = BigInteger.Abs(value);
        var shift = (int)magnitude.GetBitLength() - 53;
        var mantissa = shift > 0 ? magnitude >> shift : magnitude << -shift;
        if (shift > 0)
        {
            var rest = magnitude - (mantissa << shift);
            var half = BigInteger.One << (shift - 1);
            if (rest > half || (rest == half && !mantissa.IsEven))
            {
                mantissa += 1;
            }
        }

        exact = (shift > 0 ? mantissa << shift : mantissa >> -shift) * value.Sign;
        return value.Sign * Math.ScaleB((double)mantissa, shift - fractionBits);
    }

    // Every cell at its centre, near its edges and in between, both signs, the polynomials' boundaries, and a spread of
    // pseudo-random arguments: any difference from the C library's sincos here means another implementation.
    private static bool MatchesMathSinCos()
    {
        var arguments = new List<double> { 0.0, -0.0, Math.ScaleB(1, -27), Math.BitDecrement(Math.ScaleB(1, -27)), 0.126, Math.BitDecrement(0.126), Math.BitIncrement(0.126), Math.BitDecrement(0.85546875) };
        for (var k = 0; k < TableCells; k++)
        {
            foreach (var offset in (ReadOnlySpan<double>)[0.0, 1e-9, 1e-6, 1e-3, 0.0039, -1e-9, -1e-6, -1e-3, -0.0039])
            {
                arguments.Add((k / 128.0) + offset);
            }
        }

        var state = 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < 2048; i++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            var unit = (state >> 11) * (1.0 / (1UL << 53));
            arguments.Add(i % 2 == 0 ? 0.8554 * ((2 * unit) - 1) : Math.ScaleB(unit, -(i % 40)));
        }

        var values = arguments.Where(a => Math.Abs(a) < 0.85546875).ToArray();
        for (var i = 0; i + 4 <= values.Length; i += 4)
        {
            var x = Vector256.Create(values[i], values[i + 1], values[i + 2], values[i + 3]);
            if (!Compute(x, out var sin, out var cos))
            {
                return false;
            }

            for (var lane = 0; lane < 4; lane++)
            {
                var (expectedSin, expectedCos) = Math.SinCos(x.GetElement(lane));
                if (BitConverter.DoubleToInt64Bits(expectedSin) != BitConverter.DoubleToInt64Bits(sin.GetElement(lane))
                    || BitConverter.DoubleToInt64Bits(expectedCos) != BitConverter.DoubleToInt64Bits(cos.GetElement(lane)))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
