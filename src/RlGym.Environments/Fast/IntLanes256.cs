using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RlGym.Environments.Fast;

/// <summary>Eight int lanes (AVX): <see cref="IIntLanes{TSelf, TFloats}"/> over <see cref="Vector256{T}"/>.</summary>
/// <param name="value">The lanes.</param>
internal readonly struct IntLanes256(Vector256<int> value) : IIntLanes<IntLanes256, FloatLanes256>
{
    public Vector256<int> Value { get; } = value;

    public static IntLanes256 Zero => new(Vector256<int>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes256 operator +(IntLanes256 left, IntLanes256 right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes256 operator &(IntLanes256 left, IntLanes256 right) => new(left.Value & right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes256 operator |(IntLanes256 left, IntLanes256 right) => new(left.Value | right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes256 Create(int value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes256 Load(ref int source, nuint index) => new(Vector256.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes256 Equal(IntLanes256 left, IntLanes256 right) => new(Vector256.Equals(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes256 GreaterThanOrEqual(IntLanes256 left, IntLanes256 right) => new(Vector256.GreaterThanOrEqual(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes256 ConditionalSelect(IntLanes256 mask, IntLanes256 whenTrue, IntLanes256 whenFalse) =>
        new(Vector256.ConditionalSelect(mask.Value, whenTrue.Value, whenFalse.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FloatLanes256 ConvertToSingle() => new(Vector256.ConvertToSingle(Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FloatLanes256 AsSingle() => new(Value.AsSingle());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ExtractMostSignificantBits() => Value.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref int destination, nuint index) => Value.StoreUnsafe(ref destination, index);
}
