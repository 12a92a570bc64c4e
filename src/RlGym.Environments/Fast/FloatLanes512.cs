using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RlGym.Environments.Fast;

/// <summary>Sixteen float lanes (AVX-512): <see cref="IFloatLanes{TSelf, TInts}"/> over <see cref="Vector512{T}"/>.</summary>
/// <param name="value">The lanes.</param>
internal readonly struct FloatLanes512(Vector512<float> value) : IFloatLanes<FloatLanes512, IntLanes512>
{
    public Vector512<float> Value { get; } = value;

    public static int Count => Vector512<float>.Count;

    // Lanes 0-7 (8-15) of the first source, then of the second: the permute indices of the transpose's second round.
    private static Vector512<int> LowHalves
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
    }

    private static Vector512<int> HighHalves
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 operator +(FloatLanes512 left, FloatLanes512 right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 operator -(FloatLanes512 left, FloatLanes512 right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 operator *(FloatLanes512 left, FloatLanes512 right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 operator /(FloatLanes512 left, FloatLanes512 right) => new(left.Value / right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 operator -(FloatLanes512 value) => new(-value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 operator |(FloatLanes512 left, FloatLanes512 right) => new(left.Value | right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 operator &(FloatLanes512 left, FloatLanes512 right) => new(left.Value & right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 Min(FloatLanes512 left, FloatLanes512 right) => new(Vector512.Min(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 Max(FloatLanes512 left, FloatLanes512 right) => new(Vector512.Max(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 Load(ref float source, nuint index) => new(Vector512.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 Equal(FloatLanes512 left, FloatLanes512 right) => new(Vector512.Equals(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 GreaterThanOrEqual(FloatLanes512 left, FloatLanes512 right) => new(Vector512.GreaterThanOrEqual(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 Create(float value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 Floor(FloatLanes512 value) => new(Vector512.Floor(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 LessThan(FloatLanes512 left, FloatLanes512 right) => new(Vector512.LessThan(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 GreaterThan(FloatLanes512 left, FloatLanes512 right) => new(Vector512.GreaterThan(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatLanes512 ConditionalSelect(FloatLanes512 mask, FloatLanes512 whenTrue, FloatLanes512 whenFalse) =>
        new(Vector512.ConditionalSelect(mask.Value, whenTrue.Value, whenFalse.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes512 ConvertToInt32(FloatLanes512 value) => new(Vector512.ConvertToInt32(value.Value));

    /// <inheritdoc />
    /// <remarks>Two rounds of two-source permutes (vpermt2ps).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadTransposed(ref float source, nuint offset, out FloatLanes512 x, out FloatLanes512 y, out FloatLanes512 z, out FloatLanes512 w)
    {
        var o0 = Vector512.LoadUnsafe(ref source, offset);
        var o1 = Vector512.LoadUnsafe(ref source, offset + 16);
        var o2 = Vector512.LoadUnsafe(ref source, offset + 32);
        var o3 = Vector512.LoadUnsafe(ref source, offset + 48);
        var firstFields = Vector512.Create(0, 4, 8, 12, 16, 20, 24, 28, 1, 5, 9, 13, 17, 21, 25, 29);
        var lastFields = Vector512.Create(2, 6, 10, 14, 18, 22, 26, 30, 3, 7, 11, 15, 19, 23, 27, 31);
        var xy0 = Avx512F.PermuteVar16x32x2(o0, firstFields, o1); // x and y of records 0-7
        var zw0 = Avx512F.PermuteVar16x32x2(o0, lastFields, o1);
        var xy1 = Avx512F.PermuteVar16x32x2(o2, firstFields, o3); // records 8-15
        var zw1 = Avx512F.PermuteVar16x32x2(o2, lastFields, o3);
        x = new(Avx512F.PermuteVar16x32x2(xy0, LowHalves, xy1));
        y = new(Avx512F.PermuteVar16x32x2(xy0, HighHalves, xy1));
        z = new(Avx512F.PermuteVar16x32x2(zw0, LowHalves, zw1));
        w = new(Avx512F.PermuteVar16x32x2(zw0, HighHalves, zw1));
    }

    /// <inheritdoc />
    /// <remarks>The same permutes, inverted.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreTransposed(FloatLanes512 x, FloatLanes512 y, FloatLanes512 z, FloatLanes512 w, ref float first, ref float second, nuint offset)
    {
        var xy0 = Avx512F.PermuteVar16x32x2(x.Value, LowHalves, y.Value);
        var xy1 = Avx512F.PermuteVar16x32x2(x.Value, HighHalves, y.Value);
        var zw0 = Avx512F.PermuteVar16x32x2(z.Value, LowHalves, w.Value);
        var zw1 = Avx512F.PermuteVar16x32x2(z.Value, HighHalves, w.Value);
        var firstRecords = Vector512.Create(0, 8, 16, 24, 1, 9, 17, 25, 2, 10, 18, 26, 3, 11, 19, 27);
        var lastRecords = Vector512.Create(4, 12, 20, 28, 5, 13, 21, 29, 6, 14, 22, 30, 7, 15, 23, 31);
        var o0 = Avx512F.PermuteVar16x32x2(xy0, firstRecords, zw0);
        var o1 = Avx512F.PermuteVar16x32x2(xy0, lastRecords, zw0);
        var o2 = Avx512F.PermuteVar16x32x2(xy1, firstRecords, zw1);
        var o3 = Avx512F.PermuteVar16x32x2(xy1, lastRecords, zw1);
        o0.StoreUnsafe(ref first, offset);
        o1.StoreUnsafe(ref first, offset + 16);
        o2.StoreUnsafe(ref first, offset + 32);
        o3.StoreUnsafe(ref first, offset + 48);
        o0.StoreUnsafe(ref second, offset);
        o1.StoreUnsafe(ref second, offset + 16);
        o2.StoreUnsafe(ref second, offset + 32);
        o3.StoreUnsafe(ref second, offset + 48);
    }

    /// <inheritdoc />
    /// <remarks>One two-source permute (vpermt2ps) per field.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadPairs(ref float source, nuint offset, out FloatLanes512 x, out FloatLanes512 y)
    {
        var o0 = Vector512.LoadUnsafe(ref source, offset);
        var o1 = Vector512.LoadUnsafe(ref source, offset + 16);
        x = new(Avx512F.PermuteVar16x32x2(o0, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), o1));
        y = new(Avx512F.PermuteVar16x32x2(o0, Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31), o1));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePairs(FloatLanes512 x, FloatLanes512 y, ref float first, ref float second, nuint offset)
    {
        var o0 = Avx512F.PermuteVar16x32x2(x.Value, Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), y.Value);
        var o1 = Avx512F.PermuteVar16x32x2(x.Value, Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31), y.Value);
        o0.StoreUnsafe(ref first, offset);
        o1.StoreUnsafe(ref first, offset + 16);
        o0.StoreUnsafe(ref second, offset);
        o1.StoreUnsafe(ref second, offset + 16);
    }

    /// <inheritdoc />
    /// <remarks>Per output vector, one permute places the x and y fields, a second the z fields.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreTriples(FloatLanes512 x, FloatLanes512 y, FloatLanes512 z, ref float destination, nuint offset)
    {
        var xy0 = Avx512F.PermuteVar16x32x2(x.Value, Vector512.Create(0, 16, 0, 1, 17, 0, 2, 18, 0, 3, 19, 0, 4, 20, 0, 5), y.Value);
        var xy1 = Avx512F.PermuteVar16x32x2(x.Value, Vector512.Create(21, 0, 6, 22, 0, 7, 23, 0, 8, 24, 0, 9, 25, 0, 10, 26), y.Value);
        var xy2 = Avx512F.PermuteVar16x32x2(x.Value, Vector512.Create(0, 11, 27, 0, 12, 28, 0, 13, 29, 0, 14, 30, 0, 15, 31, 0), y.Value);
        Avx512F.PermuteVar16x32x2(xy0, Vector512.Create(0, 1, 16, 3, 4, 17, 6, 7, 18, 9, 10, 19, 12, 13, 20, 15), z.Value).StoreUnsafe(ref destination, offset);
        Avx512F.PermuteVar16x32x2(xy1, Vector512.Create(0, 21, 2, 3, 22, 5, 6, 23, 8, 9, 24, 11, 12, 25, 14, 15), z.Value).StoreUnsafe(ref destination, offset + 16);
        Avx512F.PermuteVar16x32x2(xy2, Vector512.Create(26, 1, 2, 27, 4, 5, 28, 7, 8, 29, 10, 11, 30, 13, 14, 31), z.Value).StoreUnsafe(ref destination, offset + 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float destination, nuint index) => Value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IntLanes512 AsInt32() => new(Value.AsInt32());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ExtractMostSignificantBits() => Value.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreWidened(ref double destination, nuint index)
    {
        var (low, high) = Vector512.Widen(Value);
        low.StoreUnsafe(ref destination, index);
        high.StoreUnsafe(ref destination, index + (nuint)Vector512<double>.Count);
    }
}
