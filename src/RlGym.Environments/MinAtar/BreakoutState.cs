namespace RlGym.Environments.MinAtar;

/// <summary>
/// The whole game state of MinAtar Breakout in a small unmanaged struct, so that a batched (SoA, GPU) variant can
/// hold many copies and step each with <see cref="BreakoutDynamics.Step(ref BreakoutState, int)"/>. It is blittable (no <c>bool</c> fields), so
/// the GPU variant keeps it in device memory.
/// </summary>
/// <remarks>
/// Coordinates are grid cells: <c>x</c> is the column (0 left .. 9 right), <c>y</c> the row (0 top .. 9 bottom).
/// Bricks live on rows 1-3; bit <c>(y - 1) * 10 + x</c> of <see cref="Bricks"/> is set while that brick stands.
/// </remarks>
public struct BreakoutState
{
    /// <summary>Column of the paddle on row 9, in [0, 9].</summary>
    public int PaddleX;

    /// <summary>Column of the ball.</summary>
    public int BallX;

    /// <summary>Row of the ball.</summary>
    public int BallY;

    /// <summary>Horizontal direction of the ball: -1 left, +1 right.</summary>
    public int DirectionX;

    /// <summary>Vertical direction of the ball: -1 up, +1 down.</summary>
    public int DirectionY;

    /// <summary>Column of the ball before the last step (the trail).</summary>
    public int LastX;

    /// <summary>Row of the ball before the last step (the trail).</summary>
    public int LastY;

    /// <summary>Standing bricks, one bit per cell of rows 1-3 (30 bits).</summary>
    public uint Bricks;

    // Bytes behind the two flags keep the struct blittable: ILGPU keeps only blittable element types in device buffers.
    private byte _strike;
    private byte _terminal;

    /// <summary>True when the ball met a brick on the last step (a brick is broken only when this is false).</summary>
    public bool Strike
    {
        readonly get => _strike != 0;
        set => _strike = value ? (byte)1 : (byte)0;
    }

    /// <summary>True once the ball has reached row 9 away from the paddle; further steps change nothing.</summary>
    public bool Terminal
    {
        readonly get => _terminal != 0;
        set => _terminal = value ? (byte)1 : (byte)0;
    }
}
