using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RlGym.Environments.Fast;

/// <summary>Eight float lanes (AVX): <see cref="IFloatLanes{TSelf, TInts}"/> over <see cref="Vector256{T}"/>.</summary>
/// <param name="value">The lanes.</param>
internal readonly struct FloatLanes256(Vector256<float> value) : IFloatLanes<FloatLanes256, IntLanes256>
{
    public Vector256<float> Value { get; } = value;

    public static int Count => Vector256<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 operator +(FloatLanes256 left, FloatLanes256 right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 operator -(FloatLanes256 left, FloatLanes256 right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 operator *(FloatLanes256 left, FloatLanes256 right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 operator /(FloatLanes256 left, FloatLanes256 right) => new(left.Value / right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 operator -(FloatLanes256 value) => new(-value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 operator |(FloatLanes256 left, FloatLanes256 right) => new(left.Value | right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 operator &(FloatLanes256 left, FloatLanes256 right) => new(left.Value & right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 Min(FloatLanes256 left, FloatLanes256 right) => new(Vector256.Min(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 Max(FloatLanes256 left, FloatLanes256 right) => new(Vector256.Max(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 Load(ref float source, nuint index) => new(Vector256.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 Equal(FloatLanes256 left, FloatLanes256 right) => new(Vector256.Equals(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 GreaterThanOrEqual(FloatLanes256 left, FloatLanes256 right) => new(Vector256.GreaterThanOrEqual(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 Create(float value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 Floor(FloatLanes256 value) => new(Vector256.Floor(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 LessThan(FloatLanes256 left, FloatLanes256 right) => new(Vector256.LessThan(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 GreaterThan(FloatLanes256 left, FloatLanes256 right) => new(Vector256.GreaterThan(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes256 ConditionalSelect(FloatLanes256 mask, FloatLanes256 whenTrue, FloatLanes256 whenFalse) =>
        new(Vector256.ConditionalSelect(mask.Value, whenTrue.Value, whenFalse.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes256 ConvertToInt32(FloatLanes256 value) => new(Vector256.ConvertToInt32(value.Value));

    /// <inheritdoc />
    /// <remarks>AVX's ladder: 128-bit halves swapped across, then 64-bit and 32-bit unpacks.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadTransposed(ref float source, nuint offset, out FloatLanes256 x, out FloatLanes256 y, out FloatLanes256 z, out FloatLanes256 w)
    {
        var o0 = Vector256.LoadUnsafe(ref source, offset);
        var o1 = Vector256.LoadUnsafe(ref source, offset + 8);
        var o2 = Vector256.LoadUnsafe(ref source, offset + 16);
        var o3 = Vector256.LoadUnsafe(ref source, offset + 24);
        var e = Avx.Permute2x128(o0, o2, 0x20);
        var f = Avx.Permute2x128(o0, o2, 0x31);
        var g = Avx.Permute2x128(o1, o3, 0x20);
        var h = Avx.Permute2x128(o1, o3, 0x31);
        var a = Avx.UnpackLow(e.AsDouble(), f.AsDouble()).AsSingle();
        var c = Avx.UnpackHigh(e.AsDouble(), f.AsDouble()).AsSingle();
        var b = Avx.UnpackLow(g.AsDouble(), h.AsDouble()).AsSingle();
        var d = Avx.UnpackHigh(g.AsDouble(), h.AsDouble()).AsSingle();
        x = new(Avx.Shuffle(a, b, 0x88));
        y = new(Avx.Shuffle(a, b, 0xDD));
        z = new(Avx.Shuffle(c, d, 0x88));
        w = new(Avx.Shuffle(c, d, 0xDD));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreTransposed(FloatLanes256 x, FloatLanes256 y, FloatLanes256 z, FloatLanes256 w, ref float first, ref float second, nuint offset)
    {
        var a = Avx.UnpackLow(x.Value, y.Value);
        var b = Avx.UnpackHigh(x.Value, y.Value);
        var c = Avx.UnpackLow(z.Value, w.Value);
        var d = Avx.UnpackHigh(z.Value, w.Value);
        var e = Avx.UnpackLow(a.AsDouble(), c.AsDouble()).AsSingle();
        var f = Avx.UnpackHigh(a.AsDouble(), c.AsDouble()).AsSingle();
        var g = Avx.UnpackLow(b.AsDouble(), d.AsDouble()).AsSingle();
        var h = Avx.UnpackHigh(b.AsDouble(), d.AsDouble()).AsSingle();
        var o0 = Avx.Permute2x128(e, f, 0x20);
        var o1 = Avx.Permute2x128(g, h, 0x20);
        var o2 = Avx.Permute2x128(e, f, 0x31);
        var o3 = Avx.Permute2x128(g, h, 0x31);
        o0.StoreUnsafe(ref first, offset);
        o1.StoreUnsafe(ref first, offset + 8);
        o2.StoreUnsafe(ref first, offset + 16);
        o3.StoreUnsafe(ref first, offset + 24);
        o0.StoreUnsafe(ref second, offset);
        o1.StoreUnsafe(ref second, offset + 8);
        o2.StoreUnsafe(ref second, offset + 16);
        o3.StoreUnsafe(ref second, offset + 24);
    }

    /// <inheritdoc />
    /// <remarks>Records 0-1 and 4-5, 2-3 and 6-7 paired by 128-bit halves, then one shuffle per field.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadPairs(ref float source, nuint offset, out FloatLanes256 x, out FloatLanes256 y)
    {
        var o0 = Vector256.LoadUnsafe(ref source, offset);
        var o1 = Vector256.LoadUnsafe(ref source, offset + 8);
        var e = Avx.Permute2x128(o0, o1, 0x20);
        var f = Avx.Permute2x128(o0, o1, 0x31);
        x = new(Avx.Shuffle(e, f, 0x88));
        y = new(Avx.Shuffle(e, f, 0xDD));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePairs(FloatLanes256 x, FloatLanes256 y, ref float first, ref float second, nuint offset)
    {
        var low = Avx.UnpackLow(x.Value, y.Value);
        var high = Avx.UnpackHigh(x.Value, y.Value);
        var o0 = Avx.Permute2x128(low, high, 0x20);
        var o1 = Avx.Permute2x128(low, high, 0x31);
        o0.StoreUnsafe(ref first, offset);
        o1.StoreUnsafe(ref first, offset + 8);
        o0.StoreUnsafe(ref second, offset);
        o1.StoreUnsafe(ref second, offset + 8);
    }

    /// <inheritdoc />
    /// <remarks>Element by element (AVX has no two-source permute across halves; this is the 8-lane fallback).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreTriples(FloatLanes256 x, FloatLanes256 y, FloatLanes256 z, ref float destination, nuint offset)
    {
        ref var record = ref Unsafe.Add(ref destination, offset);
        for (var j = 0; j < 8; j++)
        {
            Unsafe.Add(ref record, 3 * j) = x.Value.GetElement(j);
            Unsafe.Add(ref record, (3 * j) + 1) = y.Value.GetElement(j);
            Unsafe.Add(ref record, (3 * j) + 2) = z.Value.GetElement(j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float destination, nuint index) => Value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IntLanes256 AsInt32() => new(Value.AsInt32());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ExtractMostSignificantBits() => Value.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreWidened(ref double destination, nuint index)
    {
        var (low, high) = Vector256.Widen(Value);
        low.StoreUnsafe(ref destination, index);
        high.StoreUnsafe(ref destination, index + (nuint)Vector256<double>.Count);
    }
}
