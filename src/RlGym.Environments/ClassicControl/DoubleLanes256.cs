using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RlGym.Environments.ClassicControl;

/// <summary>Four float64 lanes (AVX) as <see cref="IDoubleLanes{TSelf}"/>.</summary>
/// <param name="value">The lanes.</param>
internal readonly struct DoubleLanes256(Vector256<double> value) : IDoubleLanes<DoubleLanes256>
{
    public Vector256<double> Value { get; } = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleLanes256 operator +(DoubleLanes256 left, DoubleLanes256 right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleLanes256 operator -(DoubleLanes256 left, DoubleLanes256 right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleLanes256 operator *(DoubleLanes256 left, DoubleLanes256 right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleLanes256 operator /(DoubleLanes256 left, DoubleLanes256 right) => new(left.Value / right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleLanes256 Create(double value) => new(Vector256.Create(value));
}
