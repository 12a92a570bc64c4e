using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.MinAtar;

namespace RlGym.Environments.Fast;

/// <summary>
/// Breakout's whole 10x10x4 boolean observation as one unmanaged 400-byte struct of ten
/// <see cref="BreakoutObservationRow"/>s, laid out exactly as the row-major <c>bool[400]</c> of
/// <see cref="BreakoutDynamics.WriteObservation"/> ([row, column, channel]). Plain nested structs rather than a fixed
/// buffer (which ILGPU's CUDA backend has mishandled), written in place in the batch (<see cref="Write"/>).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct BreakoutObservation
{
    /// <summary>Row 0 (top).</summary>
    public BreakoutObservationRow Row0;

    /// <summary>Row 1.</summary>
    public BreakoutObservationRow Row1;

    /// <summary>Row 2.</summary>
    public BreakoutObservationRow Row2;

    /// <summary>Row 3.</summary>
    public BreakoutObservationRow Row3;

    /// <summary>Row 4.</summary>
    public BreakoutObservationRow Row4;

    /// <summary>Row 5.</summary>
    public BreakoutObservationRow Row5;

    /// <summary>Row 6.</summary>
    public BreakoutObservationRow Row6;

    /// <summary>Row 7.</summary>
    public BreakoutObservationRow Row7;

    /// <summary>Row 8.</summary>
    public BreakoutObservationRow Row8;

    /// <summary>Row 9 (the paddle's).</summary>
    public BreakoutObservationRow Row9;

    /// <summary>Writes the observation of <paramref name="state"/> into <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(in BreakoutState state, out BreakoutObservation destination)
    {
        BreakoutObservationRow.Write(state, 0, out destination.Row0);
        BreakoutObservationRow.Write(state, 1, out destination.Row1);
        BreakoutObservationRow.Write(state, 2, out destination.Row2);
        BreakoutObservationRow.Write(state, 3, out destination.Row3);
        BreakoutObservationRow.Write(state, 4, out destination.Row4);
        BreakoutObservationRow.Write(state, 5, out destination.Row5);
        BreakoutObservationRow.Write(state, 6, out destination.Row6);
        BreakoutObservationRow.Write(state, 7, out destination.Row7);
        BreakoutObservationRow.Write(state, 8, out destination.Row8);
        BreakoutObservationRow.Write(state, 9, out destination.Row9);
    }
}
