using System.Runtime.CompilerServices;

namespace RlGym.Environments.ClassicControl;

/// <summary>One float64 as <see cref="IDoubleLanes{TSelf}"/>: the scalar instance of the generic equations.</summary>
/// <param name="value">The value.</param>
internal readonly struct DoubleLane(double value) : IDoubleLanes<DoubleLane>
{
    public double Value { get; } = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleLane operator +(DoubleLane left, DoubleLane right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleLane operator -(DoubleLane left, DoubleLane right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleLane operator *(DoubleLane left, DoubleLane right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleLane operator /(DoubleLane left, DoubleLane right) => new(left.Value / right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleLane Create(double value) => new(value);
}
