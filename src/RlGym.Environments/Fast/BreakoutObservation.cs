using System.Runtime.InteropServices;
using RlGym.Environments.MinAtar;

namespace RlGym.Environments.Fast;

/// <summary>
/// Breakout's whole 10x10x4 boolean observation as one unmanaged 400-byte struct of ten
/// <see cref="BreakoutObservationRow"/>s, laid out exactly as the row-major <c>bool[400]</c> of
/// <see cref="BreakoutDynamics.WriteObservation"/> ([row, column, channel]); plain nested structs rather than a fixed
/// buffer, which ILGPU's CUDA backend has mishandled.
/// </summary>
/// <param name="row0">Row 0 (top).</param>
/// <param name="row1">Row 1.</param>
/// <param name="row2">Row 2.</param>
/// <param name="row3">Row 3.</param>
/// <param name="row4">Row 4.</param>
/// <param name="row5">Row 5.</param>
/// <param name="row6">Row 6.</param>
/// <param name="row7">Row 7.</param>
/// <param name="row8">Row 8.</param>
/// <param name="row9">Row 9 (the paddle's).</param>
[StructLayout(LayoutKind.Sequential)]
public readonly struct BreakoutObservation(BreakoutObservationRow row0, BreakoutObservationRow row1, BreakoutObservationRow row2, BreakoutObservationRow row3, BreakoutObservationRow row4, BreakoutObservationRow row5, BreakoutObservationRow row6, BreakoutObservationRow row7, BreakoutObservationRow row8, BreakoutObservationRow row9)
{
    /// <summary>Row 0.</summary>
    public BreakoutObservationRow Row0 { get; } = row0;

    /// <summary>Row 1.</summary>
    public BreakoutObservationRow Row1 { get; } = row1;

    /// <summary>Row 2.</summary>
    public BreakoutObservationRow Row2 { get; } = row2;

    /// <summary>Row 3.</summary>
    public BreakoutObservationRow Row3 { get; } = row3;

    /// <summary>Row 4.</summary>
    public BreakoutObservationRow Row4 { get; } = row4;

    /// <summary>Row 5.</summary>
    public BreakoutObservationRow Row5 { get; } = row5;

    /// <summary>Row 6.</summary>
    public BreakoutObservationRow Row6 { get; } = row6;

    /// <summary>Row 7.</summary>
    public BreakoutObservationRow Row7 { get; } = row7;

    /// <summary>Row 8.</summary>
    public BreakoutObservationRow Row8 { get; } = row8;

    /// <summary>Row 9.</summary>
    public BreakoutObservationRow Row9 { get; } = row9;

    /// <summary>The observation of <paramref name="state"/>.</summary>
    public static BreakoutObservation Of(in BreakoutState state) => new(
        BreakoutObservationRow.Of(state, 0),
        BreakoutObservationRow.Of(state, 1),
        BreakoutObservationRow.Of(state, 2),
        BreakoutObservationRow.Of(state, 3),
        BreakoutObservationRow.Of(state, 4),
        BreakoutObservationRow.Of(state, 5),
        BreakoutObservationRow.Of(state, 6),
        BreakoutObservationRow.Of(state, 7),
        BreakoutObservationRow.Of(state, 8),
        BreakoutObservationRow.Of(state, 9));
}
