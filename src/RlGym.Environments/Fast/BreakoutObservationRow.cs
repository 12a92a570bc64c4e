using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.MinAtar;

namespace RlGym.Environments.Fast;

/// <summary>
/// One row of Breakout's 10x10x4 boolean observation as five pairs of cells, eight bytes per pair (channel c of the
/// left cell in byte c, of the right cell in byte 4 + c, each 0 or 1, little-endian): laid out exactly as the row's 40
/// <c>bool</c>s. Written from the row's channel masks (<see cref="BreakoutDynamics.RowMask"/>) with a few integer
/// operations per pair and no branch per cell, so the fast CPU loop and a GPU kernel write it alike.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct BreakoutObservationRow
{
    /// <summary>Cells 0 (low four bytes) and 1 (high four bytes).</summary>
    public ulong Columns01;

    /// <summary>Cells 2 (low four bytes) and 3 (high four bytes).</summary>
    public ulong Columns23;

    /// <summary>Cells 4 (low four bytes) and 5 (high four bytes).</summary>
    public ulong Columns45;

    /// <summary>Cells 6 (low four bytes) and 7 (high four bytes).</summary>
    public ulong Columns67;

    /// <summary>Cells 8 (low four bytes) and 9 (high four bytes).</summary>
    public ulong Columns89;

    // Bits 0, 10, 20 and 30: one column of each channel in the combined mask of Write.
    private const ulong ColumnOfEachChannel = 0x4010_0401UL;

    // Multiplying moves bit 10c to bit 8c + 6 (c = 0..3): the four terms 2^(6 - 2c). No two of the sixteen products
    // of a half land on the same bit, and those of the two halves meet only on bits 32-36, below every target bit of
    // the high half and above those of the low one; their carries stop on the odd bits 33-37, which are masked off.
    private const ulong Gather = 0b0101_0101UL;

    private const ulong LowBitOfEachByte = 0x0101_0101_0101_0101UL;

    /// <summary>Writes row <paramref name="row"/> of <paramref name="state"/>'s observation into <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(in BreakoutState state, int row, out BreakoutObservationRow destination)
    {
        // The four 10-bit channel masks side by side: bit 10c + x is channel c at column x.
        var combined = BreakoutDynamics.RowMask(state, row, BreakoutDynamics.PaddleChannel)
            | ((ulong)BreakoutDynamics.RowMask(state, row, BreakoutDynamics.BallChannel) << (BreakoutDynamics.Size * BreakoutDynamics.BallChannel))
            | ((ulong)BreakoutDynamics.RowMask(state, row, BreakoutDynamics.TrailChannel) << (BreakoutDynamics.Size * BreakoutDynamics.TrailChannel))
            | ((ulong)BreakoutDynamics.RowMask(state, row, BreakoutDynamics.BrickChannel) << (BreakoutDynamics.Size * BreakoutDynamics.BrickChannel));
        if (combined == 0)
        {
            destination = default; // most rows: no brick, paddle, ball or trail
            return;
        }

        destination.Columns01 = Pair(combined >> 0);
        destination.Columns23 = Pair(combined >> 2);
        destination.Columns45 = Pair(combined >> 4);
        destination.Columns67 = Pair(combined >> 6);
        destination.Columns89 = Pair(combined >> 8);
    }

    // Columns x and x + 1 (bits 10c and 10c + 1 of the shifted mask) spread to one byte per channel and cell.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Pair(ulong shifted)
    {
        var columns = (shifted & ColumnOfEachChannel) | (((shifted >> 1) & ColumnOfEachChannel) << 32);
        return ((columns * Gather) >> 6) & LowBitOfEachByte;
    }
}
