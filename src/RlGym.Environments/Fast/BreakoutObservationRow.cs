using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RlGym.Environments.MinAtar;

namespace RlGym.Environments.Fast;

/// <summary>
/// One row of Breakout's 10x10x4 boolean observation as ten cells of four bytes (channel c in byte c of the
/// little-endian <c>uint</c>, 0 or 1): laid out exactly as the row's 40 <c>bool</c>s. Built from the row's channel
/// masks (<see cref="BreakoutDynamics.RowMask"/>) without branches per cell, so a GPU kernel builds it too.
/// </summary>
/// <param name="column0">Cell 0 (leftmost).</param>
/// <param name="column1">Cell 1.</param>
/// <param name="column2">Cell 2.</param>
/// <param name="column3">Cell 3.</param>
/// <param name="column4">Cell 4.</param>
/// <param name="column5">Cell 5.</param>
/// <param name="column6">Cell 6.</param>
/// <param name="column7">Cell 7.</param>
/// <param name="column8">Cell 8.</param>
/// <param name="column9">Cell 9.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly struct BreakoutObservationRow(uint column0, uint column1, uint column2, uint column3, uint column4, uint column5, uint column6, uint column7, uint column8, uint column9)
{
    /// <summary>Cell 0.</summary>
    public uint Column0 { get; } = column0;

    /// <summary>Cell 1.</summary>
    public uint Column1 { get; } = column1;

    /// <summary>Cell 2.</summary>
    public uint Column2 { get; } = column2;

    /// <summary>Cell 3.</summary>
    public uint Column3 { get; } = column3;

    /// <summary>Cell 4.</summary>
    public uint Column4 { get; } = column4;

    /// <summary>Cell 5.</summary>
    public uint Column5 { get; } = column5;

    /// <summary>Cell 6.</summary>
    public uint Column6 { get; } = column6;

    /// <summary>Cell 7.</summary>
    public uint Column7 { get; } = column7;

    /// <summary>Cell 8.</summary>
    public uint Column8 { get; } = column8;

    /// <summary>Cell 9.</summary>
    public uint Column9 { get; } = column9;

    /// <summary>Row <paramref name="row"/> of <paramref name="state"/>'s observation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BreakoutObservationRow Of(in BreakoutState state, int row)
    {
        var paddle = BreakoutDynamics.RowMask(state, row, BreakoutDynamics.PaddleChannel);
        var ball = BreakoutDynamics.RowMask(state, row, BreakoutDynamics.BallChannel);
        var trail = BreakoutDynamics.RowMask(state, row, BreakoutDynamics.TrailChannel);
        var bricks = BreakoutDynamics.RowMask(state, row, BreakoutDynamics.BrickChannel);
        if ((paddle | ball | trail | bricks) == 0)
        {
            return default;
        }

        return new(
            Cell(paddle, ball, trail, bricks, 0),
            Cell(paddle, ball, trail, bricks, 1),
            Cell(paddle, ball, trail, bricks, 2),
            Cell(paddle, ball, trail, bricks, 3),
            Cell(paddle, ball, trail, bricks, 4),
            Cell(paddle, ball, trail, bricks, 5),
            Cell(paddle, ball, trail, bricks, 6),
            Cell(paddle, ball, trail, bricks, 7),
            Cell(paddle, ball, trail, bricks, 8),
            Cell(paddle, ball, trail, bricks, 9));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Cell(uint paddle, uint ball, uint trail, uint bricks, int column) =>
        (((paddle >> column) & 1u) << (8 * BreakoutDynamics.PaddleChannel))
        | (((ball >> column) & 1u) << (8 * BreakoutDynamics.BallChannel))
        | (((trail >> column) & 1u) << (8 * BreakoutDynamics.TrailChannel))
        | (((bricks >> column) & 1u) << (8 * BreakoutDynamics.BrickChannel));
}
