using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;

namespace RlGym.Environments.MinAtar;

/// <summary>
/// MinAtar Breakout (Young &amp; Tian 2019), registered as <c>MinAtar/Breakout-v0</c> with the minimal action set.
/// </summary>
/// <remarks>
/// <para><b>Description.</b> On a 10x10 grid the player moves a paddle along the bottom row and bounces a ball to break
/// three rows of bricks at the top. The ball travels only along diagonals, one cell per step. When every brick is gone,
/// the three rows come back as the ball next reaches the bottom row. The rules live in <see cref="BreakoutDynamics"/>.</para>
///
/// <para><b>Action Space.</b> With the minimal action set (the default): <c>Discrete(3)</c>: 0 no-op, 1 left, 2 right.
/// With the full action set (<c>use_minimal_action_set=False</c>, MinAtar's own v0): <c>Discrete(6)</c>: 0 no-op,
/// 1 left, 2 up, 3 right, 4 down, 5 fire, where only left and right do anything. Left and right move the paddle one
/// column, clamped to [0, 9], before the ball moves. Sticky actions: each step a uniform draw from
/// <see cref="Env{TObs,TAction}.NpRandom"/> below <c>sticky_action_prob</c> replaces the action by the previous one
/// applied. As in MinAtar, the draw happens on every step, even after termination. Unlike MinAtar, which keeps the
/// remembered action across resets, every reset sets it to no-op, so that <c>Reset(seed)</c> and the actions
/// determine the whole episode (Gymnasium's reproducibility) whatever the previous episode did.</para>
///
/// <para><b>Observation Space.</b> <c>Box(0, 1, (10, 10, 4), bool)</c>, a flat row-major <c>bool[400]</c> indexed
/// [row, column, channel]:</para>
/// <list type="table">
/// <listheader><term>Channel</term><description>True where</description></listheader>
/// <item><term>0 paddle</term><description>the paddle (row 9)</description></item>
/// <item><term>1 ball</term><description>the ball</description></item>
/// <item><term>2 trail</term><description>the ball's cell before the last step (its own cell after a reset)</description></item>
/// <item><term>3 brick</term><description>a standing brick (rows 1-3)</description></item>
/// </list>
/// <para>MinAtar's Gymnasium wrapper declares <c>uint8</c> but returns float64 arrays of 0 and 1; booleans say
/// what the values are.</para>
///
/// <para><b>Rewards.</b> +1 for each brick broken, 0 otherwise; a Python <c>int</c> in MinAtar, hence
/// <see cref="RewardType.Int"/>.</para>
///
/// <para><b>Starting State.</b> Bricks fill rows 1-3; the paddle is at column 4; the ball is on row 3, either at
/// column 0 heading down-right or at column 9 heading down-left, chosen uniformly from
/// <see cref="Env{TObs,TAction}.NpRandom"/> (MinAtar's <c>random.choice(2)</c>, here <c>integers(0, 2)</c>). As in
/// MinAtar the ball starts inside the row-3 brick of its column; that brick is not hit by starting there.</para>
///
/// <para><b>Episode End.</b> Termination: the ball reaches row 9 neither from above the paddle nor onto the
/// paddle's column. Truncation: none; MinAtar registers no time limit, so neither do we. Stepping after termination
/// changes nothing and returns reward 0 with terminated true, as MinAtar does.</para>
///
/// <para><b>Arguments.</b> <c>sticky_action_prob</c> (float in [0, 1), default 0.1, MinAtar's default);
/// <c>use_minimal_action_set</c> (bool, default true: no-op, left, right; false: MinAtar's full set of 6).</para>
///
/// <para><b>Version History.</b> v0: the rules of MinAtar 1.0.15 with the minimal action set (MinAtar's own Gymnasium v1 action set).
/// Randomness comes from Gymnasium's seeded generator instead of MinAtar's <c>RandomState</c>, so trajectories
/// match MinAtar's rules but not its random draws.</para>
/// </remarks>
public sealed class BreakoutEnv : DynamicsEnv<BreakoutDynamics, BreakoutEpisode, bool, int, int>
{
    /// <summary>The number of actions in MinAtar's full action set (n, l, u, r, d, f).</summary>
    public const int FullActionCount = 6;

    /// <summary>The number of actions in Breakout's minimal action set (n, l, r).</summary>
    public const int MinimalActionCount = 3;

    /// <summary>Creates the environment; call <c>Reset</c> before the first step.</summary>
    /// <param name="stickyActionProb">Probability of repeating the previous action, in [0, 1).</param>
    /// <param name="useMinimalActionSet">True for the 3 actions (no-op, left, right); false for MinAtar's 6.</param>
    /// <param name="renderMode"><c>rgb_array</c> or null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stickyActionProb"/> is outside [0, 1).</exception>
    public BreakoutEnv(double stickyActionProb = 0.1, bool useMinimalActionSet = true, string? renderMode = null)
        : base(
            new BreakoutDynamics(stickyActionProb, useMinimalActionSet),
            new Box<bool>(0, 1, [BreakoutDynamics.Size, BreakoutDynamics.Size, BreakoutDynamics.Channels]),
            new Discrete(useMinimalActionSet ? MinimalActionCount : FullActionCount),
            // 20 fps: MinAtar shows each frame for display_time = 50 ms.
            new EnvMetadata([RenderModes.RgbArray], 20, RewardType.Int),
            renderMode)
    {
    }

    /// <summary>Probability of repeating the previous action.</summary>
    public double StickyActionProb => Dynamics.StickyActionProb;

    /// <summary>True when actions are (no-op, left, right); false for MinAtar's full set of 6.</summary>
    public bool UseMinimalActionSet => Dynamics.UseMinimalActionSet;

    /// <summary>The current game state (a copy).</summary>
    public BreakoutState State => CurrentState.Game;

    /// <summary>
    /// In <c>rgb_array</c> mode, the grid as a 168x168 frame (16-pixel cells in a 4-pixel frame) in MinAtar's colours:
    /// paddle dark teal, ball green, trail pink, bricks lavender; the highest channel of a cell wins (as in MinAtar), so
    /// a brick hides a ball inside it (as at the start, on row 3) and the trail hides a ball on its cell. Null
    /// without a render mode.
    /// </summary>
    public override Rendering? Render()
    {
        if (RenderMode != RenderModes.RgbArray)
        {
            return null;
        }

        return MinAtarRenderer.Render(Observation(), BreakoutDynamics.Size, BreakoutDynamics.Size, BreakoutDynamics.Channels);
    }
}
