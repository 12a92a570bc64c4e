using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using RlGym.Core.Dynamics;
using RlGym.Core.Vector;

namespace RlGym.Environments.Fast;

/// <summary>
/// Float32 sine and cosine for the fast (float32) dynamics: one polynomial evaluated the same way by the scalar
/// function (ILGPU kernels, the CPU fallback) and by one generic lane-wise twin (the SIMD CPU loops, at 8 and 16 lanes),
/// so all give the same bits on a CPU.
/// </summary>
/// <remarks>
/// The argument is reduced to r in [-pi/4, pi/4] with x = r + k * pi/2 (Cody-Waite, pi/2 split in two floats), then
/// sin r and cos r are Taylor polynomials to r^9 and r^8 (truncation below 3e-8) and the quadrant k mod 4 picks and
/// signs them. Measured error against <see cref="Math.Sin"/> / <see cref="Math.Cos"/>: at most
/// <see cref="MaxAbsoluteError"/> for |x| up to 100 (the whole range these environments reach). Only multiplies, adds,
/// a floor and a conversion: no table, no branch but the quadrant select, nothing ILGPU cannot compile.
/// </remarks>
public static class FastMath
{
    /// <summary>Bound on |SinCos(x) - (sin x, cos x)| for |x| &lt;= 100, as measured by the tests.</summary>
    public const float MaxAbsoluteError = 5e-7f;

    private const float TwoOverPi = 0.636619772f;
    private const float PiOver2Hi = 1.5703125f; // 8 significant bits: k * PiOver2Hi is exact for |k| < 2^16.
    private const float PiOver2Lo = 4.8382679e-4f; // pi/2 - PiOver2Hi
    private const float S3 = -1f / 6f;
    private const float S5 = 1f / 120f;
    private const float S7 = -1f / 5040f;
    private const float S9 = 1f / 362880f;
    private const float C2 = -1f / 2f;
    private const float C4 = 1f / 24f;
    private const float C6 = -1f / 720f;
    private const float C8 = 1f / 40320f;

    /// <summary>Sine and cosine of <paramref name="x"/> (radians), within <see cref="MaxAbsoluteError"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCos(float x, out float sin, out float cos)
    {
        var k = MathF.Floor((x * TwoOverPi) + 0.5f);
        var r = (x - (k * PiOver2Hi)) - (k * PiOver2Lo);
        var r2 = r * r;
        var s = r + (r * r2 * (S3 + (r2 * (S5 + (r2 * (S7 + (r2 * S9)))))));
        var c = 1f + (r2 * (C2 + (r2 * (C4 + (r2 * (C6 + (r2 * C8)))))));
        var quadrant = (int)k & 3;
        if (quadrant == 0)
        {
            (sin, cos) = (s, c);
        }
        else if (quadrant == 1)
        {
            (sin, cos) = (c, -s);
        }
        else if (quadrant == 2)
        {
            (sin, cos) = (-s, -c);
        }
        else
        {
            (sin, cos) = (-c, s);
        }
    }

    /// <summary>Sine of <paramref name="x"/> (see <see cref="SinCos(float, out float, out float)"/>).</summary>
    public static float Sin(float x)
    {
        SinCos(x, out var sin, out _);
        return sin;
    }

    /// <summary>Cosine of <paramref name="x"/> (see <see cref="SinCos(float, out float, out float)"/>).</summary>
    public static float Cos(float x)
    {
        SinCos(x, out _, out var cos);
        return cos;
    }

    /// <summary>
    /// Lane-wise <see cref="SinCos(float, out float, out float)"/> (AVX): the same operations in the same order, so every
    /// lane equals the scalar result bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCos(Vector256<float> x, out Vector256<float> sin, out Vector256<float> cos)
    {
        SinCos<FloatLanes256, IntLanes256>(new(x), out var s, out var c);
        (sin, cos) = (s.Value, c.Value);
    }

    /// <summary>The 16-lane (AVX-512) <see cref="SinCos(Vector256{float}, out Vector256{float}, out Vector256{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCos(Vector512<float> x, out Vector512<float> sin, out Vector512<float> cos)
    {
        SinCos<FloatLanes512, IntLanes512>(new(x), out var s, out var c);
        (sin, cos) = (s.Value, c.Value);
    }

    /// <summary>Lane-wise <see cref="SinCos(float, out float, out float)"/> at any width, written once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SinCos<TF, TI>(TF x, out TF sin, out TF cos)
        where TF : struct, IFloatLanes<TF, TI>
        where TI : struct, IIntLanes<TI, TF>
    {
        var k = TF.Floor((x * TF.Create(TwoOverPi)) + TF.Create(0.5f));
        var r = (x - (k * TF.Create(PiOver2Hi))) - (k * TF.Create(PiOver2Lo));
        var r2 = r * r;
        var s = r + (r * r2 * (TF.Create(S3) + (r2 * (TF.Create(S5) + (r2 * (TF.Create(S7) + (r2 * TF.Create(S9))))))));
        var c = TF.Create(1f) + (r2 * (TF.Create(C2) + (r2 * (TF.Create(C4) + (r2 * (TF.Create(C6) + (r2 * TF.Create(C8))))))));
        var quadrant = TF.ConvertToInt32(k) & TI.Create(3);

        // Quadrants 1 and 3 swap sine and cosine; quadrants 2 and 3 negate the sine, 1 and 2 the cosine.
        var swap = TI.Equal(quadrant & TI.Create(1), TI.Create(1)).AsSingle();
        var sinBase = TF.ConditionalSelect(swap, c, s);
        var cosBase = TF.ConditionalSelect(swap, s, c);
        var negateSin = TI.GreaterThanOrEqual(quadrant, TI.Create(2)).AsSingle();
        var negateCos = TI.Equal(quadrant, TI.Create(1)).AsSingle() | TI.Equal(quadrant, TI.Create(2)).AsSingle();
        sin = TF.ConditionalSelect(negateSin, -sinBase, sinBase);
        cos = TF.ConditionalSelect(negateCos, -cosBase, cosBase);
    }
}
