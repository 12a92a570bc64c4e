using RlGym.Core.Dynamics;
using RlGym.Core.Random;

namespace RlGym.Environments.MinAtar;

/// <summary>
/// MinAtar Breakout's rules, once: the start, the sticky actions, the game's step (reward and termination) and the
/// observation. The scalar <see cref="BreakoutEnv"/> and its batched variant (<c>DynamicsVectorEnv</c>) call the
/// <see cref="IDynamics{TState, TObs, TAction}"/> methods, which draw from the generator passed in; the fast and GPU
/// variants (<c>BreakoutFastDynamics</c>) call the same static functions with their own generator.
/// </summary>
/// <remarks>
/// The order of the checks follows MinAtar's <c>breakout.py</c> exactly (see <see cref="Step(ref BreakoutState, int)"/>).
/// The static functions but <see cref="WriteObservation"/> are kernel-safe (no randomness, no allocation, no
/// exceptions, no library calls that may throw, integer math only), so the GPU kernel runs these same functions.
/// </remarks>
public readonly struct BreakoutDynamics : IDynamics<BreakoutEpisode, bool, int>
{
    /// <summary>Rows and columns of the grid.</summary>
    public const int Size = 10;

    /// <summary>Observation channels: paddle, ball, trail, brick.</summary>
    public const int Channels = 4;

    /// <summary>Observation channel of the paddle.</summary>
    public const int PaddleChannel = 0;

    /// <summary>Observation channel of the ball.</summary>
    public const int BallChannel = 1;

    /// <summary>Observation channel of the trail (the ball's previous cell).</summary>
    public const int TrailChannel = 2;

    /// <summary>Observation channel of the bricks.</summary>
    public const int BrickChannel = 3;

    /// <summary>First row holding bricks.</summary>
    public const int FirstBrickRow = 1;

    /// <summary>Last row holding bricks.</summary>
    public const int LastBrickRow = 3;

    /// <summary>Every brick of rows 1-3 standing (30 bits set).</summary>
    public const uint AllBricks = (1u << ((LastBrickRow - FirstBrickRow + 1) * Size)) - 1;

    private const int Last = Size - 1;

    /// <summary>The rules with the env's kwargs.</summary>
    /// <param name="stickyActionProb">The kwarg <c>sticky_action_prob</c>: probability of repeating the previous move, in [0, 1).</param>
    /// <param name="useMinimalActionSet">The kwarg <c>use_minimal_action_set</c>: true for (no-op, left, right), false for MinAtar's 6.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stickyActionProb"/> is outside [0, 1).</exception>
    public BreakoutDynamics(double stickyActionProb, bool useMinimalActionSet)
    {
        if (!(stickyActionProb is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(stickyActionProb), stickyActionProb, "sticky_action_prob must be in [0, 1).");
        }

        StickyActionProb = stickyActionProb;
        UseMinimalActionSet = useMinimalActionSet;
    }

    /// <summary>Probability of repeating the previous move.</summary>
    public double StickyActionProb { get; }

    /// <summary>True when actions are (no-op, left, right); false for MinAtar's full set of 6.</summary>
    public bool UseMinimalActionSet { get; }

    /// <summary>
    /// The start (<see cref="Reset(bool)"/>) on the side of one <c>integers(0, 2)</c> draw (MinAtar's
    /// <c>random.choice(2)</c>), with the sticky memory a no-op. The options are ignored.
    /// </summary>
    public BreakoutEpisode Reset(NumpyGenerator random, IReadOnlyDictionary<string, object>? options)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new() { Game = Reset(startRight: random.Integers(0, 2) == 1), LastMove = 0 };
    }

    /// <summary>
    /// One step: a uniform draw below <see cref="StickyActionProb"/> repeats the previous move (the draw happens on
    /// every step, before the game sees the action, even once the episode has ended, as in MinAtar), then
    /// <see cref="Step(ref BreakoutState, ref int, int, bool, bool)"/>.
    /// </summary>
    public double Step(ref BreakoutEpisode state, ReadOnlySpan<int> action, NumpyGenerator random, out bool terminated)
    {
        var reward = Step(ref state.Game, ref state.LastMove, action[0], random.Random() < StickyActionProb, UseMinimalActionSet);
        terminated = state.Game.Terminal;
        return reward;
    }

    /// <summary>The game's 10x10x4 observation (<see cref="WriteObservation"/>).</summary>
    public void Observe(in BreakoutEpisode state, Span<bool> observation) => WriteObservation(state.Game, observation);

    /// <summary>
    /// The starting state: full rows of bricks, paddle at column 4, ball on row 3 at column 0 heading down-right
    /// (<paramref name="startRight"/> false) or at column 9 heading down-left (true); the trail is the ball's cell.
    /// </summary>
    public static BreakoutState Reset(bool startRight)
    {
        var ballX = startRight ? Last : 0;
        return new BreakoutState
        {
            PaddleX = 4,
            BallX = ballX,
            BallY = 3,
            DirectionX = startRight ? -1 : 1,
            DirectionY = 1,
            LastX = ballX,
            LastY = 3,
            Bricks = AllBricks,
            Strike = false,
            Terminal = false,
        };
    }

    /// <summary>
    /// Advances <paramref name="state"/> by one step: the paddle moves by <paramref name="paddleMove"/> (clamped to the
    /// grid), then the ball moves one cell diagonally. Returns the reward, 1 when a brick broke and 0 otherwise.
    /// A terminal state is left unchanged and earns 0.
    /// </summary>
    /// <param name="state">The state, updated in place.</param>
    /// <param name="paddleMove">-1 left, 0 stay, +1 right.</param>
    /// <remarks>
    /// The checks run in MinAtar's order. Leaving the grid sideways clamps the column and mirrors horizontally.
    /// Then exactly one of: above the top clamps to row 0 and mirrors vertically; a brick cell breaks the brick
    /// (+1), keeps the ball on its row and mirrors vertically, unless a brick was met on the previous step, in which
    /// case the ball passes into the cell and the brick stays; row 9 first refills rows 1-3 when no brick is left,
    /// then bounces the ball back to its row with a vertical mirror when it came from above the paddle, reverses both
    /// directions (also back to its row) when it lands on the paddle's column, and otherwise ends the episode with
    /// the ball on row 9. The strike flag stays set only while the ball keeps meeting bricks.
    /// </remarks>
    public static int Step(ref BreakoutState state, int paddleMove)
    {
        if (state.Terminal)
        {
            return 0;
        }

        state.PaddleX = ClampToGrid(state.PaddleX + paddleMove);

        state.LastX = state.BallX;
        state.LastY = state.BallY;
        var newX = state.BallX + state.DirectionX;
        var newY = state.BallY + state.DirectionY;

        var reward = 0;
        var metBrick = false;
        if (newX < 0 || newX > Last)
        {
            newX = ClampToGrid(newX);
            state.DirectionX = -state.DirectionX;
        }

        if (newY < 0)
        {
            newY = 0;
            state.DirectionY = -state.DirectionY;
        }
        else if (HasBrick(state.Bricks, newX, newY))
        {
            metBrick = true;
            if (!state.Strike)
            {
                reward = 1;
                state.Strike = true;
                state.Bricks &= ~BrickBit(newX, newY);
                newY = state.LastY;
                state.DirectionY = -state.DirectionY;
            }
        }
        else if (newY == Last)
        {
            if (state.Bricks == 0)
            {
                state.Bricks = AllBricks;
            }

            // MinAtar compares the paddle with the ball's column before this move ("above the paddle").
            if (state.BallX == state.PaddleX)
            {
                state.DirectionY = -state.DirectionY;
                newY = state.LastY;
            }
            else if (newX == state.PaddleX)
            {
                state.DirectionX = -state.DirectionX;
                state.DirectionY = -state.DirectionY;
                newY = state.LastY;
            }
            else
            {
                state.Terminal = true;
            }
        }

        if (!metBrick)
        {
            state.Strike = false;
        }

        state.BallX = newX;
        state.BallY = newY;
        return reward;
    }

    /// <summary>
    /// One step with sticky actions, shared by every variant (each draws <paramref name="repeatLastMove"/> from its
    /// own generator): the paddle move of <paramref name="action"/>, or <paramref name="lastMove"/> when
    /// <paramref name="repeatLastMove"/>, is remembered in <paramref name="lastMove"/> and applied by
    /// <see cref="Step(ref BreakoutState, int)"/>, whose reward it returns.
    /// </summary>
    public static int Step(ref BreakoutState game, ref int lastMove, int action, bool repeatLastMove, bool useMinimalActionSet)
    {
        var move = repeatLastMove ? lastMove : PaddleMove(action, useMinimalActionSet);
        lastMove = move;
        return Step(ref game, move);
    }

    /// <summary>
    /// The paddle move of an action: -1 left, +1 right, 0 otherwise. Minimal action set (no-op, left, right): 1 is
    /// left and 2 right; MinAtar's full set (n, l, u, r, d, f): 1 is left and 3 right.
    /// </summary>
    public static int PaddleMove(int action, bool useMinimalActionSet) => useMinimalActionSet
        ? action switch { 1 => -1, 2 => 1, _ => 0 }
        : action switch { 1 => -1, 3 => 1, _ => 0 };

    /// <summary>True when a brick stands at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public static bool HasBrick(uint bricks, int x, int y) =>
        y is >= FirstBrickRow and <= LastBrickRow && (bricks & BrickBit(x, y)) != 0;

    /// <summary>The bit of <see cref="BreakoutState.Bricks"/> for the brick at column <paramref name="x"/>, row <paramref name="y"/> (rows 1-3).</summary>
    public static uint BrickBit(int x, int y) => 1u << (((y - FirstBrickRow) * Size) + x);

    /// <summary>
    /// Writes the 10x10x4 observation of <paramref name="state"/> into <paramref name="observation"/> (row-major
    /// [row, column, channel], every element written).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="observation"/> does not hold exactly 400 elements.</exception>
    public static void WriteObservation(in BreakoutState state, Span<bool> observation)
    {
        if (observation.Length != Size * Size * Channels)
        {
            throw new ArgumentException($"A Breakout observation holds {Size * Size * Channels} elements, got {observation.Length}.", nameof(observation));
        }

        observation.Clear();
        observation[Index(Last, state.PaddleX, PaddleChannel)] = true;
        observation[Index(state.BallY, state.BallX, BallChannel)] = true;
        observation[Index(state.LastY, state.LastX, TrailChannel)] = true;
        for (var y = FirstBrickRow; y <= LastBrickRow; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                observation[Index(y, x, BrickChannel)] = HasBrick(state.Bricks, x, y);
            }
        }
    }

    /// <summary>
    /// The columns of row <paramref name="row"/> where observation channel <paramref name="channel"/> is set, as a
    /// 10-bit mask (bit x for column x): the observation of <see cref="WriteObservation"/> one row and channel at a
    /// time, in a form a GPU kernel can compute.
    /// </summary>
    public static uint RowMask(in BreakoutState state, int row, int channel) => channel switch
    {
        PaddleChannel => row == Last ? 1u << state.PaddleX : 0u,
        BallChannel => row == state.BallY ? 1u << state.BallX : 0u,
        TrailChannel => row == state.LastY ? 1u << state.LastX : 0u,
        BrickChannel => row is >= FirstBrickRow and <= LastBrickRow ? (state.Bricks >> ((row - FirstBrickRow) * Size)) & ((1u << Size) - 1) : 0u,
        _ => 0u,
    };

    /// <summary>Flat index of (<paramref name="row"/>, <paramref name="column"/>, <paramref name="channel"/>) in an observation.</summary>
    public static int Index(int row, int column, int channel) => (((row * Size) + column) * Channels) + channel;

    // Math.Clamp throws on an empty range: a branch that ILGPU cannot compile into a kernel.
    private static int ClampToGrid(int value) => value < 0 ? 0 : value > Last ? Last : value;
}
