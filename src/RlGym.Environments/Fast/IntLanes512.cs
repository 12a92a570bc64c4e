using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RlGym.Environments.Fast;

/// <summary>Sixteen int lanes (AVX-512): <see cref="IIntLanes{TSelf, TFloats}"/> over <see cref="Vector512{T}"/>.</summary>
/// <param name="value">The lanes.</param>
internal readonly struct IntLanes512(Vector512<int> value) : IIntLanes<IntLanes512, FloatLanes512>
{
    public Vector512<int> Value { get; } = value;

    public static IntLanes512 Zero => new(Vector512<int>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes512 operator +(IntLanes512 left, IntLanes512 right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes512 operator &(IntLanes512 left, IntLanes512 right) => new(left.Value & right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes512 operator |(IntLanes512 left, IntLanes512 right) => new(left.Value | right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes512 Create(int value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes512 Load(ref int source, nuint index) => new(Vector512.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes512 Equal(IntLanes512 left, IntLanes512 right) => new(Vector512.Equals(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes512 GreaterThanOrEqual(IntLanes512 left, IntLanes512 right) => new(Vector512.GreaterThanOrEqual(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntLanes512 ConditionalSelect(IntLanes512 mask, IntLanes512 whenTrue, IntLanes512 whenFalse) =>
        new(Vector512.ConditionalSelect(mask.Value, whenTrue.Value, whenFalse.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FloatLanes512 ConvertToSingle() => new(Vector512.ConvertToSingle(Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FloatLanes512 AsSingle() => new(Value.AsSingle());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ExtractMostSignificantBits() => Value.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref int destination, nuint index) => Value.StoreUnsafe(ref destination, index);
}
